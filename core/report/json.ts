// The public JSON schedule (core/json.ts) from an analysis: minutes become ISO local
// date-times and working hours, cents become decimal amounts.
import type * as ast from "../ast";
import type { Analysis } from "../analysis";
import { nextWorking, workingBetween, workTime } from "../calendar";
import { resourceWork } from "../scheduler/cost";
import { formatDay, formatMinutes } from "../dates";
import type * as J from "../json";
import type { Cents, DayNumber, ResourceModel, TaskModel } from "../model";
import type { Driver, TaskSchedule } from "../schedule";
import { driverText } from "./explain";

const money = (c: Cents) => c / 100;
const maybeMoney = (c: Cents | undefined) => (c === undefined ? null : money(c));
/** Minutes → hours, rounded to 1/100 h so thirds of an hour stay readable. */
const hours = (m: number) => Math.round((m / 60) * 100) / 100;
const maybeDay = (d: DayNumber | undefined) => (d === undefined ? null : formatDay(d));

function source(uri: string, r: ast.Range): J.SourceRangeJson {
  return { uri, line: r.start.line, col: r.start.col, endLine: r.end.line, endCol: r.end.col };
}

/**
 * Task JSON by the schedule object it was made from. After an edit that kept a task's model
 * and schedule objects, its JSON is the same object again: the panel's difference between
 * two schedules (core/json-delta.ts) then passes over it at once, and it is not made anew.
 * The JSON is never changed once made; a task whose lines moved gets a copy.
 */
const madeFor = new WeakMap<TaskSchedule, { model: TaskModel; json: J.TaskJson }>();

