// A small builder of PlanModel objects for scheduler tests, so they can run without the
// parser. Times are written as "YYYY-MM-DD" / "YYYY-MM-DDTHH:MM"; lengths as "5d", "4h",
// "3ed" on an 8-hour day.
import type * as ast from "../../core/ast";
import type { CalendarModel, DayRange, PlanModel, ResourceModel, Span, TaskModel } from "../../core/model";
import { parseDay } from "../../core/dates";

const pos = { line: 0, col: 0 };
export const RANGE: ast.Range = { start: pos, end: pos };
const node = <T>(extra: object = {}): T => ({ range: RANGE, ...extra }) as T;

export function day(text: string): number {
  const d = parseDay(text);
  if (d === undefined) throw new Error(`bad day ${text}`);
  return d;
}

export function span(text: string, minutesPerDay = 480): Span {
  const m = /^(-?[\d.]+)(e?)(h|d|w|mo)$/.exec(text);
  if (!m) throw new Error(`bad span ${text}`);
  const v = Number(m[1]);
  const elapsed = m[2] === "e";
  const unit = m[3]!;
  const perDay = elapsed ? 1440 : minutesPerDay;
  const mult = { h: 60, d: perDay, w: perDay * (elapsed ? 7 : 5), mo: perDay * (elapsed ? 30 : 20) }[unit]!;
  return { minutes: Math.round(v * mult), elapsed };
}

function dayRanges(list: (string | [string, string, string?])[]): DayRange[] {
  return list.map((x) => (typeof x === "string" ? { from: day(x), to: day(x), name: undefined } : { from: day(x[0]), to: day(x[1]), name: x[2] }));
}

export interface CalendarSpec {
  id?: string;
  workdays?: string; // "1111100"
  hours?: [number, number][]; // hours as [8, 12]
  holidays?: (string | [string, string, string?])[];
}

export function calendar(spec: CalendarSpec = {}): CalendarModel {
  const hours = (spec.hours ?? [[8, 12], [13, 17]]).map(([a, b]) => ({ from: a * 60, to: b * 60 }));
  return {
    id: spec.id ?? "(default)",
    workdays: [...(spec.workdays ?? "1111100")].map((c) => c === "1"),
    hours,
    holidays: dayRanges(spec.holidays ?? []),
    minutesPerDay: hours.reduce((s, h) => s + h.to - h.from, 0),
    node: undefined,
  };
}

export interface ResourceSpec {
  id: string;
  rate?: [number, "h" | "d"]; // cents
  units?: number;
  off?: (string | [string, string, string?])[];
  calendar?: CalendarModel;
}

export interface TaskSpec {
  id: string;
  parent?: string;
  milestone?: boolean;
  duration?: string;
  effort?: string;
  assign?: [string, number?][];
  after?: (string | { id: string; type?: ast.LinkType; lag?: string })[];
  snet?: string;
  fnlt?: string;
  startOn?: string;
  alap?: boolean;
  deadline?: string;
  costs?: [number, string?][]; // cents
  budget?: number;
  done?: number;
  started?: string;
  finished?: string;
  calendar?: CalendarModel;
  priority?: number;
}

export interface PlanSpec {
  start: string;
  status?: string;
  calendar?: CalendarModel;
  budget?: number;
  resources?: ResourceSpec[];
  tasks: TaskSpec[];
}

export function plan(spec: PlanSpec): PlanModel {
  const cal = spec.calendar ?? calendar();
  const resources: ResourceModel[] = (spec.resources ?? []).map((r, index) => ({
    index,
    id: r.id,
    name: r.id,
    role: undefined,
    kind: "person",
    rate: r.rate ? { cents: r.rate[0], per: r.rate[1] } : undefined,
    units: r.units ?? 1,
    off: dayRanges(r.off ?? []),
    calendar: r.calendar ?? cal,
    uri: "file:///plan.plan",
    node: node<ast.Resource>({ off: [] }),
  }));
  const ids = new Map(spec.tasks.map((t, i) => [t.id, i]));
  const rid = new Map(resources.map((r) => [r.id, r.index]));
  const kids = new Map<string, number[]>();
  spec.tasks.forEach((t, i) => {
    if (t.parent !== undefined) kids.set(t.parent, [...(kids.get(t.parent) ?? []), i]);
  });
  const tasks: TaskModel[] = spec.tasks.map((t, index) => {
    const parent = t.parent === undefined ? undefined : ids.get(t.parent)!;
    const children = kids.get(t.id) ?? [];
    const length = t.duration ?? t.effort;
    const constraints = [
      ...(t.snet ? [{ kind: "startNoEarlierThan" as const, day: day(t.snet) }] : []),
      ...(t.fnlt ? [{ kind: "finishNoLaterThan" as const, day: day(t.fnlt) }] : []),
      ...(t.startOn ? [{ kind: "startOn" as const, day: day(t.startOn) }] : []),
      ...(t.alap ? [{ kind: "asLateAsPossible" as const, day: undefined }] : []),
    ].map((c) => ({ ...c, node: node<ast.Constraint>({ kind: c.kind }) }));
    return {
      index,
      id: t.id,
      localId: t.id,
      name: t.id,
      wbs: String(index + 1),
      depth: 0,
      parent,
      children,
      summary: children.length > 0,
      milestone: t.milestone ?? false,
      lengthKind: t.duration ? "duration" : t.effort ? "effort" : "none",
      span: length ? span(length, (t.calendar ?? cal).minutesPerDay) : { minutes: 0, elapsed: false },
      estimate: undefined,
      assignments: (t.assign ?? []).map(([r, share]) => ({ resource: rid.get(r)!, share: share ?? 1 })),
      deps: (t.after ?? []).map((a) => {
        const d = typeof a === "string" ? { id: a } : a;
        const lag = d.lag ? span(d.lag.replace(/^\+/, "")) : { minutes: 0, elapsed: false };
        return { from: ids.get(d.id)!, type: d.type ?? "FS", lag, node: node<ast.Dependency>(), uri: "file:///plan.plan" };
      }),
      constraints,
      deadline: t.deadline ? day(t.deadline) : undefined,
      fixedCosts: (t.costs ?? []).map(([cents, category]) => ({ cents, category })),
      budget: t.budget,
      done: t.done ?? (t.finished ? 1 : 0),
      started: t.started ? day(t.started) : undefined,
      finished: t.finished ? day(t.finished) : undefined,
      spent: undefined,
      notes: [],
      priority: t.priority ?? 500,
      calendar: t.calendar,
      uri: "file:///plan.plan",
      node: node<ast.Task>({ deadline: t.deadline ? node() : undefined, budget: t.budget ? node() : undefined }),
    };
  });
  for (const t of tasks) {
    let p = t.parent;
    while (p !== undefined) {
      t.depth++;
      p = tasks[p]!.parent;
    }
  }
  return {
    project: { name: "Test", start: day(spec.start), currency: "USD", budget: spec.budget, calendar: cal, status: spec.status ? day(spec.status) : undefined, leveling: false },
    calendars: [cal],
    resources,
    tasks,
    risks: [],
  };
}
