// Scheduler entry point: forward pass (early dates), backward pass (late dates), then
// placement — as-late-as-possible tasks at their late start, and, when leveling is on,
// the leveler's `notBefore` bounds — by one more forward pass, whose late dates are then
// recomputed so slack describes the leveled schedule.
import type { PlanModel } from "../model";
import type { Driver, ScheduleResult } from "../schedule";
import { levelPlan } from "../level/index";
import { ALAP, SUMMARY, networkFor, type Network } from "./network";
import { backwardPass, forwardPass, prefixOf, type Backward, type Bound, type ExtraSucc, type Forward, type Passes } from "./passes";
import { assemble, type Cut, type Scheduled } from "./result";

export interface ScheduleOptions {
  level: "off" | "fast" | "optimize";
  /** Time budget for "optimize", in milliseconds. */
  optimizeMs: number;
}

export function schedule(plan: PlanModel, options: ScheduleOptions): ScheduleResult {
  return scheduled(plan, options).result;
}

/**
 * The schedule before an edit that kept every name, and the tasks whose own fields the
 * edit changed: when it was made with its passes, the passes start from them.
 */
export interface PriorSchedule {
  scheduled: Scheduled;
  changed: readonly number[];
  /**
   * After an edit that added or removed tasks: the prior holds nothing for the tasks from
   * this index on (`changed` lists them all), and `dirty` resources lost bookings of tasks
   * that are gone or moved.
   */
  cut?: Cut;
}

/** The schedule, and a way to make its findings again for a renamed plan (see `Scheduled`). */
export function scheduled(plan: PlanModel, options: ScheduleOptions, prior?: PriorSchedule): Scheduled {
  const net = networkFor(plan);
  const kept = prior?.scheduled.passes;
  const passes = kept && prior!.cut ? cutPasses(kept, plan.tasks.length, prior!.cut.from) : kept;
  const seeds = passes && seedsOf(net, prior!.changed);
  const early = forwardPass(net, new Map(), passes && { pass: passes.early, changed: seeds!.early });
  const finish = projectFinish(net, early);
  // Late dates are kept only from the same project finish: every one of them hangs from it.
  const lateSince = passes?.finish === finish ? { pass: passes.late, changed: seeds!.late } : undefined;
  // The unleveled late dates; a leveled schedule without as-late-as-possible tasks never needs them.
  let unleveledLate: Backward | undefined;
  const late = () => (unleveledLate ??= backwardPass(net, early, finish, undefined, lateSince));
  const withPasses = (s: Scheduled): Scheduled => (unleveledLate ? { ...s, passes: { early, late: unleveledLate, finish } } : s);
  const bounds = new Map<number, Bound>();
  for (let i = 0; i < plan.tasks.length; i++) if (net.flags[i]! & ALAP) bounds.set(i, { t: late().lateStart[i]!, driver: (): Driver => LATE_DATES });
  const placed = bounds.size > 0 ? forwardPass(net, bounds) : early;
  if (options.level === "off") return withPasses(assemble(net, early, late(), placed, false, early, prior?.scheduled, prior?.cut));

  const unleveled = { start: placed.start, finish: placed.finish, finishAll: projectFinish(net, placed) };
  const delays = levelPlan(plan, unleveled, { mode: options.level === "optimize" ? "optimize" : "fast", budgetMs: options.optimizeMs });
  // Nothing to delay: the unleveled schedule already is the leveled one.
  if (delays.length === 0) return withPasses(assemble(net, early, late(), placed, true));
  const alap = bounds.size > 0;
  const levelingOnly = new Map<number, Bound>();
  for (const d of delays) {
    const leveling = (inner: Driver): Driver => Object.freeze({ kind: "leveling", resource: d.resource, competitor: d.competitor, inner });
    levelingOnly.set(d.task, { t: d.notBefore, driver: leveling });
    const prev = bounds.get(d.task);
    if (!prev || prev.t < d.notBefore) bounds.set(d.task, levelingOnly.get(d.task)!);
  }
  // Slack and criticality describe the leveled schedule: late dates from its finish, with
  // each leveling delay kept as a link from the competitor that held the resource. Slack
  // is measured from the leveled early dates (as-late-as-possible tasks not pushed late).
  const leveled = forwardPass(net, bounds);
  const leveledEarly = alap ? forwardPass(net, levelingOnly) : leveled;
  const held = new Map<number, ExtraSucc[]>();
  for (const d of delays) {
    if (d.competitor === d.task) continue;
    const links = held.get(d.competitor) ?? [];
    links.push({ to: d.task, type: "FS", lag: NO_LAG });
    held.set(d.competitor, links);
  }
  const leveledLate = backwardPass(net, leveledEarly, projectFinish(net, leveled), held);
  return withPasses(assemble(net, early, leveledLate, leveled, true, leveledEarly));
}

/**
 * What the passes must place again after an edit of some tasks' own fields: each changed
 * task and everything in a changed phase (a phase's links and constraints bind its tasks);
 * for late dates also every task a changed task's links come from, which reads their
 * type and lag.
 */
function seedsOf(net: Network, changed: readonly number[]): { early: Uint8Array; late: Uint8Array } {
  const n = net.plan.tasks.length;
  const mark = (seeds: Uint8Array, i: number): void => {
    seeds[i] = 1;
    for (let k = net.childOff[i]!; k < net.childOff[i + 1]!; k++) mark(seeds, net.child[k]!);
  };
  const early = new Uint8Array(n);
  for (const i of changed) mark(early, i);
  const late = early.slice();
  for (const i of changed) for (let l = net.links.predOff[i]!; l < net.links.predOff[i + 1]!; l++) mark(late, net.links.from[l]!);
  return { early, late };
}

/**
 * The passes of a plan that had tasks added or removed from task `from` on, for a plan of
 * `n` tasks: the tasks before `from` as they were; the later ones, all placed again
 * (`changed`), start blank.
 */
function cutPasses(passes: Passes, n: number, from: number): Passes {
  const before = <V>(m: ReadonlyMap<number, V>) => new Map([...m].filter(([i]) => i < from));
  const { early, late } = passes;
  const driver = early.driver.slice(0, from);
  for (let i = from; i < n; i++) driver.push(LATE_DATES); // a placeholder: every later task is placed again
  return {
    early: { start: prefixOf(early.start, n, from), finish: prefixOf(early.finish, n, from), driver, firstLeaf: prefixOf(early.firstLeaf, n, from, -1), lastLeaf: prefixOf(early.lastLeaf, n, from, -1), resume: before(early.resume), overridden: before(early.overridden) },
    late: { lateStart: prefixOf(late.lateStart, n, from), lateFinish: prefixOf(late.lateFinish, n, from), lsLeaf: prefixOf(late.lsLeaf, n, from, -1), lfLeaf: prefixOf(late.lfLeaf, n, from, -1) },
    finish: passes.finish,
  };
}

const NO_LAG = { minutes: 0, elapsed: false };
const LATE_DATES: Driver = Object.freeze({ kind: "lateDates" });

function projectFinish(net: Network, fwd: Forward): number {
  let finish = net.plan.project.start * 1440;
  for (let i = 0; i < net.plan.tasks.length; i++) if (!(net.flags[i]! & SUMMARY) && !net.unscheduled[i]) finish = Math.max(finish, fwd.finish[i]!);
  return finish;
}
