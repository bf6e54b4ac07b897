// Turns the passes into a ScheduleResult: per-task dates, slack, criticality, work, cost
// and progress (summaries rolled up from their children), the driving chain to the
// project finish, bookings and resource loads. Each task's schedule is built once,
// complete, and frozen (the analysis's deep freeze skips frozen objects).
import type { Driver, ScheduleResult, TaskSchedule } from "../schedule";
import type { Minutes, PlanModel } from "../model";
import type { Diagnostic } from "../diagnostics";
import { nextWorking, workingBetween } from "../calendar";
import { detach, FROM_START, SUMMARY, TO_FINISH, withPlan, type Network } from "./network";
import { MOVED, PLACED, shift, succMoved, type Backward, type Forward, type Passes } from "./passes";
import { cost, type Costing } from "./cost";
import { diagnose, overAllocation, type Overload } from "./diagnose";

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

/**
 * A schedule, and its findings made again for a plan that differs from the one scheduled
 * only in what the dates do not depend on: names, notes, source ranges.
 */
export interface Scheduled {
  result: ScheduleResult;
  diagnoseFor(plan: PlanModel): Diagnostic[];
  /** The passes the schedule was made from, when its unleveled late dates were made (see `scheduled`). */
  passes?: Passes;
  /** An unleveled schedule's bookings and over-allocations, which the next one after an edit starts from. */
  costed?: { costing: Costing; overloads: readonly Overload[] };
  /** The total slack at or under which a leaf is critical: 0, or the least when every leaf has some. */
  limit: number;
}

/**
 * The schedule before an edit that added or removed tasks: it holds nothing for the tasks
 * from `from` on, and the resources in `dirty` lost bookings of tasks that are gone or moved.
 */
export interface Cut {
  from: number;
  dirty: readonly number[];
}

/**
 * Slack is measured from `slackFrom`'s finishes: the early dates, or the leveled ones.
 * `prior` is the schedule before an edit whose passes `early` and `late` were made
 * from (see `Prior`): a task whose inputs did not move keeps its schedule object and its
 * bookings, and a resource none of whose tasks was placed again its over-allocations.
 */
export function assemble(net: Network, early: Forward, late: Backward, placed: Forward, leveled: boolean, slackFrom: Forward = early, prior?: Scheduled, cut?: Cut): Scheduled {
  const { plan, projectWork: pw } = net;
  const n = plan.tasks.length;
  const projectStart = nextWorking(pw, plan.project.start * 1440);
  const unleveled = placed === early && slackFrom === early;
  const marks = unleveled ? early.marks : undefined;
  // After a cut the passes placed every task from it on again: the prior's tasks there are not read.
  const was = marks && late.marks ? prior?.result.tasks : undefined;
  // Total slack first: a leaf is critical by the least slack of all leaves.
  const slack = new Float64Array(n);
  let start = Infinity;
  let finish = -Infinity;
  let least = Infinity;
  for (let i = 0; i < n; i++) {
    if (net.flags[i]! & SUMMARY || net.unscheduled[i]) continue;
    start = Math.min(start, placed.start[i]!);
    finish = Math.max(finish, placed.finish[i]!);
    // A leaf's total slack reads its own finish and late finish only.
    slack[i] = was && !(marks![i]! & PLACED) && !(late.marks![i]! & MOVED) ? was[i]!.totalSlack : workingBetween(pw, slackFrom.finish[i]!, late.lateFinish[i]!);
    least = Math.min(least, slack[i]!);
  }
  if (start === Infinity) start = finish = projectStart;
  // Critical: no slack; when every task has some (all constraints loose), the least.
  const limit = least <= 0 ? 0 : least;
  const costed = marks && prior?.costed;
  const costing = cost(net, placed, costed?.costing, marks, cut?.from);
  // Criticality hangs on the limit, and free slack at the end of the plan on its finish.
  const keep = was && limit === prior!.limit && finish === prior!.result.finish ? was : undefined;

  const out: TaskSchedule[] = new Array(n);
  // Children come after their parent in pre-order: fill backwards so summaries see them.
  for (let i = n - 1; i >= 0; i--) {
    const summary = net.flags[i]! & SUMMARY;
    if (net.unscheduled[i] || (summary && placed.firstLeaf[i]! < 0)) out[i] = keep ? keep[i]! : unscheduledTask(i, projectStart);
    // An edited phase is made again: its tasks were all placed again (`seedsOf`), so none is kept.
    else if (summary) out[i] = keep && sameChildren(net, out, keep, i) ? keep[i]! : summarySchedule(net, out, i, placed.driver[placed.firstLeaf[i]!]!);
    // Its dates, work and cost, slack and driver are as they were.
    else if (keep && !(marks![i]! & PLACED) && !(late.marks![i]! & MOVED) && !succMoved(net, i, marks!)) out[i] = keep[i]!;
    else {
      const ts = slack[i]!;
      out[i] = Object.freeze({
        index: i,
        start: whole(placed.start[i]!),
        finish: whole(placed.finish[i]!),
        earlyStart: whole(early.start[i]!),
        earlyFinish: whole(early.finish[i]!),
        lateStart: whole(late.lateStart[i]!),
        lateFinish: whole(late.lateFinish[i]!),
        duration: whole(net.elapsed[i] ? placed.finish[i]! - placed.start[i]! : workingBetween(net.work[i]!, placed.start[i]!, placed.finish[i]!)),
        work: whole(costing.work[i]!),
        totalSlack: whole(ts),
        freeSlack: whole(Math.max(0, Math.min(ts, freeSlack(net, slackFrom, i, finish)))),
        critical: ts <= limit,
        driver: placed.driver[i]!,
        cost: whole(costing.cost[i]!),
        done: net.done[i]!,
      });
    }
  }

  let last = -1;
  // Ties go to the task latest in link order: a milestone after the last task wins.
  for (let k = 0; k < net.order.length; k++) {
    const i = net.order[k]!;
    if (i < n && !(net.flags[i]! & SUMMARY) && (last < 0 || out[i]!.finish >= out[last]!.finish)) last = i;
  }
  let projectCost = 0;
  for (let i = 0; i < n; i++) if (net.parent[i]! < 0 && !out[i]!.unscheduled) projectCost += out[i]!.cost;
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
  const overloads = overAllocation(net, costing.bookings, costing.exact, costed ? { overloads: costed.overloads, placed: marks, dirty: cut?.dirty ?? [] } : undefined);
  result.diagnostics = diagnose(net, result, late, placed, overloads);
  // Without the plan it was built from: a schedule kept for later plans must not keep that one alive.
  const facts = detach(net);
  const diagnoseFor = (plan: PlanModel) => diagnose(withPlan(facts, plan), result, late, placed, overloads);
  // Their elements are frozen already. Last, because a frozen array is slow to read.
  for (const xs of [result.tasks, result.criticalPath, result.resources]) Object.freeze(xs);
  return { result, diagnoseFor, costed: unleveled ? { costing, overloads } : undefined, limit };
}

