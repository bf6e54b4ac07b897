// Working time: a weekly pattern of working ranges minus whole days off (holidays,
// vacations). Every operation goes through `cum(t)`, the number of working minutes
// before t counted from a fixed Monday, and its inverse; both jump over whole weeks and
// off-day spans with arithmetic, table lookups and binary search, so their cost does not
// depend on how far apart the two times are. Times are whole minutes.
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
  /** Its weekly pattern, shared by every WorkTime with the same working ranges. */
  readonly pattern: WeekPattern;
  /** Working minutes of a whole week. */
  readonly weekly: number;
  /** Merged whole-day off spans, sorted: offFrom[i]..offTo[i] inclusive. */
  readonly offFrom: readonly DayNumber[];
  readonly offTo: readonly DayNumber[];
  /** offCum[i] = pattern minutes inside off spans 0..i-1 (offCum has one more entry). */
  readonly offCum: readonly number[];
  /** cum() at the start of each off span. */
  readonly offStartCum: readonly number[];
  /**
   * For the days from offFrom[0] up to the start of the last off span (at most
   * OFF_INDEX_DAYS of them), the last off span starting on or before each: what a binary
   * search over offFrom gives, looked up.
   */
  readonly offIndex: Int16Array;
  readonly sources: readonly OffSource[];
  /** Working minutes of one working day of the calendar this was made from. */
  readonly minutesPerDay: number;
}

/** A weekly pattern of working ranges, and tables over the minutes of a week for it. */
export interface WeekPattern {
  /** Working ranges per weekday (0 = Monday), minutes from midnight, sorted, disjoint. */
  readonly week: readonly (readonly HourRange[])[];
  /** prefix[i] = working minutes of weekdays 0..i-1; prefix[7] = the weekly minutes. */
  readonly prefix: readonly number[];
  /** before[m] = working minutes of the week before its minute m (m = 0 .. WEEK). */
  readonly before: Int32Array;
  /** end[k] = the minute of the week at which its k-th working minute ends (k = 1 .. weekly). */
  readonly end: Int32Array;
}

const WEEK = 7 * 1440;

// The count starts on Monday 1969-12-29 (day -3), so weeks align with `weekday`.
const MONDAY_OFFSET = 3;

/** Patterns by content: there are few, and each new plan brings new calendar objects with the same hours. */
const patterns = new Map<string, WeekPattern>();
/** Past this many distinct patterns the cache starts over. */
const PATTERNS = 64;

function weekPattern(week: HourRange[][]): WeekPattern {
  const key = JSON.stringify(week);
  let pattern = patterns.get(key);
  if (!pattern) {
    const prefix = [0];
    for (let i = 0; i < 7; i++) prefix.push(prefix[i]! + week[i]!.reduce((s, r) => s + r.to - r.from, 0));
    // Both tables filled range by range (the ranges are sorted and disjoint): flat between
    // ranges, rising by one a minute inside them.
    const before = new Int32Array(WEEK + 1);
    const end = new Int32Array(prefix[7]! + 1);
    let worked = 0;
    for (let d = 0; d < 7; d++) {
      const day = d * 1440;
      let m = 0;
      for (let i = 0; i < week[d]!.length; i++) {
        const { from, to } = week[d]![i]!;
        before.fill(worked, day + m, day + from);
        for (m = from; m < to; m++) {
          before[day + m] = worked++;
          end[worked] = day + m + 1;
        }
      }
      before.fill(worked, day + m, day + 1440);
    }
    before[WEEK] = worked;
    if (patterns.size >= PATTERNS) patterns.clear();
    patterns.set(key, (pattern = { week, prefix, before, end }));
  }
  return pattern;
}

/** Working minutes before t by the weekly pattern alone (off days ignored). */
function patternCum(w: WorkTime, t: Minutes): number {
  const s = t + MONDAY_OFFSET * 1440;
  const weeks = Math.floor(s / WEEK);
  return weeks * w.weekly + w.pattern.before[s - weeks * WEEK]!;
}

