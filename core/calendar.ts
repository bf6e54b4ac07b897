// Working time: a weekly pattern of working ranges minus whole days off (holidays,
// vacations). Every operation goes through `cum(t)`, the number of working minutes
// before t counted from a fixed Monday, and its inverse; both jump over whole weeks and
// off-day spans with arithmetic and binary search, so their cost does not depend on how
// far apart the two times are.
import type { CalendarModel, DayNumber, DayRange, Minutes } from "./model";
import { weekday } from "./dates";

export interface HourRange {
  from: number;
  to: number;
}

/** Why a day is off, for explanations: a named holiday or a resource's leave. */
export interface OffSource {
  from: DayNumber;
  to: DayNumber; // inclusive
  reason: "holiday" | "resourceOff";
  name: string | undefined;
  resource: number | undefined;
}

export interface WorkTime {
  /** Working ranges per weekday (0 = Monday), minutes from midnight, sorted, disjoint. */
  readonly week: readonly (readonly HourRange[])[];
  /** prefix[i] = working minutes of weekdays 0..i-1; prefix[7] = the weekly minutes. */
  readonly prefix: readonly number[];
  readonly weekly: number;
  /** Merged whole-day off spans, sorted: offFrom[i]..offTo[i] inclusive. */
  readonly offFrom: readonly DayNumber[];
  readonly offTo: readonly DayNumber[];
  /** offCum[i] = pattern minutes inside off spans 0..i-1 (offCum has one more entry). */
  readonly offCum: readonly number[];
  /** cum() at the start of each off span. */
  readonly offStartCum: readonly number[];
  readonly sources: readonly OffSource[];
  /** Working minutes of one working day of the calendar this was made from. */
  readonly minutesPerDay: number;
}

// The count starts on Monday 1969-12-29 (day -3), so weeks align with `weekday`.
const MONDAY_OFFSET = 3;

function withinDay(ranges: readonly HourRange[], m: number): number {
  let sum = 0;
  for (const r of ranges) {
    if (m <= r.from) break;
    sum += Math.min(m, r.to) - r.from;
  }
  return sum;
}

/** Working minutes before t by the weekly pattern alone (off days ignored). */
function patternCum(w: WorkTime, t: Minutes): number {
  const d = Math.floor(t / 1440);
  const D = d + MONDAY_OFFSET;
  const weeks = Math.floor(D / 7);
  const wd = D - weeks * 7;
  return weeks * w.weekly + w.prefix[wd]! + withinDay(w.week[wd]!, t - d * 1440);
}

/** Smallest t with patternCum(t) >= p (p within reach of the pattern). */
function patternInverse(w: WorkTime, p: number): Minutes {
  const weeks = Math.floor((p - 1) / w.weekly);
  let rem = p - weeks * w.weekly; // 1..weekly
  let wd = 0;
  while (w.prefix[wd + 1]! < rem) wd++;
  rem -= w.prefix[wd]!;
  let tod = 0;
  for (const r of w.week[wd]!) {
    const len = r.to - r.from;
    if (rem <= len) {
      tod = r.from + rem;
      break;
    }
    rem -= len;
  }
  return (weeks * 7 + wd - MONDAY_OFFSET) * 1440 + tod;
}

