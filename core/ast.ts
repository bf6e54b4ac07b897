// The abstract syntax tree of one `.plan` document, as written. Every node keeps its
// source range. Nothing here is resolved: references are the names as typed. The parser
// (grammar/) builds it; everything after (core/resolve, core/validate, …) reads it.
// Fields the user left out (or that error recovery lost) are `undefined`, never guessed.

/**
 * A position: zero-based line and column (UTF-16 units, as LSP counts). No offset: the
 * position of a declaration stays true when a line above it changes length, which lets a
 * parse after an edit keep the declarations around it (grammar/index.ts). Convert with
 * the text's line starts (`LineMap` in grammar/ranges.ts, or the editor's document).
 */
export interface Pos {
  line: number;
  col: number;
}

/** Orders positions as they come in the text. */
export const comparePos = (a: Pos, b: Pos): number => a.line - b.line || a.col - b.col;

/**
 * Orders strings by UTF-16 code units: the same order on every machine, where
 * `localeCompare` follows the process's locale (and is slow).
 */
export const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** A half-open source range [start, end). */
export interface Range {
  start: Pos;
  end: Pos;
}

export interface Node {
  range: Range;
}

/** A word with its range: identifiers, keyword values, references' segments. */
export interface Ident extends Node {
  text: string;
}

export interface StringLit extends Node {
  value: string;
}

/** A calendar date, as typed (`2027-01-04`). Checked for validity by the validator. */
export interface DateLit extends Node {
  text: string;
  year: number;
  month: number; // 1..12
  day: number; // 1..31
}

export interface DateRangeLit extends Node {
  from: DateLit;
  to: DateLit | undefined; // a single day when undefined
}

export type DurationUnit = "h" | "d" | "w" | "mo";

/** `5d`, `4h`, `3ed` (elapsed). */
export interface DurationLit extends Node {
  value: number;
  unit: DurationUnit;
  elapsed: boolean;
  text: string;
}

export interface PercentLit extends Node {
  value: number; // 50 for `50%`
}

export interface NumberLit extends Node {
  value: number;
  text: string; // as typed, so money can be parsed exactly
}

export interface RateLit extends Node {
  amount: NumberLit;
  per: "h" | "d";
}

export interface TimeRangeLit extends Node {
  from: string; // "09:00"
  to: string; // "12:00" or "24:00"
}

/** A reference as written: `build.data` → segments ["build", "data"]. */
export interface Ref extends Node {
  segments: Ident[];
}

export interface Document {
  uri: string;
  imports: Import[];
  project: Project | undefined;
  /** Extra `project` blocks, kept so the validator can report them. */
  extraProjects: Project[];
  calendars: Calendar[];
  resources: Resource[];
  tasks: Task[];
  risks: Risk[];
  /** Every `#` comment with its range, for the formatter. */
  comments: Comment[];
  range: Range;
}

export interface Comment extends Node {
  text: string; // including the leading '#'
}

export interface Import extends Node {
  path: StringLit | undefined;
}

export interface Project extends Node {
  keyword: Node;
  name: StringLit | undefined;
  start: DateLit | undefined;
  currency: Ident | undefined;
  budget: NumberLit | undefined;
  calendar: Ref | undefined;
  status: DateLit | undefined;
  leveling: Ident | undefined; // "on" | "off"
}

export interface Calendar extends Node {
  id: Ident | undefined;
  workweek: Weekdays | undefined;
  hours: TimeRangeLit[] | undefined;
  holidays: Holiday[];
}

/** `mon-fri` or `mon, wed, fri`: each item a day or a range of days. */
export interface Weekdays extends Node {
  items: { from: Ident; to: Ident | undefined; range: Range }[];
}

export interface Holiday extends Node {
  dates: DateRangeLit | undefined;
  name: StringLit | undefined;
}

export interface Resource extends Node {
  id: Ident | undefined;
  name: StringLit | undefined;
  role: StringLit | undefined;
  rate: RateLit | undefined;
  units: NumberLit | PercentLit | undefined;
  off: DateRangeLit[];
  calendar: Ref | undefined;
  kind: Ident | undefined; // "person" | "vendor"
}

export type TaskKind = "task" | "milestone";

export interface Task extends Node {
  kind: TaskKind;
  /** The `task`/`milestone` keyword, for keyword hovers and error ranges. */
  keyword: Node;
  id: Ident | undefined;
  name: StringLit | undefined;
  duration: DurationLit | undefined;
  effort: DurationLit | undefined;
  estimate: Estimate | undefined;
  assignments: Assignment[];
  /** Every `after` clause's links, in order. */
  deps: Dependency[];
  costs: FixedCost[];
  budget: NumberLit | undefined;
  done: PercentLit | undefined;
  started: DateLit | undefined;
  finished: DateLit | undefined;
  spent: NumberLit | undefined;
  notes: StringLit[];
  priority: NumberLit | undefined;
  calendar: Ref | undefined;
  constraints: Constraint[];
  deadline: DateLit | undefined;
  children: Task[];
  /** Range of the `{ … }` block, when present (folding, formatting, code lens). */
  body: Range | undefined;
  /**
   * Every field keyword seen in this block, in order, with its range; repeated ones
   * included, so the validator can report duplicates and tools can find clauses.
   */
  fields: Field[];
}

export interface Field extends Node {
  keyword: string; // "duration", "after", "start no earlier than", …
  /** The whole clause, keyword and values (`duration 5d`), e.g. to remove a repeated field. */
  clause?: Range;
}

export interface Estimate extends Node {
  optimistic: DurationLit;
  likely: DurationLit;
  pessimistic: DurationLit;
}

export interface Assignment extends Node {
  resource: Ref;
  share: PercentLit | undefined;
}

export type LinkType = "FS" | "SS" | "FF" | "SF";

export interface Dependency extends Node {
  target: Ref;
  type: LinkType;
  typeNode: Ident | undefined; // undefined when FS by default
  /** Lag (+) or lead (−); the sign is in `negative`. */
  lag: DurationLit | undefined;
  negative: boolean;
}

export interface FixedCost extends Node {
  amount: NumberLit;
  category: StringLit | undefined;
}

export type ConstraintKind =
  | "startNoEarlierThan"
  | "finishNoLaterThan"
  | "startOn"
  | "asLateAsPossible";

export interface Constraint extends Node {
  kind: ConstraintKind;
  date: DateLit | undefined; // undefined for asLateAsPossible
}

export type RiskStatus = "open" | "mitigated" | "closed" | "occurred";

export interface Risk extends Node {
  id: Ident | undefined;
  name: StringLit | undefined;
  probability: PercentLit | undefined;
  costImpact: NumberLit | undefined;
  scheduleImpact: DurationLit | undefined;
  affects: Ref[];
  owner: Ref | undefined;
  mitigation: StringLit | undefined;
  status: Ident | undefined;
}

/**
 * The one empty list of the AST and the plan model: shared and frozen, since most lists
 * (a task's costs, notes, children…) stay empty; a list gets its own array on its first item.
 */
export const EMPTY: never[] = Object.freeze([]) as never[];
