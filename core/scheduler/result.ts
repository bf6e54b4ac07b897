// Turns the passes into a ScheduleResult: per-task dates, slack, criticality, work, cost
// and progress (summaries rolled up from their children), the driving chain to the
// project finish, bookings and resource loads.
import type { Driver, ScheduleResult, TaskSchedule } from "../schedule";
import type { Minutes } from "../model";
import { nextWorking, workingBetween } from "../calendar";
import type { Network } from "./network";
import { shift, type Backward, type Forward } from "./passes";
import { cost } from "./cost";
import { diagnose } from "./diagnose";

/** Unwraps calendar gaps and leveling to the logical driver underneath. */
export function logicalDriver(d: Driver): Driver {
  while (d.kind === "calendarGap" || d.kind === "leveling") d = d.inner;
  return d;
}

/** The chain of driving predecessors that ends at `task`, first task first. */
export function drivingChain(tasks: readonly TaskSchedule[], task: number): number[] {
  const chain = [task];
  const seen = new Set(chain);
  for (let d = logicalDriver(tasks[task]!.driver); d.kind === "predecessor" && !seen.has(d.task); d = logicalDriver(tasks[d.task]!.driver)) {
    chain.push(d.task);
    seen.add(d.task);
  }
  return chain.reverse();
}

/** Slack is measured from `slackFrom`'s finishes: the early dates, or the leveled ones. */
export function assemble(net: Network, early: Forward, late: Backward, placed: Forward, leveled: boolean, slackFrom: Forward = early): ScheduleResult {
  const { plan, projectWork: pw } = net;
  const tasks = plan.tasks;
  const n = tasks.length;
  const leaves = tasks.filter((t) => !t.summary && !net.unscheduled[t.index]).map((t) => t.index);
  const projectStart = nextWorking(pw, plan.project.start * 1440);
  let start = Infinity;
  let finish = -Infinity;
  for (const i of leaves) {
    start = Math.min(start, placed.start[i]!);
    finish = Math.max(finish, placed.finish[i]!);
  }
  if (leaves.length === 0) start = finish = projectStart;
  const costing = cost(net, placed);

  const total = (i: number): number => workingBetween(pw, slackFrom.finish[i]!, late.lateFinish[i]!);
  const out: TaskSchedule[] = new Array(n);
  // Children come after their parent in pre-order: fill backwards so summaries see them.
  for (let i = n - 1; i >= 0; i--) {
    const t = tasks[i]!;
    if (net.unscheduled[i] || (t.summary && placed.firstLeaf[i]! < 0)) {
      out[i] = unscheduledTask(i, projectStart);
      continue;
    }
    if (!t.summary) {
      const ts = total(i);
      out[i] = {
        index: i,
        start: placed.start[i]!,
        finish: placed.finish[i]!,
        earlyStart: early.start[i]!,
        earlyFinish: early.finish[i]!,
        lateStart: late.lateStart[i]!,
        lateFinish: late.lateFinish[i]!,
        duration: net.elapsed[i] ? placed.finish[i]! - placed.start[i]! : workingBetween(net.work[i]!, placed.start[i]!, placed.finish[i]!),
        work: costing.work[i]!,
        totalSlack: ts,
        freeSlack: Math.max(0, Math.min(ts, freeSlack(net, slackFrom, i, finish))),
        critical: false,
        driver: placed.driver[i]!,
        cost: costing.cost[i]!,
        done: t.finished !== undefined ? 1 : t.done,
      };
      continue;
    }
    const kids = t.children.map((c) => out[c]!).filter((c) => !c.unscheduled);
    const work = kids.reduce((s, c) => s + c.work, 0);
    const weight = (c: TaskSchedule) => (work > 0 ? c.work : Math.max(c.duration, 1));
    const weights = kids.reduce((s, c) => s + weight(c), 0);
    const s: TaskSchedule = {
      index: i,
      start: minOf(kids, (c) => c.start),
      finish: -minOf(kids, (c) => -c.finish),
      earlyStart: minOf(kids, (c) => c.earlyStart),
      earlyFinish: -minOf(kids, (c) => -c.earlyFinish),
      lateStart: minOf(kids, (c) => c.lateStart),
      lateFinish: -minOf(kids, (c) => -c.lateFinish),
      duration: 0,
      work,
      totalSlack: minOf(kids, (c) => c.totalSlack),
      freeSlack: minOf(kids, (c) => c.freeSlack),
      critical: false,
      driver: placed.driver[placed.firstLeaf[i]!]!,
      cost: kids.reduce((sum, c) => sum + c.cost, 0) + t.fixedCosts.reduce((sum, f) => sum + f.cents, 0),
      done: weights > 0 ? kids.reduce((sum, c) => sum + weight(c) * c.done, 0) / weights : 0,
    };
    s.duration = workingBetween(pw, s.start, s.finish);
    out[i] = s;
  }
  // Critical: no slack; when every task has some (all constraints loose), the least.
  const scheduledLeaves = leaves.map((i) => out[i]!);
  const least = minOf(scheduledLeaves, (s) => s.totalSlack);
  const limit = least <= 0 ? 0 : least;
  for (const s of scheduledLeaves) s.critical = s.totalSlack <= limit;
  for (let i = n - 1; i >= 0; i--) {
    if (tasks[i]!.summary && !out[i]!.unscheduled) out[i]!.critical = tasks[i]!.children.some((c) => out[c]!.critical);
  }

  let last = -1;
  // Ties go to the task latest in link order: a milestone after the last task wins.
  for (const i of net.order) if (i < n && !tasks[i]!.summary && (last < 0 || out[i]!.finish >= out[last]!.finish)) last = i;
  const projectCost = tasks.reduce((sum, t) => sum + (t.parent === undefined && !out[t.index]!.unscheduled ? out[t.index]!.cost : 0), 0);
  const result: ScheduleResult = {
    tasks: out,
    start,
    finish,
    cost: projectCost,
    criticalPath: last < 0 ? [] : drivingChain(out, last),
    bookings: costing.bookings,
    resources: costing.resources,
    leveled,
    diagnostics: [],
  };
  result.diagnostics = diagnose(net, result, late, placed, costing.demand);
  return result;
}

