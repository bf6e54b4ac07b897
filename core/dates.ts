// Calendar arithmetic on the engine's naive local clock: DayNumber (days since
// 1970-01-01) and Minutes (minutes since 1970-01-01 00:00), with no time zones.
// UTC Date methods are used only as a proleptic Gregorian calculator.
import type { DayNumber, Minutes } from "./model";

const MS_PER_DAY = 86_400_000;

/** The day number of a calendar date, or undefined when the date does not exist (2027-02-30). */
export function dayOf(year: number, month: number, day: number): DayNumber | undefined {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return undefined;
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return undefined;
  return Math.round(d.getTime() / MS_PER_DAY);
}

/** Parses "YYYY-MM-DD"; undefined when malformed or not a real date. */
export function parseDay(text: string): DayNumber | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  return m ? dayOf(Number(m[1]), Number(m[2]), Number(m[3])) : undefined;
}

/** Formatted days: a schedule formats the same few hundred days hundreds of thousands of times. */
const dayTexts = new Map<DayNumber, string>();

/** "YYYY-MM-DD". */
export function formatDay(day: DayNumber): string {
  let text = dayTexts.get(day);
  if (text === undefined) {
    text = new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
    if (dayTexts.size < 100_000) dayTexts.set(day, text);
  }
  return text;
}

/** "YYYY-MM-DDTHH:MM". */
export function formatMinutes(t: Minutes): string {
  const day = Math.floor(t / 1440);
  const m = t - day * 1440;
  return `${formatDay(day)}T${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
}

/** Weekday of a day number: 0 = Monday … 6 = Sunday (day 0 was a Thursday). */
export function weekday(day: DayNumber): number {
  return (((day + 3) % 7) + 7) % 7;
}

/** "HH:MM" → minutes from midnight ("24:00" → 1440); undefined when malformed. */
export function parseTimeOfDay(text: string): number | undefined {
  const m = /^(\d{1,2}):(\d{2})$/.exec(text);
  if (!m) return undefined;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (min > 59 || h > 24 || (h === 24 && min !== 0)) return undefined;
  return h * 60 + min;
}

/** Today on the local clock of this machine. */
export function today(): DayNumber {
  const now = new Date();
  return dayOf(now.getFullYear(), now.getMonth() + 1, now.getDate())!;
}

export const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;

/** Parses "YYYY-MM-DDTHH:MM" (or a bare day, meaning its midnight). */
export function parseMinutes(text: string): Minutes | undefined {
  const m = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}:\d{2}))?$/.exec(text);
  if (!m) return undefined;
  const day = parseDay(m[1]!);
  const tod = m[2] === undefined ? 0 : parseTimeOfDay(m[2]);
  return day === undefined || tod === undefined ? undefined : day * 1440 + tod;
}

/** The day a minute falls in. */
export function dayOfMinutes(t: Minutes): DayNumber {
  return Math.floor(t / 1440);
}

/** The day of a date literal, or undefined when absent or not a real date. */
export function dateDayOf(d: { year: number; month: number; day: number } | undefined): DayNumber | undefined {
  return d ? dayOf(d.year, d.month, d.day) : undefined;
}
