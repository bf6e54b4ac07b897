// The status-bar summary sent after each analysis.
import { workTime, workingBetween } from "../../core/calendar";
import type { PlanState } from "../session";
import type { StatusParams } from "../protocol";
import { finishDay } from "../convert";

export function statusOf(state: PlanState): StatusParams {
  const { plan, schedule } = state.analysis;
  const ok = !state.hasSyntaxErrors && plan.tasks.length > 0 && Number.isFinite(schedule.finish);
  const cal = plan.project.calendar;
  return {
    uri: state.uri,
    finish: ok ? finishDay(schedule.start, schedule.finish) : null,
    // The critical path is as long as the project: its working days on the project calendar.
    criticalPathDays: ok ? Math.round((workingBetween(workTime(cal), schedule.start, schedule.finish) / cal.minutesPerDay) * 10) / 10 : null,
    errorCount: state.errorCount,
  };
}