function minOf<T>(xs: readonly T[], f: (x: T) => number): number {
  let m = Infinity;
  for (const x of xs) m = Math.min(m, f(x));
  return m;
}

function unscheduledTask(index: number, at: Minutes): TaskSchedule {
  return {
    index, start: at, finish: at, earlyStart: at, earlyFinish: at, lateStart: at, lateFinish: at,
    duration: 0, work: 0, totalSlack: 0, freeSlack: 0, critical: false, driver: { kind: "projectStart" },
    cost: 0, done: 0, unscheduled: true,
  };
}

/** How far a leaf can slip before it delays any successor (or the project finish). */
function freeSlack(net: Network, early: Forward, i: number, projectFinish: Minutes): number {
  const pw = net.projectWork;
  let free = Infinity;
  for (let a: number | undefined = i; a !== undefined; a = net.plan.tasks[a]!.parent) {
    for (const l of net.succs[a]!) {
      if (net.unscheduled[l.to] || early.firstLeaf[l.to]! < 0) continue;
      const mine = l.type === "SS" || l.type === "SF" ? early.start[i]! : early.finish[i]!;
      const theirs = l.type === "FF" || l.type === "SF" ? early.finish[l.to]! : early.start[l.to]!;
      const tw = net.work[early.firstLeaf[l.to]!]!;
      free = Math.min(free, workingBetween(pw, shift(tw, mine, l.lag.minutes, l.lag.elapsed), theirs));
    }
  }
  return free === Infinity ? workingBetween(pw, early.finish[i]!, projectFinish) : free;
}
