// Scheduler entry point: forward pass (early dates), backward pass (late dates), then
// placement — as-late-as-possible tasks at their late start, and, when leveling is on,
// the leveler's `notBefore` bounds — by one more forward pass, whose late dates are then
// recomputed so slack describes the leveled schedule.
import type { PlanModel } from "../model";
import type { Driver, ScheduleResult } from "../schedule";
import { levelPlan } from "../level/index";
import { networkFor } from "./network";
import { backwardPass, forwardPass, type Bound, type ExtraSucc, type Forward } from "./passes";
import { assemble } from "./result";

export interface ScheduleOptions {
  level: "off" | "fast" | "optimize";
  /** Time budget for "optimize", in milliseconds. */
  optimizeMs: number;
}

export function schedule(plan: PlanModel, options: ScheduleOptions): ScheduleResult {
  const net = networkFor(plan);
  const early = forwardPass(net, new Map());
  const late = backwardPass(net, early, projectFinish(net.plan, net.unscheduled, early));
  const bounds = new Map<number, Bound>();
  for (const t of plan.tasks) {
    if (!t.summary && t.constraints.some((c) => c.kind === "asLateAsPossible")) {
      bounds.set(t.index, { t: late.lateStart[t.index]!, driver: (): Driver => ({ kind: "lateDates" }) });
    }
  }
  const placed = bounds.size > 0 ? forwardPass(net, bounds) : early;
  if (options.level === "off") return assemble(net, early, late, placed, false);

  const unleveled = { start: placed.start, finish: placed.finish, finishAll: projectFinish(plan, net.unscheduled, placed) };
  const delays = levelPlan(plan, unleveled, { mode: options.level === "optimize" ? "optimize" : "fast", budgetMs: options.optimizeMs });
  // Nothing to delay: the unleveled schedule already is the leveled one.
  if (delays.length === 0) return assemble(net, early, late, placed, true);
  const alap = bounds.size > 0;
  const levelingOnly = new Map<number, Bound>();
  for (const d of delays) {
    const leveling = (inner: Driver): Driver => ({ kind: "leveling", resource: d.resource, competitor: d.competitor, inner });
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
  const leveledLate = backwardPass(net, leveledEarly, projectFinish(plan, net.unscheduled, leveled), held);
  return assemble(net, early, leveledLate, leveled, true, leveledEarly);
}

const NO_LAG = { minutes: 0, elapsed: false };

function projectFinish(plan: PlanModel, unscheduled: boolean[], fwd: Forward): number {
  let finish = plan.project.start * 1440;
  for (const t of plan.tasks) if (!t.summary && !unscheduled[t.index]) finish = Math.max(finish, fwd.finish[t.index]!);
  return finish;
}
