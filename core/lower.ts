// Lowering: ASTs + name resolution → the PlanModel the scheduler reads. Lengths become
// minutes on the calendar that applies, money becomes integer cents (parsed from the
// text as typed, never through floating point), percentages become fractions.
// Invalid input has already been reported by the validators; lowering never fails and
// substitutes the neutral value (e.g. the default calendar's hours for a calendar
// without working time) so the rest of the plan still schedules.
import { EMPTY } from "./ast";
import type * as ast from "./ast";
import { dateDayOf, parseTimeOfDay, WEEKDAYS } from "./dates";
import type {
  CalendarModel,
  Cents,
  ConstraintModel,
  DayNumber,
  DayRange,
  DependencyModel,
  PlanModel,
  ResourceModel,
  RiskModel,
  Span,
  TaskModel,
} from "./model";
import { assignmentTarget, calendarTarget, linkTarget, type Resolution, type TaskEntry } from "./resolve";

/**
 * Task models and their parts are frozen as made (their AST nodes come frozen from the
 * parser, their calendars are frozen with the plan's), so the analysis's deep freeze
 * skips the bulk of the model; the empty lists (`EMPTY`) and the zero length are shared.
 */
const frozen = <T extends object>(x: T): T => Object.freeze(x) as T;

/**
 * A list collected by push, frozen at its length: a push onto an empty array makes room
 * for 16, which a model would keep as long as the plan is open (a copy is exact).
 */
const collected = <T>(out: T[]): T[] => frozen(out.slice());

const NO_SPAN: Span = frozen({ minutes: 0, elapsed: false });

export const DEFAULT_CALENDAR_ID = "(default)";
const STANDARD_WORKDAYS = [true, true, true, true, true, false, false];
const STANDARD_HOURS = [
  { from: 8 * 60, to: 12 * 60 },
  { from: 13 * 60, to: 17 * 60 },
];

export function defaultCalendar(): CalendarModel {
  return { id: DEFAULT_CALENDAR_ID, workdays: [...STANDARD_WORKDAYS], hours: STANDARD_HOURS.map((h) => ({ ...h })), holidays: [], minutesPerDay: 480, node: undefined };
}

/** Money as typed → integer cents; digits past the cent are rounded half up (GANTRY109 reports them). */
export function parseCents(text: string): Cents | undefined {
  const m = /^(-?)(\d+)(?:\.(\d*))?$/.exec(text.trim());
  if (!m) return undefined;
  const frac = (m[3] ?? "").padEnd(3, "0");
  const cents = Number(m[2]) * 100 + Number(frac.slice(0, 2)) + (Number(frac[2]) >= 5 ? 1 : 0);
  return m[1] ? -cents : cents;
}

export const dateDay = dateDayOf;

export function dayRange(r: ast.DateRangeLit | undefined, name?: string): DayRange | undefined {
  const from = dateDay(r?.from);
  const to = r?.to ? dateDay(r.to) : from;
  if (from === undefined || to === undefined || to < from) return undefined;
  return { from, to, name };
}

/** Minutes in one unit of a duration on a calendar with `minutesPerDay` working minutes a day. */
export function unitMinutes(unit: ast.DurationUnit, elapsed: boolean, minutesPerDay: number): number {
  const day = elapsed ? 1440 : minutesPerDay;
  switch (unit) {
    case "h":
      return 60;
    case "d":
      return day;
    case "w":
      return (elapsed ? 7 : 5) * day;
    case "mo":
      return (elapsed ? 30 : 20) * day;
  }
}

export function span(d: ast.DurationLit, minutesPerDay: number): Span {
  return frozen({ minutes: Math.round(d.value * unitMinutes(d.unit, d.elapsed, minutesPerDay)), elapsed: d.elapsed });
}

export function weekdayIndex(name: string): number {
  return (WEEKDAYS as readonly string[]).indexOf(name.toLowerCase());
}

function lowerCalendar(id: string, node: ast.Calendar): CalendarModel {
  const cal = defaultCalendar();
  cal.id = id;
  cal.node = node;
  if (node.workweek) {
    const days = Array<boolean>(7).fill(false);
    for (const item of node.workweek.items) {
      const from = weekdayIndex(item.from.text);
      const to = item.to ? weekdayIndex(item.to.text) : from;
      if (from < 0 || to < 0) continue;
      for (let d = from; ; d = (d + 1) % 7) {
        days[d] = true;
        if (d === to) break;
      }
    }
    if (days.some(Boolean)) cal.workdays = days;
  }
  if (node.hours) {
    const ranges = node.hours
      .map((h) => ({ from: parseTimeOfDay(h.from), to: parseTimeOfDay(h.to) }))
      .filter((h): h is { from: number; to: number } => h.from !== undefined && h.to !== undefined && h.from < h.to)
      .sort((a, b) => a.from - b.from);
    const merged: { from: number; to: number }[] = [];
    for (const h of ranges) {
      const last = merged[merged.length - 1];
      if (last && h.from <= last.to) last.to = Math.max(last.to, h.to);
      else merged.push({ ...h });
    }
    if (merged.length > 0) cal.hours = merged;
  }
  cal.minutesPerDay = cal.hours.reduce((s, h) => s + h.to - h.from, 0);
  cal.holidays = node.holidays.map((h) => dayRange(h.dates, h.name?.value)).filter((h): h is DayRange => h !== undefined);
  return cal;
}