/** Smallest t with patternCum(t) >= p (p within reach of the pattern). */
function patternInverse(w: WorkTime, p: number): Minutes {
  const weeks = Math.floor((p - 1) / w.weekly);
  return weeks * WEEK + w.pattern.end[p - weeks * w.weekly]! - MONDAY_OFFSET * 1440;
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

/** Index of the last off span starting on or before day d, or -1. */
function offSpanAt(w: WorkTime, d: DayNumber): number {
  const n = w.offFrom.length;
  if (n === 0 || d < w.offFrom[0]!) return -1;
  if (d >= w.offFrom[n - 1]!) return n - 1;
  const i = d - w.offFrom[0]!;
  return i < w.offIndex.length ? w.offIndex[i]! : lastAtMost(w.offFrom, d);
}

/** Working minutes before t, counted from the fixed Monday. */
export function cum(w: WorkTime, t: Minutes): number {
  const d = Math.floor(t / 1440);
  const p = patternCum(w, t);
  const j = offSpanAt(w, d);
  if (j < 0) return p;
  if (w.offTo[j]! < d) return p - w.offCum[j + 1]!;
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

function build(pattern: WeekPattern, offs: OffSource[], minutesPerDay: number): WorkTime {
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
  const w = {
    pattern, weekly: pattern.prefix[7]!, offFrom, offTo, offCum: [0], offStartCum: [] as number[], offIndex: offIndexOf(offFrom),
    sources: sorted, minutesPerDay,
  };
  for (let i = 0; i < offFrom.length; i++) {
    const start = patternCum(w, offFrom[i]! * 1440);
    w.offStartCum.push(start - w.offCum[i]!);
    w.offCum.push(w.offCum[i]! + patternCum(w, (offTo[i]! + 1) * 1440) - start);
  }
  return w;
}

/** Longer stretches between the first and last days off are searched instead of tabled. */
const OFF_INDEX_DAYS = 1 << 14;

function offIndexOf(offFrom: readonly DayNumber[]): Int16Array {
  if (offFrom.length === 0 || offFrom.length > 0x7fff) return new Int16Array(0);
  const first = offFrom[0]!;
  const index = new Int16Array(Math.min(offFrom[offFrom.length - 1]! - first, OFF_INDEX_DAYS));
  for (let j = 0; j + 1 < offFrom.length && offFrom[j]! - first < index.length; j++) index.fill(j, offFrom[j]! - first, offFrom[j + 1]! - first);
  return index;
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

const calendarPatterns = new WeakMap<CalendarModel, WeekPattern>();

function compile(cal: CalendarModel, off: readonly DayRange[], resource: number | undefined): WorkTime {
  let pattern = calendarPatterns.get(cal);
  if (!pattern) calendarPatterns.set(cal, (pattern = weekPattern(cal.workdays.map((on) => (on ? cal.hours.map((h) => ({ from: h.from, to: h.to })) : [])))));
  const offs: OffSource[] = [
    ...cal.holidays.map((h) => ({ from: h.from, to: h.to, reason: "holiday" as const, name: h.name, resource: undefined })),
    ...off.map((h) => ({ from: h.from, to: h.to, reason: "resourceOff" as const, name: h.name, resource })),
  ];
  return build(pattern, offs, cal.minutesPerDay);
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

const intersections = new WeakMap<WeekPattern, Map<WeekPattern, WeekPattern>>();

/** The hours when both patterns work. */
function intersectPatterns(a: WeekPattern, b: WeekPattern): WeekPattern {
  let byB = intersections.get(a);
  if (!byB) intersections.set(a, (byB = new Map()));
  let pattern = byB.get(b);
  if (!pattern) byB.set(b, (pattern = weekPattern(a.week.map((ranges, i) => intersectRanges(ranges, b.week[i]!)))));
  return pattern;
}

/** Working time when both work (a task with several resources); keeps a's day length. */
export function intersect(a: WorkTime, b: WorkTime): WorkTime {
  return build(intersectPatterns(a.pattern, b.pattern), [...a.sources, ...b.sources], a.minutesPerDay);
}

const patternCache = new WeakMap<WorkTime, WorkTime>();

/** The same weekly pattern with no days off: what a day off changed is the difference. */
export function patternOnly(w: WorkTime): WorkTime {
  if (w.offFrom.length === 0) return w;
  let p = patternCache.get(w);
  if (!p) patternCache.set(w, (p = build(w.pattern, [], w.minutesPerDay)));
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

/** Working minutes on day d: none inside an off span, else its weekday's. */
export function dayMinutes(w: WorkTime, d: DayNumber): number {
  const j = offSpanAt(w, d);
  if (j >= 0 && w.offTo[j]! >= d) return 0;
  const wd = weekday(d);
  return w.pattern.prefix[wd + 1]! - w.pattern.prefix[wd]!;
}

/** True when minute [t, t+1) is working. */
export function isWorking(w: WorkTime, t: Minutes): boolean {
  return cum(w, t + 1) > cum(w, t);
}

/** Why day d has no working time: a named off span, or a non-working weekday. */
export function offReason(w: WorkTime, d: DayNumber): OffSource | { reason: "weekend" } | undefined {
  for (const s of w.sources) if (s.from <= d && d <= s.to) return s;
  if (w.pattern.week[weekday(d)]!.length === 0) return { reason: "weekend" };
  return undefined;
}
