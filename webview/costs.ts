// Cost and load figures the Budget and Resources tabs draw, computed from the schedule's
// bookings (hours per resource, task and day), resource rates and fixed costs.
import { timeDay, timeMonday } from "d3-time";
import type { CapacityJson, ResourceJson, ScheduleJson } from "../core/json";
import { formatDay, parseLocal, weekday } from "./time";

/** Cost of one working hour of a resource; a day rate spreads over the calendar's hours per day. */
export function hourlyRate(r: ResourceJson, hoursPerDay: number): number {
  if (r.rate === null) return 0;
  return r.per === "d" ? r.rate / hoursPerDay : r.rate;
}

const cents = (x: number) => Math.round(x * 100) / 100;

export interface CostPoint { day: string; cumulative: number }

/** The cumulative planned cost per day (bookings × rates, fixed costs on the task's start day). */
export function costCurve(data: ScheduleJson): CostPoint[] {
  const rates = new Map(data.resources.map((r) => [r.id, hourlyRate(r, data.calendar.hoursPerDay)]));
  const perDay = new Map<string, number>();
  const add = (day: string, amount: number) => perDay.set(day, (perDay.get(day) ?? 0) + amount);
  for (const b of data.bookings) add(b.day, b.hours * (rates.get(b.resource) ?? 0));
  for (const t of data.tasks) for (const c of t.fixedCosts) add(t.start.slice(0, 10), c.amount);
  let sum = 0;
  return [...perDay.keys()].sort().map((day) => ({ day, cumulative: cents((sum += perDay.get(day)!)) }));
}

export const LABOUR = "Labour";

/** Planned cost by category: the fixed-cost categories (uncategorised: "Other") and labour. */
export function costByCategory(data: ScheduleJson): { label: string; value: number }[] {
  const totals = new Map<string, number>([[LABOUR, data.resources.reduce((s, r) => s + r.cost, 0)]]);
  for (const t of data.tasks) {
    for (const c of t.fixedCosts) {
      const k = c.category ?? "Other";
      totals.set(k, (totals.get(k) ?? 0) + c.amount);
    }
  }
  return [...totals].map(([label, value]) => ({ label, value: cents(value) })).sort((a, b) => b.value - a.value);
}

export interface Bucket {
  /** First day of the bucket. */
  start: string;
  hours: number;
  capacity: number;
  /** Booked hours per task in this bucket. */
  tasks: Map<string, number>;
}

export interface ResourceLoad {
  resource: ResourceJson;
  buckets: Bucket[];
  capacity: number;
}

/** Each day of a capacity's span with its hours: its weekday's, or none on a day off. */
export function* capacityDays(c: CapacityJson): Generator<[string, number]> {
  let k = 0;
  for (let d = parseLocal(c.from), day = c.from; day <= c.to; d = timeDay.offset(d, 1), day = formatDay(d)) {
    while (k < c.off.length && c.off[k]![1] < day) k++;
    yield [day, k < c.off.length && c.off[k]![0] <= day ? 0 : c.week[weekday(d)]!];
  }
}

const bucketOf = (day: string, size: "day" | "week") => (size === "day" ? day : formatDay(timeMonday.floor(parseLocal(day))));
export const overloaded = (b: Bucket) => b.hours > b.capacity + 1e-6;

/** Booked hours against capacity per resource, in day or week buckets, in time order. */
export function resourceLoad(data: ScheduleJson, size: "day" | "week"): ResourceLoad[] {
  const byRes = new Map<string, Map<string, Bucket>>();
  const bucket = (res: string, day: string) => {
    let m = byRes.get(res);
    if (!m) byRes.set(res, (m = new Map()));
    const key = bucketOf(day, size);
    let b = m.get(key);
    if (!b) m.set(key, (b = { start: key, hours: 0, capacity: 0, tasks: new Map() }));
    return b;
  };
  for (const r of data.resources) for (const [day, hours] of capacityDays(r.capacity)) bucket(r.id, day).capacity += hours;
  for (const bk of data.bookings) {
    const b = bucket(bk.resource, bk.day);
    b.hours += bk.hours;
    b.tasks.set(bk.task, (b.tasks.get(bk.task) ?? 0) + bk.hours);
  }
  return data.resources.map((resource) => {
    const buckets = [...(byRes.get(resource.id)?.values() ?? [])].sort((a, b) => (a.start < b.start ? -1 : 1));
    return { resource, buckets, capacity: buckets.reduce((s, b) => s + b.capacity, 0) };
  });
}
