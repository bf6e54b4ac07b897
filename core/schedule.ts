// The schedule: what core/scheduler computes from a PlanModel. Times are Minutes (see
// model.ts); slack and lengths are working minutes on the task's calendar; money is cents.
import type { Cents, DayNumber, Minutes, Span } from "./model";
import type { LinkType, ConstraintKind } from "./ast";
import type { Diagnostic } from "./diagnostics";
import { groupByKey } from "./group";

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

/**
 * Every booking of a schedule, held as columns: a 10 000-task plan has some 65 000, which
 * as objects were the largest part of what each analysis allocated and the collector
 * copied. Read-only: the columns are private, so the frozen instance cannot be changed.
 * Bookings are in plan order of their tasks, then by assignment, then by day.
 */
export class Bookings implements Iterable<Booking> {
  readonly #resource: Int32Array;
  readonly #task: Int32Array;
  readonly #day: Int32Array;
  readonly #minutes: Int32Array;
  /** Booking indices by resource, each in booking order: `#order[#from[r] … #from[r + 1])`. */
  readonly #from: Int32Array;
  readonly #order: Int32Array;
  readonly length: number;

  constructor(columns: BookingColumns, resources: number) {
    this.length = columns.length;
    this.#resource = columns.resource.slice(0, this.length);
    this.#task = columns.task.slice(0, this.length);
    this.#day = columns.day.slice(0, this.length);
    this.#minutes = columns.minutes.slice(0, this.length);
    const byResource = groupByKey(this.#resource, resources);
    this.#from = byResource.start;
    this.#order = byResource.items;
    Object.freeze(this);
  }

  resource(k: number): number {
    return this.#resource[k]!;
  }
  task(k: number): number {
    return this.#task[k]!;
  }
  day(k: number): DayNumber {
    return this.#day[k]!;
  }
  minutes(k: number): number {
    return this.#minutes[k]!;
  }

  at(k: number): Booking {
    return { resource: this.#resource[k]!, task: this.#task[k]!, day: this.#day[k]!, minutes: this.#minutes[k]! };
  }

  /** The day of every booking, by booking index (a copy, for who reads them all). */
  days(): Int32Array {
    return this.#day.slice();
  }

  /** The indices of the bookings of `resource`, in booking order (a copy: the columns stay private). */
  ofResource(resource: number): Int32Array {
    return this.#order.slice(this.#from[resource]!, this.#from[resource + 1]!);
  }

  *[Symbol.iterator](): Iterator<Booking> {
    for (let k = 0; k < this.length; k++) yield this.at(k);
  }
}

/** Bookings as they are made: growing columns, the first `length` entries in use. */
export class BookingColumns {
  resource: Int32Array;
  task: Int32Array;
  day: Int32Array;
  /** Rounded to whole minutes, as booked. */
  minutes: Int32Array;
  /** The unrounded minutes: over-allocation sums these (see core/scheduler/cost.ts). */
  exact: Float64Array;
  length = 0;

  /** Room for `capacity` bookings before the columns grow. */
  constructor(capacity = 1024) {
    this.resource = new Int32Array(capacity);
    this.task = new Int32Array(capacity);
    this.day = new Int32Array(capacity);
    this.minutes = new Int32Array(capacity);
    this.exact = new Float64Array(capacity);
  }

  push(resource: number, task: number, day: DayNumber, exact: number): void {
    this.reserve(1);
    const k = this.length++;
    this.resource[k] = resource;
    this.task[k] = task;
    this.day[k] = day;
    this.minutes[k] = Math.round(exact);
    this.exact[k] = exact;
  }

  /** Appends rows `from … to` of another's. */
  append(other: BookingColumns, from: number, to: number): void {
    if (to <= from) return;
    this.reserve(to - from);
    this.resource.set(other.resource.subarray(from, to), this.length);
    this.task.set(other.task.subarray(from, to), this.length);
    this.day.set(other.day.subarray(from, to), this.length);
    this.minutes.set(other.minutes.subarray(from, to), this.length);
    this.exact.set(other.exact.subarray(from, to), this.length);
    this.length += to - from;
  }

  private reserve(more: number): void {
    if (this.length + more <= this.resource.length) return;
    let size = this.resource.length * 2;
    while (size < this.length + more) size *= 2;
    this.resource = grown(this.resource, size);
    this.task = grown(this.task, size);
    this.day = grown(this.day, size);
    this.minutes = grown(this.minutes, size);
    this.exact = grown(this.exact, size);
  }
}

function grown<A extends Int32Array | Float64Array>(a: A, size: number): A {
  const b = new (a.constructor as new (n: number) => A)(size);
  b.set(a);
  return b;
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
  bookings: Bookings;
  resources: ResourceLoad[];
  leveled: boolean;
  diagnostics: Diagnostic[];
}
