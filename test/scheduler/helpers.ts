// Runs the scheduler on a built plan and reads results by task id, with times formatted.
import { schedule } from "../../core/scheduler/index";
import { formatMinutes } from "../../core/dates";
import type { ScheduleResult, TaskSchedule } from "../../core/schedule";
import { plan, type PlanSpec } from "./build";
import type { PlanModel } from "../../core/model";

export interface Run {
  plan: PlanModel;
  result: ScheduleResult;
  task(id: string): TaskSchedule;
  /** "start → finish" of a task. */
  dates(id: string): string;
  id(index: number): string;
}

export function run(spec: PlanSpec, level: "off" | "fast" = "off"): Run {
  const p = plan(spec);
  const result = schedule(p, { level, optimizeMs: 100 });
  const byId = new Map(p.tasks.map((t) => [t.id, t.index]));
  const task = (id: string) => result.tasks[byId.get(id)!]!;
  return {
    plan: p,
    result,
    task,
    dates: (id) => `${formatMinutes(task(id).start)} → ${formatMinutes(task(id).finish)}`,
    id: (i) => p.tasks[i]!.id,
  };
}
