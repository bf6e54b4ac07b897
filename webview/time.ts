// Plan times are naive local wall-clock times ("2027-01-04T08:00", days "2027-01-04").
// The panel reads every one of them as a local Date, always through these functions,
// so bars, axis ticks and calendar shading agree.
import { timeDay } from "d3-time";

const HOUR = 3_600_000;
export const DAY_MS = 24 * HOUR;

/** "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM" → local Date. */
export function parseLocal(iso: string): Date {
  const y = +iso.slice(0, 4), mo = +iso.slice(5, 7), d = +iso.slice(8, 10);
  const h = iso.length >= 16 ? +iso.slice(11, 13) : 0, mi = iso.length >= 16 ? +iso.slice(14, 16) : 0;
  return new Date(y, mo - 1, d, h, mi);
}

/** The end of a day: 00:00 of the next day (a deadline day or a holiday is inclusive). */
export function endOfDay(day: string): Date {
  return timeDay.offset(parseLocal(day), 1);
}

const pad = (n: number) => String(n).padStart(2, "0");
export function formatDay(d: Date): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}
export function formatLocal(d: Date): string {
  return `${formatDay(d)}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** Monday = 0 … Sunday = 6, as CalendarJson.workdays counts. */
export function weekday(d: Date): number {
  return (d.getDay() + 6) % 7;
}

export const hoursBetween = (a: Date, b: Date) => (b.getTime() - a.getTime()) / HOUR;
