// The schedule: what core/scheduler computes from a PlanModel. Times are Minutes (see
// model.ts); slack and lengths are working minutes on the task's calendar; money is cents.
import type { Cents, DayNumber, Minutes, Span } from "./model";
import type { LinkType, ConstraintKind } from "./ast";
import type { Diagnostic } from "./diagnostics";

/** Why a task starts when it does. Every scheduled task has exactly one. */
export type Driver =
  | { kind: "projectStart" }
  | { kind: "predecessor"; task: number; type: LinkType; lag: Span }
  | { kind: "constraint"; constraint: ConstraintKind; day: DayNumber }
  | { kind: "statusDate"; day: DayNumber }
  | { kind: "actual"; day: DayNumber }
  | { kind: "lateDates" } // as late as possible: placed at its late start
  /** The logical start fell in non-working time; the task waited for this gap. */
  | { kind: "calendarGap"; reason: "holiday" | "weekend" | "resourceOff" | "offHours"; name: string | undefined; from: Minutes; to: Minutes; resource: number | undefined; inner: Driver }
  /** Leveling delayed the task: `resource` was taken by `competitor`. */
  | { kind: "leveling"; resource: number; competitor: number; inner: Driver };

export interface TaskSchedule {
  index: number;
  start: Minutes;
  finish: Minutes;
  earlyStart: Minutes;
  earlyFinish: Minutes;
  lateStart: Minutes;
  lateFinish: Minutes;
  /** Working minutes of the task's calendar between start and finish. */
  duration: number;
  /** Total booked work in minutes (sum over assignments). */
  work: number;
  totalSlack: number; // working minutes, may be negative
  freeSlack: number;
  critical: boolean;
  driver: Driver;
  /** Planned cost: resource bookings + fixed costs (rolled up for summaries). */
  cost: Cents;
  /** Progress 0..1 (work-weighted for summaries). */
  done: number;
  /** Set when the task is not scheduled (e.g. it sits in a dependency cycle). */
  unscheduled?: boolean;
}

/** Work of one resource on one task on one calendar day. */
export interface Booking {
  resource: number;
  task: number;
  day: DayNumber;
  minutes: number;
}

export interface ResourceLoad {
  resource: number;
  work: number; // total booked minutes
  cost: Cents;
}

export interface ScheduleResult {
  tasks: TaskSchedule[]; // indexed like PlanModel.tasks
  start: Minutes;
  finish: Minutes;
  cost: Cents;
  /** The driving chain to the project finish, first task first (task indices). */
  criticalPath: number[];
  bookings: Booking[];
  resources: ResourceLoad[];
  leveled: boolean;
  diagnostics: Diagnostic[];
}
