// The resolved plan: what the scheduler reads. Built from the ASTs of a plan and its
// imports by core/lower.ts after name resolution. References are indices into the
// arrays here; lengths are minutes; money is integer cents. Nothing here is scheduled.
import type * as ast from "./ast";

/**
 * A point in time: whole minutes since 1970-01-01 00:00 of the project's wall clock
 * (no time zone). A calendar day is `Math.floor(t / 1440)` (a "day number").
 */
export type Minutes = number;
/** Days since 1970-01-01 (day 0 was a Thursday). */
export type DayNumber = number;
/** Integer cents of the project currency: sums are exact. */
export type Cents = number;

export interface DayRange {
  from: DayNumber;
  to: DayNumber; // inclusive
  name: string | undefined;
}

export interface CalendarModel {
  id: string; // "(default)" for the built-in standard calendar
  /** Working weekdays, index 0 = Monday … 6 = Sunday. */
  workdays: boolean[];
  /** Working ranges within a day, in minutes from midnight, sorted, non-overlapping. */
  hours: { from: number; to: number }[];
  holidays: DayRange[];
  /** Working minutes in one working day (sum of `hours`). */
  minutesPerDay: number;
  node: ast.Calendar | undefined;
}

export interface ResourceModel {
  index: number;
  id: string;
  name: string;
  role: string | undefined;
  kind: "person" | "vendor";
  /** Cost in cents per `per` unit as written (an hour or a working day), or undefined when no rate is given. */
  rate: { cents: Cents; per: "h" | "d" } | undefined;
  /** Capacity: 1 = one full-time person, 3 = a pool of three, 0.5 = half time. */
  units: number;
  off: DayRange[];
  calendar: CalendarModel;
  uri: string;
  node: ast.Resource;
}

/** A length: working minutes on the applicable calendar, or elapsed clock minutes. */
export interface Span {
  minutes: number;
  elapsed: boolean;
}

export interface DependencyModel {
  /** Predecessor task index (may be a summary: the scheduler expands it to leaves). */
  from: number;
  type: ast.LinkType;
  lag: Span; // negative minutes for a lead
  node: ast.Dependency;
  uri: string;
}

export interface ConstraintModel {
  kind: ast.ConstraintKind;
  day: DayNumber | undefined;
  node: ast.Constraint;
}

export interface TaskModel {
  index: number;
  /** Full dotted WBS path: `build.data`. Unique within the plan. */
  id: string;
  localId: string;
  name: string;
  /** Outline number: "2.1". */
  wbs: string;
  depth: number;
  parent: number | undefined;
  children: number[];
  summary: boolean;
  milestone: boolean;
  /**
   * How the length is given. For `effort`, `span` is the total work; the duration follows
   * from the assignments. For `estimate`, `span` is the PERT mean and `estimate` keeps
   * the three points.
   */
  lengthKind: "duration" | "effort" | "estimate" | "none";
  span: Span;
  estimate: { optimistic: Span; likely: Span; pessimistic: Span } | undefined;
  assignments: { resource: number; share: number }[]; // share 1 = 100%
  deps: DependencyModel[];
  constraints: ConstraintModel[];
  deadline: DayNumber | undefined;
  fixedCosts: { cents: Cents; category: string | undefined }[];
  budget: Cents | undefined;
  done: number; // 0..1
  started: DayNumber | undefined;
  finished: DayNumber | undefined;
  spent: Cents | undefined;
  notes: string[];
  priority: number; // 0..1000, default 500
  calendar: CalendarModel | undefined; // the task's own calendar, if it names one
  uri: string;
  node: ast.Task;
}

export interface RiskModel {
  index: number;
  id: string;
  name: string;
  probability: number; // 0..1
  costImpact: Cents | undefined;
  scheduleImpact: Span | undefined;
  affects: number[]; // task indices
  owner: number | undefined; // resource index
  mitigation: string | undefined;
  status: ast.RiskStatus;
  uri: string;
  node: ast.Risk;
}

export interface ProjectModel {
  name: string;
  start: DayNumber;
  currency: string;
  budget: Cents | undefined;
  calendar: CalendarModel;
  status: DayNumber | undefined;
  leveling: boolean;
  /** The `project` block and its document, for diagnostics about the whole project. */
  node?: ast.Project;
  uri?: string;
}

export interface PlanModel {
  project: ProjectModel;
  calendars: CalendarModel[];
  resources: ResourceModel[];
  /** All tasks in pre-order (a parent before its children, siblings in source order). */
  tasks: TaskModel[];
  risks: RiskModel[];
}
