// Why a task starts when it does, in words: one sentence per driver (the JSON `driver`
// text) and the whole chain back to the project start (`gantry explain`).
import type { Analysis } from "../analysis";
import { formatDay, formatMinutes } from "../dates";
import type { PlanModel, Span } from "../model";
import type { Driver } from "../schedule";

const CONSTRAINT_WORDS = {
  startNoEarlierThan: "start no earlier than",
  finishNoLaterThan: "finish no later than",
  startOn: "start on",
  asLateAsPossible: "as late as possible",
} as const;

const GAP_WORDS = { holiday: "the holiday", weekend: "the weekend", resourceOff: "the time off", offHours: "non-working hours" } as const;

/** A span as a planner writes it: `2d`, `4h`, `3ed`, `12eh`. */
export function formatSpan(s: Span, minutesPerDay: number): string {
  const m = Math.abs(s.minutes);
  const day = s.elapsed ? 1440 : minutesPerDay;
  const e = s.elapsed ? "e" : "";
  const n = m % day === 0 ? `${m / day}${e}d` : `${Math.round((m / 60) * 100) / 100}${e}h`;
  return `${s.minutes < 0 ? "-" : "+"}${n}`;
}

/**
 * "after build.infra (FS +2d)", "at the project start 2027-01-04", … `taskRef` writes a
 * task reference (plain ids here and in the JSON; links in the editor's hover).
 */
export function driverText(plan: PlanModel, driver: Driver, taskRef: (index: number) => string = (i) => plan.tasks[i]!.id): string {
  switch (driver.kind) {
    case "projectStart":
      return `at the project start ${formatDay(plan.project.start)}`;
    case "predecessor": {
      const lag = driver.lag.minutes === 0 ? "" : ` ${formatSpan(driver.lag, plan.project.calendar.minutesPerDay)}`;
      return `after ${taskRef(driver.task)} (${driver.type}${lag})`;
    }
    case "constraint":
      return `${CONSTRAINT_WORDS[driver.constraint]} ${formatDay(driver.day)}`;
    case "statusDate":
      return `remaining work after the status date ${formatDay(driver.day)}`;
    case "actual":
      return `actually started ${formatDay(driver.day)}`;
    case "lateDates":
      return "as late as possible: placed at its late start";
    case "calendarGap": {
      const who = driver.resource !== undefined ? ` of ${plan.resources[driver.resource]!.id}` : "";
      const name = driver.name ? ` "${driver.name}"` : "";
      return `${driverText(plan, driver.inner, taskRef)}, then waited over ${GAP_WORDS[driver.reason]}${name}${who} until ${formatMinutes(driver.to)}`;
    }
    case "leveling":
      return `${driverText(plan, driver.inner, taskRef)}, then leveling: ${plan.resources[driver.resource]!.id} was busy on ${taskRef(driver.competitor)}`;
  }
}

/** The task a driver points back to, if any (through gaps and leveling). */
function drivingTask(d: Driver): number | undefined {
  if (d.kind === "predecessor") return d.task;
  if (d.kind === "calendarGap" || d.kind === "leveling") return drivingTask(d.inner);
  return undefined;
}

/** The driver chain of one task, back to the project start, as lines of text. */
export function explainTask(analysis: Analysis, task: number): string[] {
  const { plan, schedule } = analysis;
  const lines: string[] = [];
  const seen = new Set<number>();
  for (let i: number | undefined = task; i !== undefined && !seen.has(i); ) {
    seen.add(i);
    const t = plan.tasks[i]!;
    const s = schedule.tasks[i]!;
    if (s.unscheduled) {
      lines.push(`${t.id} is not scheduled: it sits in a dependency cycle (see GANTRY301).`);
      break;
    }
    lines.push(`${t.id} "${t.name}" starts ${formatMinutes(s.start)}, finishes ${formatMinutes(s.finish)}${s.critical ? " (critical)" : ""}`);
    lines.push(`  because: ${driverText(plan, s.driver)}`);
    i = drivingTask(s.driver);
  }
  return lines;
}

