// Resource leveling: the contract between the scheduler and the leveler.
// The scheduler computes an unleveled schedule, hands it here, and re-runs its forward
// pass with the returned `notBefore` bounds; each bound names why (resource, competitor).
import type { PlanModel, Minutes } from "../model";
import type { ScheduleResult } from "../schedule";

export type LevelMode = "fast" | "optimize";

export interface LevelDelay {
  task: number;
  /** The task may not start before this time. */
  notBefore: Minutes;
  /** The resource that was not free, and the task that held it. */
  resource: number;
  competitor: number;
}

export interface LevelOptions {
  mode: LevelMode;
  /** Time budget for "optimize", in milliseconds. */
  budgetMs: number;
}

export function levelPlan(_plan: PlanModel, _unleveled: ScheduleResult, _options: LevelOptions): LevelDelay[] {
  return []; // replaced by the leveler
}