export interface LowerOptions {
  /** Project start to use when the plan gives none (GANTRY310 is reported). */
  fallbackStart: DayNumber;
  /** Dependencies left out of the model (cycles, links into a phase's own tasks). */
  dropDeps: ReadonlySet<ast.Dependency>;
  /** The document holding the `project` block: project-level diagnostics point there. */
  projectUri?: string;
}

export function lower(res: Resolution, project: ast.Project | undefined, options: LowerOptions): PlanModel {
  const calendars = res.calendars.map((c) => lowerCalendar(c.id, c.node));
  const projectCalendar = calendarOf(project?.calendar, res.refs, calendars) ?? defaultCalendar();

  const resources: ResourceModel[] = res.resources.map(({ node, uri, id, index }) => {
    const units = node.units ? ("text" in node.units ? node.units.value : node.units.value / 100) : 1;
    const rateCents = node.rate ? parseCents(node.rate.amount.text) : undefined;
    return {
      index,
      id,
      name: node.name?.value ?? id,
      role: node.role?.value,
      kind: node.kind?.text === "vendor" ? "vendor" : "person",
      rate: node.rate && rateCents !== undefined && rateCents >= 0 ? { cents: rateCents, per: node.rate.per } : undefined,
      units: units > 0 && Number.isFinite(units) ? units : 1,
      off: node.off.map((o) => dayRange(o)).filter((o): o is DayRange => o !== undefined),
      calendar: calendarOf(node.calendar, res.refs, calendars) ?? projectCalendar,
      uri,
      node,
    };
  });

  const cx: TaskContext = { res, resources, calendars, projectCalendar, dropDeps: options.dropDeps };
  // Frozen, like the task models in it, so the analysis's deep freeze does not walk it.
  const tasks: TaskModel[] = frozen(res.tasks.map((t) => lowerTask(t, cx)));

  const risks: RiskModel[] = res.risks.map(({ node, uri, id, index }) => ({
    index,
    id,
    name: node.name?.value ?? id,
    probability: node.probability ? Math.min(1, Math.max(0, node.probability.value / 100)) : 0,
    costImpact: cents(node.costImpact),
    scheduleImpact: node.scheduleImpact ? span(node.scheduleImpact, projectCalendar.minutesPerDay) : undefined,
    affects: node.affects.flatMap((a) => {
      const i = res.refs.get(a);
      return i === undefined ? [] : [i];
    }),
    owner: node.owner ? res.refs.get(node.owner) : undefined,
    mitigation: node.mitigation?.value,
    status: (node.status?.text as ast.RiskStatus | undefined) ?? "open",
    uri,
    node,
  }));

  return {
    project: {
      name: project?.name?.value ?? "Untitled",
      start: dateDay(project?.start) ?? options.fallbackStart,
      currency: project?.currency?.text ?? "",
      budget: cents(project?.budget),
      calendar: projectCalendar,
      status: dateDay(project?.status),
      leveling: project?.leveling?.text === "on",
      node: project,
      uri: project ? options.projectUri : undefined,
    },
    calendars,
    resources,
    tasks,
    risks,
  };
}

/**
 * The model after an edit of tasks that left every task entry in its place (core/reuse.ts):
 * the tasks `keeps` does not keep lowered again, the rest, and every calendar, resource and
 * risk, kept.
 */
export function lowerEdited(previous: PlanModel, res: Resolution, keeps: (index: number) => boolean, dropDeps: ReadonlySet<ast.Dependency>): PlanModel {
  const cx: TaskContext = { res, resources: previous.resources, calendars: previous.calendars, projectCalendar: previous.project.calendar, dropDeps };
  return { ...previous, tasks: frozen(res.tasks.map((t, i) => (keeps(i) ? previous.tasks[i]! : lowerTask(t, cx)))) };
}

function calendarOf(ref: ast.Ref | undefined, refs: Resolution["refs"], calendars: CalendarModel[]): CalendarModel | undefined {
  const i = ref ? refs.get(ref) : undefined;
  return i === undefined ? undefined : calendars[i];
}

/** What lowering a task reads besides the task. */
interface TaskContext {
  /** Where the task's references resolved (read by position). */
  res: Resolution;
  resources: ResourceModel[];
  calendars: CalendarModel[];
  projectCalendar: CalendarModel;
  dropDeps: ReadonlySet<ast.Dependency>;
}

