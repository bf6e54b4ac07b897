// Scheduler entry point. STUB: the scheduling engineer replaces the body.
import type { PlanModel } from "../model";
import type { ScheduleResult } from "../schedule";

export interface ScheduleOptions {
  level: "off" | "fast" | "optimize";
  /** Time budget for "optimize", in milliseconds. */
  optimizeMs: number;
}

export function schedule(_plan: PlanModel, _options: ScheduleOptions): ScheduleResult {
  throw new Error("scheduler not built yet");
}
