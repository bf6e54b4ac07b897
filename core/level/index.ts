// Resource leveling: the contract between the scheduler and the leveler.
// The scheduler computes unleveled dates, hands them here, and re-runs its forward pass
// with the returned `notBefore` bounds; each bound names why (resource, competitor).
import type { PlanModel, Minutes } from "../model";
import { levelTasks } from "./plan";

/** What leveling starts from: the unleveled forward pass, before costs and slack. */
export interface UnleveledDates {
  /** Per task (plan order). */
  start: ArrayLike<Minutes>;
  finish: ArrayLike<Minutes>;
  /** The latest leaf finish. */
  finishAll: Minutes;
}

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
export function levelPlan(plan: PlanModel, unleveled: UnleveledDates, options: LevelOptions): LevelDelay[] {
  return levelTasks(plan, unleveled, options);
}
