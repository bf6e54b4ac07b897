// Calendars: known weekday names (GANTRY210) and some working time (GANTRY314) — in each
// calendar, and for each task on the overlap of its calendar and its resources'.
// Malformed times and reversed ranges are the parser's (GANTRY107).
import { diag, type Diagnostic } from "../diagnostics";
import { parseTimeOfDay, WEEKDAYS } from "../dates";
import { weekdayIndex } from "../lower";
import type { CalendarModel, PlanModel, TaskModel } from "../model";
import { closestNames, didYouMean } from "../names";
import type { ValidateContext } from "./context";
import { q } from "./context";

export function validateCalendars(ctx: ValidateContext): void {
  for (const { node: cal, uri, id } of ctx.res.calendars) {
    for (const item of cal.workweek?.items ?? []) {
      for (const day of [item.from, item.to]) {
        if (!day || weekdayIndex(day.text) >= 0) continue;
        const candidates = closestNames(day.text.toLowerCase(), WEEKDAYS, 1);
        ctx.out.push(
          diag("GANTRY210", uri, day.range, `${q(day.text)} is not a weekday. Use mon, tue, wed, thu, fri, sat or sun.${didYouMean(candidates)}`, {
            fix: { kind: "replace", candidates: candidates.length ? candidates : [...WEEKDAYS] },
          }),
        );
      }
    }
    const hours = (cal.hours ?? []).map((h) => ({ from: parseTimeOfDay(h.from), to: parseTimeOfDay(h.to) }));
    const wellFormed = hours.every((h) => h.from !== undefined && h.to !== undefined);
    if (cal.hours && cal.hours.length > 0 && wellFormed && hours.every((h) => h.to! <= h.from!)) {
      ctx.out.push(
        diag("GANTRY314", uri, cal.id!.range, `The calendar ${q(id)} has no working time, so nothing on it could ever be scheduled. Give it working hours, e.g. \`hours 09:00-17:00\`.`),
      );
    }
  }
}

/**
 * Working minutes a week shared by all the calendars: the weekdays all of them work, times
 * the minutes of the day all of them work (a calendar's hours are the same every workday).
 */
function overlapMinutes(cals: CalendarModel[]): number {
  let days = 0;
  for (let d = 0; d < 7; d++) if (cals.every((c) => c.workdays[d])) days++;
  if (days === 0) return 0;
  // How many of the calendars work each minute of the day.
  const working = new Uint8Array(24 * 60);
  for (const c of cals) {
    const mine = new Uint8Array(24 * 60);
    for (const h of c.hours) mine.fill(1, h.from, h.to);
    for (let m = 0; m < mine.length; m++) working[m]! += mine[m]!;
  }
  let minutes = 0;
  for (let m = 0; m < working.length; m++) if (working[m] === cals.length) minutes++;
  return days * minutes;
}

/**
 * A task works when its calendar and all its resources' do (GANTRY314 when never): the
 * finding for one task model of `plan`, or undefined. Lowered tasks are checked, since a
 * task's calendars come from its resources' and the project's. `overlaps` keeps the
 * working minutes of each set of calendars, for the next task.
 */
export function checkWorkingTime(plan: PlanModel, t: TaskModel, overlaps: Map<string, number>): Diagnostic | undefined {
  if (t.summary || t.assignments.length === 0) return undefined;
  const cals = distinctCalendars(plan, t);
  if (!cals) return undefined;
  const key = cals.map((c) => c.id).join("|");
  let minutes = overlaps.get(key);
  if (minutes === undefined) overlaps.set(key, (minutes = overlapMinutes(cals)));
  if (minutes > 0) return undefined;
  const names = cals.map((c) => q(c.id)).join(" and ");
  return diag("GANTRY314", t.uri, t.node.id!.range, `${q(t.id)} never has working time: the calendars ${names} of the task and its resources never overlap. Assign resources whose calendars share working hours, or change a calendar.`);
}

/**
 * The calendars a task with resources works on — its own, then its resources', each
 * once — or undefined when that is only one (the usual case, answered without a list).
 */
function distinctCalendars(plan: PlanModel, t: TaskModel): CalendarModel[] | undefined {
  const first = t.calendar ?? plan.resources[t.assignments[0]!.resource]!.calendar;
  let cals: CalendarModel[] | undefined;
  // Indexed: called for every task, before the JIT has optimised it an iterator allocates.
  for (let i = 0; i < t.assignments.length; i++) {
    const c = plan.resources[t.assignments[i]!.resource]!.calendar;
    if (c !== first && !cals?.includes(c)) (cals ??= [first]).push(c);
  }
  return cals;
}
