// Bookings, work and cost of a placed schedule. A resource works on a task during the
// task's working time, at its share, over the task's work segments (one segment, or two
// for a started task whose remainder resumes after the status date). Money is exact:
// each task × resource amount is rounded to the cent once, then integers are summed.
import type { Booking, ResourceLoad } from "../schedule";
import type { Cents, Minutes, ResourceModel } from "../model";
import { dayMinutes, workTime, workingBetween, type WorkTime } from "../calendar";
import type { Network } from "./network";
import type { Forward } from "./passes";

/** A resource's capacity on one day: its units × its working minutes that day. */
export function capacityOn(r: ResourceModel, d: number): number {
  return Math.round(r.units * dayMinutes(workTime(r.calendar, r.off, r.index), d));
}

export interface Costing {
  bookings: Booking[];
  /** Per task: booked minutes and planned cost (leaves only; summaries roll up later). */
  work: Float64Array;
  cost: Float64Array;
  resources: ResourceLoad[];
  /** Per resource: exact booked minutes per day. Bookings are rounded per task and day, so
   *  two half-time tasks sharing a day could add up to one minute over capacity. */
  demand: Map<number, number>[];
}

/** The cost of `minutes` of a resource's work, in cents, rounded once. */
export function resourceCost(r: ResourceModel, minutes: number): Cents {
  if (!r.rate) return 0;
  const perMinute = r.rate.per === "h" ? 60 : r.calendar.minutesPerDay;
  return Math.round((minutes * r.rate.cents) / perMinute);
}

/** The time spans a leaf works in. */
export function segments(fwd: Forward, leaf: number): [Minutes, Minutes][] {
  const r = fwd.resume.get(leaf);
  const s = fwd.start[leaf]!;
  const f = fwd.finish[leaf]!;
  return r ? [[s, r.doneEnd], [r.resume, f]] : [[s, f]];
}

/** The days a leaf works within its segments and its working minutes on each (days with none left out). */
function workingDays(w: WorkTime, segs: [Minutes, Minutes][]): { days: number[]; minutes: number[] } {
  const days: number[] = [];
  const minutes: number[] = [];
  for (const [a, b] of segs) {
    for (let d = Math.floor(a / 1440); d * 1440 < b; d++) {
      const m = workingBetween(w, Math.max(a, d * 1440), Math.min(b, (d + 1) * 1440));
      if (m > 0) days.push(d), minutes.push(m);
    }
  }
  return { days, minutes };
}

export function cost(net: Network, fwd: Forward): Costing {
  const { plan } = net;
  const n = plan.tasks.length;
  const work = new Float64Array(n);
  const cost = new Float64Array(n);
  const bookings: Booking[] = [];
  const resWork = new Float64Array(plan.resources.length);
  const resCost = new Float64Array(plan.resources.length);
  const demand = plan.resources.map(() => new Map<number, number>());
  for (const t of plan.tasks) {
    if (t.summary || net.unscheduled[t.index]) continue;
    const w = net.work[t.index]!;
    const segs = segments(fwd, t.index);
    let c = 0;
    if (t.assignments.length > 0) {
      const { days, minutes } = workingDays(w, segs);
      let span = 0;
      for (const m of minutes) span += m;
      // Effort is split exactly by share (the duration was rounded to whole minutes).
      const shares = t.assignments.reduce((sum, a) => sum + a.share, 0);
      const effort = t.lengthKind === "effort" && !t.milestone && shares > 0;
      for (const a of t.assignments) {
        const booked = effort ? (t.span.minutes * a.share) / shares : a.share * span;
        // An effort task's duration is rounded to whole minutes; a resource still never
        // works faster than its share (that would book a half-time person over half time).
        const perWorkingMinute = span > 0 ? Math.min(a.share, booked / span) : 0;
        const byDay = demand[a.resource]!;
        for (let k = 0; k < days.length; k++) {
          const day = days[k]!;
          const exact = minutes[k]! * perWorkingMinute;
          // Frozen here, while hot, so the analysis's deep freeze has tens of thousands fewer to visit.
          bookings.push(Object.freeze({ resource: a.resource, task: t.index, day, minutes: Math.round(exact) }));
          byDay.set(day, (byDay.get(day) ?? 0) + exact);
        }
        const cents = resourceCost(plan.resources[a.resource]!, booked);
        work[t.index] += Math.round(booked);
        resWork[a.resource] += Math.round(booked);
        resCost[a.resource] += cents;
        c += cents;
      }
    }
    for (const f of t.fixedCosts) c += f.cents;
    cost[t.index] = c;
  }
  const resources = plan.resources.map((r): ResourceLoad => ({ resource: r.index, work: resWork[r.index]!, cost: resCost[r.index]! }));
  return { bookings, work, cost, resources, demand };
}