function lowerTask(t: TaskEntry, cx: TaskContext): TaskModel {
  const node = t.node;
  const summary = t.children.length > 0;
  const milestone = node.kind === "milestone";
  const calendar = calendarTarget(cx.res, t);
  const own = calendar === undefined ? undefined : cx.calendars[calendar];
  const assignments = milestone || summary ? EMPTY : lowerAssignments(t, cx);
  // A length in days counts days of the calendar the task works on.
  const mpd = (own ?? (assignments[0] ? cx.resources[assignments[0].resource]!.calendar : cx.projectCalendar)).minutesPerDay;

  let lengthKind: TaskModel["lengthKind"] = "none";
  let length = NO_SPAN;
  let estimate: TaskModel["estimate"];
  if (!milestone && !summary) {
    if (node.duration) {
      lengthKind = "duration";
      length = span(node.duration, mpd);
    } else if (node.effort) {
      // Effort with nobody assigned (GANTRY305) is scheduled as a plain duration.
      lengthKind = assignments.length > 0 ? "effort" : "duration";
      length = span(node.effort, mpd);
    } else if (node.estimate) {
      lengthKind = "estimate";
      const o = span(node.estimate.optimistic, mpd);
      const m = span(node.estimate.likely, mpd);
      const p = span(node.estimate.pessimistic, mpd);
      estimate = frozen({ optimistic: o, likely: m, pessimistic: p });
      length = frozen({ minutes: Math.round((o.minutes + 4 * m.minutes + p.minutes) / 6), elapsed: m.elapsed });
    }
  }

  const finished = dateDay(node.finished);
  const done = node.done ? Math.min(1, Math.max(0, node.done.value / 100)) : finished !== undefined ? 1 : 0;
  const priority = node.priority ? Math.min(1000, Math.max(0, node.priority.value)) : 500;
  return frozen({
    index: t.index,
    id: t.id,
    localId: t.localId,
    name: node.name?.value ?? t.localId,
    wbs: t.wbs,
    depth: t.depth,
    parent: t.parent,
    children: summary ? frozen(t.children.slice()) : EMPTY,
    summary,
    milestone,
    lengthKind,
    span: length,
    estimate,
    assignments,
    deps: lowerDeps(t, mpd, cx),
    constraints: lowerConstraints(node.constraints),
    deadline: dateDay(node.deadline),
    fixedCosts: lowerCosts(node.costs),
    budget: cents(node.budget),
    done,
    started: dateDay(node.started),
    finished,
    spent: cents(node.spent),
    notes: node.notes.length > 0 ? frozen(node.notes.map((n) => n.value)) : EMPTY,
    priority,
    calendar: own,
    uri: t.uri,
    node,
  });
}

function lowerAssignments(t: TaskEntry, cx: TaskContext): TaskModel["assignments"] {
  const list = t.node.assignments;
  if (list.length === 0) return EMPTY;
  const out: TaskModel["assignments"] = [];
  for (let i = 0; i < list.length; i++) {
    const a = list[i]!;
    const resource = assignmentTarget(cx.res, t, i);
    // Without a share a task takes one person, or all of a part-time resource.
    if (resource !== undefined) out.push(frozen({ resource, share: a.share ? a.share.value / 100 : Math.min(1, cx.resources[resource]!.units) }));
  }
  return collected(out);
}

function lowerDeps(t: TaskEntry, minutesPerDay: number, cx: TaskContext): DependencyModel[] {
  if (t.node.deps.length === 0) return EMPTY;
  const out: DependencyModel[] = [];
  for (let i = 0; i < t.node.deps.length; i++) {
    const d = t.node.deps[i]!;
    const from = linkTarget(cx.res, t, i);
    if (from === undefined || cx.dropDeps.has(d)) continue;
    out.push(frozen({ from, type: d.type, lag: lagOf(d, minutesPerDay), node: d, uri: t.uri }));
  }
  return collected(out);
}

/** A link's lag; a lead is negative. */
function lagOf(d: ast.Dependency, minutesPerDay: number): Span {
  const lag = d.lag ? span(d.lag, minutesPerDay) : NO_SPAN;
  return d.negative ? frozen({ minutes: -lag.minutes, elapsed: lag.elapsed }) : lag;
}

function lowerConstraints(list: readonly ast.Constraint[]): ConstraintModel[] {
  if (list.length === 0) return EMPTY;
  const out: ConstraintModel[] = [];
  for (const c of list) {
    const day = dateDay(c.date);
    if (c.kind === "asLateAsPossible" || day !== undefined) out.push(frozen({ kind: c.kind, day, node: c }));
  }
  return collected(out);
}

function lowerCosts(list: readonly ast.FixedCost[]): TaskModel["fixedCosts"] {
  if (list.length === 0) return EMPTY;
  const out: TaskModel["fixedCosts"] = [];
  for (const c of list) {
    const v = cents(c.amount);
    if (v !== undefined) out.push(frozen({ cents: v, category: c.category?.value }));
  }
  return collected(out);
}

function cents(n: ast.NumberLit | undefined): Cents | undefined {
  return n ? parseCents(n.text) : undefined;
}