function sameChildren(net: Network, out: readonly TaskSchedule[], was: readonly TaskSchedule[], i: number): boolean {
  for (let k = net.childOff[i]!; k < net.childOff[i + 1]!; k++) if (out[net.child[k]!] !== was[net.child[k]!]) return false;
  return true;
}

/** A summary from its scheduled children: dates span theirs, money and work add up, progress is work-weighted. */
function summarySchedule(net: Network, out: readonly TaskSchedule[], i: number, driver: Driver): TaskSchedule {
  let start = Infinity;
  let finish = -Infinity;
  let earlyStart = Infinity;
  let earlyFinish = -Infinity;
  let lateStart = Infinity;
  let lateFinish = -Infinity;
  let totalSlack = Infinity;
  let freeSlack = Infinity;
  let work = 0;
  let cost = 0;
  let critical = false;
  for (let k = net.childOff[i]!; k < net.childOff[i + 1]!; k++) {
    const c = out[net.child[k]!]!;
    if (c.unscheduled) continue;
    start = Math.min(start, c.start);
    finish = Math.max(finish, c.finish);
    earlyStart = Math.min(earlyStart, c.earlyStart);
    earlyFinish = Math.max(earlyFinish, c.earlyFinish);
    lateStart = Math.min(lateStart, c.lateStart);
    lateFinish = Math.max(lateFinish, c.lateFinish);
    totalSlack = Math.min(totalSlack, c.totalSlack);
    freeSlack = Math.min(freeSlack, c.freeSlack);
    work += c.work;
    cost += c.cost;
    critical ||= c.critical;
  }
  // Without work, children weigh by duration (at least a minute, so milestones count).
  let weights = 0;
  let weighted = 0;
  for (let k = net.childOff[i]!; k < net.childOff[i + 1]!; k++) {
    const c = out[net.child[k]!]!;
    if (c.unscheduled) continue;
    const weight = work > 0 ? c.work : Math.max(c.duration, 1);
    weights += weight;
    weighted += weight * c.done;
  }
  return Object.freeze({
    index: i,
    start: whole(start),
    finish: whole(finish),
    earlyStart: whole(earlyStart),
    earlyFinish: whole(earlyFinish),
    lateStart: whole(lateStart),
    lateFinish: whole(lateFinish),
    duration: whole(workingBetween(net.projectWork, start, finish)),
    work: whole(work),
    totalSlack: whole(totalSlack),
    freeSlack: whole(freeSlack),
    critical,
    driver,
    cost: whole(cost + net.fixedCost[i]!),
    done: weights > 0 ? weighted / weights : 0,
  });
}

/**
 * x itself, typed as a small integer when it is one. Times, slack, work and cents are
 * whole numbers, but read from a Float64Array they would each be stored in the result
 * as a separate heap number; as small integers the task objects hold them inline.
 */
function whole(x: number): number {
  return (x | 0) === x ? x | 0 : x;
}

const PROJECT_START: Driver = Object.freeze({ kind: "projectStart" });

function unscheduledTask(index: number, at: Minutes): TaskSchedule {
  return Object.freeze({
    index, start: at, finish: at, earlyStart: at, earlyFinish: at, lateStart: at, lateFinish: at,
    duration: 0, work: 0, totalSlack: 0, freeSlack: 0, critical: false, driver: PROJECT_START,
    cost: 0, done: 0, unscheduled: true,
  });
}

/** How far a leaf can slip before it delays any successor (or the project finish). */
function freeSlack(net: Network, early: Forward, i: number, projectFinish: Minutes): number {
  const { links, projectWork: pw } = net;
  let free = Infinity;
  for (let a = i; a >= 0; a = net.parent[a]!) {
    if (net.unscheduled[a]) continue; // a phase a cycle left out: its links bind nothing
    for (let e = links.succOff[a]!; e < links.succOff[a + 1]!; e++) {
      const l = links.succ[e]!;
      const to = links.to[l]!;
      if (net.unscheduled[to] || early.firstLeaf[to]! < 0) continue;
      const mine = links.code[l]! & FROM_START ? early.start[i]! : early.finish[i]!;
      const theirs = links.code[l]! & TO_FINISH ? early.finish[to]! : early.start[to]!;
      const tw = net.work[early.firstLeaf[to]!]!;
      free = Math.min(free, workingBetween(pw, shift(tw, mine, links.lag[l]!, links.elapsed[l] === 1), theirs));
    }
  }
  return free === Infinity ? workingBetween(pw, early.finish[i]!, projectFinish) : free;
}