export function toScheduleJson(analysis: Analysis): J.ScheduleJson {
  const { plan, schedule: s } = analysis;
  const project = plan.project;
  const tasks = plan.tasks;
  const leafSpent = tasks.filter((t) => !t.summary && t.spent !== undefined);
  // Capacity is reported for every day from the project start (or an earlier task) to the finish.
  const from = Math.min(s.start, nextWorking(workTime(project.calendar), project.start * 1440));
  const span: [DayNumber, DayNumber] = [Math.floor(from / 1440), Math.floor((Math.max(s.finish, s.start + 1) - 1) / 1440)];

  const driver = (d: Driver): J.DriverJson => {
    const out: J.DriverJson = { kind: d.kind, text: driverText(plan, d) };
    let inner: Driver = d;
    while (inner.kind === "calendarGap" || inner.kind === "leveling") {
      if (inner.kind === "leveling") {
        out.task ??= tasks[inner.competitor]!.id;
        out.resource ??= plan.resources[inner.resource]!.id;
      } else if (inner.resource !== undefined) out.resource ??= plan.resources[inner.resource]!.id;
      inner = inner.inner;
    }
    if (inner.kind === "predecessor") out.task ??= tasks[inner.task]!.id;
    return out;
  };

  /** A task's JSON: the one made for the same schedule object before, when it still says the same. */
  const taskJson = (t: TaskModel): J.TaskJson => {
    const ts = s.tasks[t.index]!;
    const made = madeFor.get(ts);
    if (made?.model === t) {
      // The same task and schedule, and so the same names, project and calendars around
      // them (a model is kept only after an edit that changed tasks and kept every name:
      // core/reuse.ts): only the lines below an edit may have moved.
      const was = made.json.source;
      const at = t.node.range;
      if (was.line !== at.start.line || was.col !== at.start.col || was.endLine !== at.end.line || was.endCol !== at.end.col) made.json = { ...made.json, source: source(t.uri, at) };
      return made.json;
    }
    const json = newTaskJson(t, ts);
    madeFor.set(ts, { model: t, json });
    return json;
  };

  const newTaskJson = (t: TaskModel, ts: TaskSchedule): J.TaskJson => {
    return {
      id: t.id,
      wbs: t.wbs,
      name: t.name,
      parent: t.parent === undefined ? null : tasks[t.parent]!.id,
      depth: t.depth,
      summary: t.summary,
      milestone: t.milestone,
      start: formatMinutes(ts.start),
      finish: formatMinutes(ts.finish),
      earlyStart: formatMinutes(ts.earlyStart),
      earlyFinish: formatMinutes(ts.earlyFinish),
      lateStart: formatMinutes(ts.lateStart),
      lateFinish: formatMinutes(ts.lateFinish),
      durationHours: hours(ts.duration),
      workHours: hours(ts.work),
      totalSlack: hours(ts.totalSlack),
      freeSlack: hours(ts.freeSlack),
      critical: ts.critical,
      done: Math.round(ts.done * 1000) / 10,
      deadline: maybeDay(t.deadline),
      deadlineMissed: t.deadline !== undefined && !ts.unscheduled && ts.finish > (t.deadline + 1) * 1440,
      cost: money(ts.cost),
      budget: maybeMoney(t.budget),
      actualCost: maybeMoney(t.spent),
      resources: t.assignments.map((a) => ({ id: plan.resources[a.resource]!.id, share: Math.round(a.share * 1000) / 10 })),
      predecessors: t.deps.map((d) => ({ id: tasks[d.from]!.id, type: d.type, lagHours: hours(d.lag.minutes), elapsed: d.lag.elapsed })),
      fixedCosts: t.fixedCosts.map((c) => ({ amount: money(c.cents), category: c.category ?? null })),
      driver: driver(ts.driver),
      notes: [...t.notes],
      unscheduled: ts.unscheduled === true,
      source: source(t.uri, t.node.range),
    };
  };

  return {
    project: {
      name: project.name,
      start: formatMinutes(s.start),
      finish: formatMinutes(s.finish),
      currency: project.currency,
      budget: maybeMoney(project.budget),
      cost: money(s.cost),
      actualCost: leafSpent.length ? money(leafSpent.reduce((sum, t) => sum + t.spent!, 0)) : null,
      statusDate: maybeDay(project.status),
      durationHours: hours(workingBetween(workTime(project.calendar), s.start, s.finish)),
      leveled: s.leveled,
      uri: analysis.uri,
    },
    calendar: {
      workdays: project.calendar.workdays.flatMap((on, i) => (on ? [i] : [])),
      hoursPerDay: hours(project.calendar.minutesPerDay),
      holidays: project.calendar.holidays.map((h) => ({ from: formatDay(h.from), to: formatDay(h.to), name: h.name ?? null })),
    },
    tasks: tasks.map(taskJson),
    resources: plan.resources.map((r): J.ResourceJson => {
      const load = s.resources.find((l) => l.resource === r.index);
      return {
        id: r.id,
        name: r.name,
        role: r.role ?? null,
        kind: r.kind,
        units: r.units,
        rate: r.rate ? money(r.rate.cents) : null,
        per: r.rate?.per ?? null,
        workHours: hours(load?.work ?? 0),
        cost: money(load?.cost ?? 0),
        capacity: capacityJson(r, span),
        source: source(r.uri, r.node.range),
      };
    }),
    bookings: Array.from({ length: s.bookings.length }, (_, k) => ({
      resource: plan.resources[s.bookings.resource(k)]!.id,
      task: tasks[s.bookings.task(k)]!.id,
      day: formatDay(s.bookings.day(k)),
      hours: hours(s.bookings.minutes(k)),
    })),
    risks: plan.risks.map((r): J.RiskJson => {
      const days = r.scheduleImpact ? r.scheduleImpact.minutes / (r.scheduleImpact.elapsed ? 1440 : project.calendar.minutesPerDay) : undefined;
      return {
        id: r.id,
        name: r.name,
        probability: Math.round(r.probability * 1000) / 10,
        costImpact: maybeMoney(r.costImpact),
        scheduleImpactDays: days ?? null,
        exposureCost: r.costImpact === undefined ? null : money(Math.round(r.probability * r.costImpact)),
        exposureDays: days === undefined ? null : Math.round(r.probability * days * 100) / 100,
        affects: r.affects.map((i) => tasks[i]!.id),
        owner: r.owner === undefined ? null : plan.resources[r.owner]!.id,
        mitigation: r.mitigation ?? null,
        status: r.status,
        source: source(r.uri, r.node.range),
      };
    }),
    criticalPath: s.criticalPath.map((i) => tasks[i]!.id),
  };
}

/** What `capacity` (core/scheduler/cost.ts) gives on each day of `span`, as a week and the days off. */
function capacityJson(r: ResourceModel, [first, last]: [DayNumber, DayNumber]): J.CapacityJson {
  const w = resourceWork(r);
  const week = Array.from({ length: 7 }, (_, wd) => hours(Math.round(r.units * (w.pattern.prefix[wd + 1]! - w.pattern.prefix[wd]!))));
  const off: [string, string][] = [];
  for (let i = 0; i < w.offFrom.length; i++) {
    const a = Math.max(first, w.offFrom[i]!);
    const z = Math.min(last, w.offTo[i]!);
    if (a <= z) off.push([formatDay(a), formatDay(z)]);
  }
  return { from: formatDay(first), to: formatDay(last), week, off };
}
