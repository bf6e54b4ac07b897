// Scheduler entry point: forward pass (early dates), backward pass (late dates), then
// placement — as-late-as-possible tasks at their late start, and, when leveling is on,
// the leveler's `notBefore` bounds — by one more forward pass.
import type { PlanModel } from "../model";
import type { Driver, ScheduleResult } from "../schedule";
import { levelPlan } from "../level/index";
import { networkFor } from "./network";
import { backwardPass, forwardPass, type Bound, type Forward } from "./passes";
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
  const unleveled = assemble(net, early, late, placed, false);
  if (options.level === "off") return unleveled;

  const delays = levelPlan(plan, unleveled, { mode: options.level === "optimize" ? "optimize" : "fast", budgetMs: options.optimizeMs });
  for (const d of delays) {
    const prev = bounds.get(d.task);
    if (prev && prev.t >= d.notBefore) continue;
    const leveling = (inner: Driver): Driver => ({ kind: "leveling", resource: d.resource, competitor: d.competitor, inner });
    bounds.set(d.task, { t: d.notBefore, driver: leveling });
  }
  return assemble(net, early, late, delays.length > 0 ? forwardPass(net, bounds) : placed, true);
}

function projectFinish(plan: PlanModel, unscheduled: boolean[], fwd: Forward): number {
  let finish = plan.project.start * 1440;
  for (const t of plan.tasks) if (!t.summary && !unscheduled[t.index]) finish = Math.max(finish, fwd.finish[t.index]!);
  return finish;
}
