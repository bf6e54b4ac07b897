// The public JSON shape of a schedule: `gantry schedule --format json` prints it, the
// language server sends it to the schedule panel, tests and other tools read it.
// Field names are stable; add fields, never rename. Date-times are ISO local
// ("2027-01-04T08:00"), days are "2027-01-04", lengths and slack are working hours,
// money is a decimal number in the project currency (exact to the cent).

export interface ScheduleJson {
  project: ProjectJson;
  /** The project calendar, for shading non-working days. */
  calendar: CalendarJson;
  tasks: TaskJson[];
  resources: ResourceJson[];
  bookings: BookingJson[];
  risks: RiskJson[];
  /** The driving chain to the project finish, first task first (task ids). */
  criticalPath: string[];
}

export interface ProjectJson {
  name: string;
  start: string;
  finish: string;
  currency: string;
  budget: number | null;
  cost: number;
  actualCost: number | null;
  statusDate: string | null;
  durationHours: number;
  leveled: boolean;
  uri: string;
}

export interface CalendarJson {
  /** Working weekdays, 0 = Monday … 6 = Sunday. */
  workdays: number[];
  hoursPerDay: number;
  holidays: { from: string; to: string; name: string | null }[];
}

export interface SourceRangeJson {
  uri: string;
  /** Zero-based, as LSP counts. */
  line: number;
  col: number;
  endLine: number;
  endCol: number;
}

export interface DependencyJson {
  id: string;
  type: "FS" | "SS" | "FF" | "SF";
  lagHours: number;
  elapsed: boolean;
}

export interface DriverJson {
  kind: "projectStart" | "predecessor" | "constraint" | "statusDate" | "actual" | "lateDates" | "calendarGap" | "leveling";
  /** One sentence for people: "after build.infra (FS +2d)". */
  text: string;
  task?: string; // a predecessor or competing task id
  resource?: string; // a resource taken by leveling, or on leave
}

export interface TaskJson {
  id: string; // dotted WBS path: "build.data"
  wbs: string; // outline number: "2.1"
  name: string;
  parent: string | null;
  depth: number;
  summary: boolean;
  milestone: boolean;
  start: string;
  finish: string;
  earlyStart: string;
  earlyFinish: string;
  lateStart: string;
  lateFinish: string;
  durationHours: number;
  workHours: number;
  totalSlack: number; // working hours
  freeSlack: number;
  critical: boolean;
  done: number; // 0..100
  deadline: string | null;
  deadlineMissed: boolean;
  cost: number;
  budget: number | null;
  actualCost: number | null;
  resources: { id: string; share: number }[]; // share in % (100 = full)
  predecessors: DependencyJson[];
  fixedCosts: { amount: number; category: string | null }[];
  driver: DriverJson;
  notes: string[];
  unscheduled: boolean;
  source: SourceRangeJson;
}

export interface ResourceJson {
  id: string;
  name: string;
  role: string | null;
  kind: "person" | "vendor";
  units: number;
  rate: number | null;
  per: "h" | "d" | null;
  workHours: number;
  cost: number;
  capacity: CapacityJson;
  source: SourceRangeJson;
}

/**
 * A resource's capacity in hours per day over the project span, `from` to `to` (both
 * included): `week[i]` on weekday i (Monday first), none on its days off. A week and its
 * exceptions rather than a list of days, which on a 10k-task plan is 246,000 entries
 * (4 MB of every panel update), and on a plan whose span a typo stretches to the year
 * 9999, millions.
 */
export interface CapacityJson {
  from: string;
  to: string;
  week: number[];
  /** Its days off within the span (its calendar's holidays, its leave), merged: [first, last] days. */
  off: [string, string][];
}

export interface BookingJson {
  resource: string;
  task: string;
  day: string;
  hours: number;
}

export interface RiskJson {
  id: string;
  name: string;
  probability: number; // 0..100
  costImpact: number | null;
  scheduleImpactDays: number | null;
  exposureCost: number | null;
  exposureDays: number | null;
  affects: string[];
  owner: string | null;
  mitigation: string | null;
  status: "open" | "mitigated" | "closed" | "occurred";
  source: SourceRangeJson;
}