/** Index of the last element <= x in a sorted array, or -1. */
function lastAtMost(xs: readonly number[], x: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (xs[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/** Working minutes before t, counted from the fixed Monday. */
export function cum(w: WorkTime, t: Minutes): number {
  const p = patternCum(w, t);
  const j = lastAtMost(w.offFrom, Math.floor(t / 1440));
  if (j < 0) return p;
  if (w.offTo[j]! < Math.floor(t / 1440)) return p - w.offCum[j + 1]!;
  return w.offStartCum[j]!; // inside an off span: flat
}

/** Smallest t with cum(t) >= v. */
function lowest(w: WorkTime, v: number): Minutes {
  // The first off span whose start is already at or beyond v bounds the answer.
  let lo = 0;
  let hi = w.offStartCum.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (w.offStartCum[mid]! < v) lo = mid + 1;
    else hi = mid;
  }
  return patternInverse(w, v + w.offCum[lo]!);
}

function build(week: HourRange[][], offs: OffSource[], minutesPerDay: number): WorkTime {
  const prefix = [0];
  for (let i = 0; i < 7; i++) prefix.push(prefix[i]! + week[i]!.reduce((s, r) => s + r.to - r.from, 0));
  const sorted = [...offs].sort((a, b) => a.from - b.from);
  const offFrom: number[] = [];
  const offTo: number[] = [];
  for (const o of sorted) {
    const last = offTo.length - 1;
    if (last >= 0 && o.from <= offTo[last]! + 1) offTo[last] = Math.max(offTo[last]!, o.to);
    else {
      offFrom.push(o.from);
      offTo.push(o.to);
    }
  }
  const w = { week, prefix, weekly: prefix[7]!, offFrom, offTo, offCum: [0], offStartCum: [] as number[], sources: sorted, minutesPerDay };
  for (let i = 0; i < offFrom.length; i++) {
    const start = patternCum(w, offFrom[i]! * 1440);
    w.offStartCum.push(start - w.offCum[i]!);
    w.offCum.push(w.offCum[i]! + patternCum(w, (offTo[i]! + 1) * 1440) - start);
  }
  return w;
}

const plainCache = new WeakMap<CalendarModel, WorkTime>();
const offCache = new WeakMap<CalendarModel, WeakMap<readonly DayRange[], WorkTime>>();

/**
 * The working time of a calendar, minus extra days off (a resource's vacations, which
 * explanations attribute to `resource`). Cached per calendar and per off-list.
 */
export function workTime(cal: CalendarModel, off?: readonly DayRange[], resource?: number): WorkTime {
  if (!off || off.length === 0) {
    let w = plainCache.get(cal);
    if (!w) plainCache.set(cal, (w = compile(cal, [], undefined)));
    return w;
  }
  let byOff = offCache.get(cal);
  if (!byOff) offCache.set(cal, (byOff = new WeakMap()));
  let w = byOff.get(off);
  if (!w) byOff.set(off, (w = compile(cal, off, resource)));
  return w;
}

function compile(cal: CalendarModel, off: readonly DayRange[], resource: number | undefined): WorkTime {
  const week = cal.workdays.map((on) => (on ? cal.hours.map((h) => ({ from: h.from, to: h.to })) : []));
  const offs: OffSource[] = [
    ...cal.holidays.map((h) => ({ from: h.from, to: h.to, reason: "holiday" as const, name: h.name, resource: undefined })),
    ...off.map((h) => ({ from: h.from, to: h.to, reason: "resourceOff" as const, name: h.name, resource })),
  ];
  return build(week, offs, cal.minutesPerDay);
}

function intersectRanges(a: readonly HourRange[], b: readonly HourRange[]): HourRange[] {
  const out: HourRange[] = [];
  for (const x of a) {
    for (const y of b) {
      const from = Math.max(x.from, y.from);
      const to = Math.min(x.to, y.to);
      if (from < to) out.push({ from, to });
    }
  }
  return out.sort((p, q) => p.from - q.from);
}

/** Working time when both work (a task with several resources); keeps a's day length. */
export function intersect(a: WorkTime, b: WorkTime): WorkTime {
  const week = a.week.map((ranges, i) => intersectRanges(ranges, b.week[i]!));
  return build(week, [...a.sources, ...b.sources], a.minutesPerDay);
}

const patternCache = new WeakMap<WorkTime, WorkTime>();

/** The same weekly pattern with no days off: what a day off changed is the difference. */
export function patternOnly(w: WorkTime): WorkTime {
  if (w.offFrom.length === 0) return w;
  let p = patternCache.get(w);
  if (!p) patternCache.set(w, (p = build(w.week.map((r) => [...r]), [], w.minutesPerDay)));
  return p;
}

/** True when the calendar has no working time at all (nothing can be placed on it). */
export function isEmpty(w: WorkTime): boolean {
  return w.weekly === 0;
}

/** First working minute >= t (t itself when it is working). */
export function nextWorking(w: WorkTime, t: Minutes): Minutes {
  if (w.weekly === 0) return t;
  return lowest(w, cum(w, t) + 1) - 1;
}

/** Last end of working time <= t (t itself when the minute before t is working). */
export function prevWorkingEnd(w: WorkTime, t: Minutes): Minutes {
  if (w.weekly === 0) return t;
  const c = cum(w, t);
  return lowest(w, c);
}

/**
 * Moves t by `minutes` of working time. Forward, the result is the end of the last
 * working minute (a full day from 08:00 ends at 17:00, not at 08:00 next morning);
 * backward, it is the start of the first working minute (08:00, not 17:00 the day before).
 */
export function addWorking(w: WorkTime, t: Minutes, minutes: number): Minutes {
  if (minutes === 0 || w.weekly === 0) return t;
  const v = cum(w, t) + minutes;
  return minutes > 0 ? lowest(w, v) : lowest(w, v + 1) - 1;
}

/** Working minutes in [a, b); negative when b < a. */
export function workingBetween(w: WorkTime, a: Minutes, b: Minutes): number {
  return cum(w, b) - cum(w, a);
}

/** Working minutes on day d. */
export function dayMinutes(w: WorkTime, d: DayNumber): number {
  return cum(w, (d + 1) * 1440) - cum(w, d * 1440);
}

/** True when minute [t, t+1) is working. */
export function isWorking(w: WorkTime, t: Minutes): boolean {
  return cum(w, t + 1) > cum(w, t);
}

/** Why day d has no working time: a named off span, or a non-working weekday. */
export function offReason(w: WorkTime, d: DayNumber): OffSource | { reason: "weekend" } | undefined {
  for (const s of w.sources) if (s.from <= d && d <= s.to) return s;
  if (w.week[weekday(d)]!.length === 0) return { reason: "weekend" };
  return undefined;
}
