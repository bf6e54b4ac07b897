// Resource leveling: the contract between the scheduler and the leveler.
// The scheduler computes an unleveled schedule, hands it here, and re-runs its forward
// pass with the returned `notBefore` bounds; each bound names why (resource, competitor).
import type { PlanModel, Minutes } from "../model";
import type { ScheduleResult } from "../schedule";
import { levelTasks } from "./plan";

export type LevelMode = "fast" | "optimize";

export interface LevelDelay {
  task: number;
  /** The task may not start before this time. */
  notBefore: Minutes;
  /** The resource that was not free, and the task that held it. */
  resource: number;
  /** The competing task; the delayed task itself when the resource was off (no competitor). */
  competitor: number;
}

export interface LevelOptions {
  mode: LevelMode;
  /** Time budget for "optimize", in milliseconds. */
  budgetMs: number;
}

/**
 * Level the plan's leaf tasks. "fast" keeps the unleveled order (priority, then early
 * start, then latest finish) in one serial pass, so small edits move few tasks;
 * "optimize" searches (multi-pass, then a genetic algorithm) within `budgetMs`.
 */
export function levelPlan(plan: PlanModel, unleveled: ScheduleResult, options: LevelOptions): LevelDelay[] {
  return levelTasks(plan, unleveled, options);
}
