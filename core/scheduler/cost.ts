// Bookings, work and cost of a placed schedule. A resource works on a task during the
// task's working time, at its share, over the task's work segments (one segment, or two
// for a started task whose remainder resumes after the status date). Money is exact:
// each task × resource amount is rounded to the cent once, then integers are summed.
import { BookingColumns, Bookings, type ResourceLoad } from "../schedule";
import type { Cents, DayNumber, Minutes, ResourceModel } from "../model";
import { dayMinutes, workTime, workingBetween, type WorkTime } from "../calendar";
import { SUMMARY, type Network } from "./network";
import { PLACED, prefixOf, type Forward } from "./passes";

/** The working time of a resource: its calendar minus its days off. */
export function resourceWork(r: ResourceModel): WorkTime {
  return workTime(r.calendar, r.off, r.index);
}

/** A resource's capacity on one day: its units × its working minutes that day (`w` = its working time). */
export function capacity(r: ResourceModel, w: WorkTime, d: DayNumber): number {
  return Math.round(r.units * dayMinutes(w, d));
}

/** A resource's capacity on one day. */
export function capacityOn(r: ResourceModel, d: DayNumber): number {
  return capacity(r, resourceWork(r), d);
}

export interface Costing {
  bookings: Bookings;
  /**
   * Each booking's exact minutes, by booking index: bookings are rounded per task and day,
   * so two half-time tasks sharing a day could add up to one minute over capacity.
   */
  exact: Float64Array;
  /** Per task: booked minutes and planned cost (leaves only; summaries roll up later). */
  work: Float64Array;
  cost: Float64Array;
  resources: ResourceLoad[];
  /** The bookings as made, and where each task's begin: `taskFrom[i] … taskFrom[i + 1]`. */
  columns: BookingColumns;
  taskFrom: Int32Array;
  /** Per assignment: booked minutes (rounded) and cents, which the resource totals add up. */
  asgWork: Float64Array;
  asgCost: Float64Array;
}

/** The cost of `minutes` of a resource's work, in cents, rounded once. */
export function resourceCost(r: ResourceModel, minutes: number): Cents {
  if (!r.rate) return 0;
  const perMinute = r.rate.per === "h" ? 60 : r.calendar.minutesPerDay;
  return Math.round((minutes * r.rate.cents) / perMinute);
}

/** The days a leaf works and its working minutes on each (days with none left out), in buffers reused from leaf to leaf. */
class WorkingDays {
  day: number[] = [];
  minutes: number[] = [];
  count = 0;

  /** Collects the days of a leaf's work segments (see `Forward.resume`). */
  of(w: WorkTime, fwd: Forward, leaf: number): this {
    this.count = 0;
    const r = fwd.resume.get(leaf);
    if (r) {
      this.add(w, fwd.start[leaf]!, r.doneEnd);
      this.add(w, r.resume, fwd.finish[leaf]!);
    } else this.add(w, fwd.start[leaf]!, fwd.finish[leaf]!);
    return this;
  }

  /** Working minutes on each day of [a, b): a whole day's by its weekday and days off, a partial day's counted. */
  private add(w: WorkTime, a: Minutes, b: Minutes): void {
    const first = Math.floor(a / 1440);
    const last = Math.ceil(b / 1440) - 1;
    for (let d = first; d <= last; d++) {
      const m = d === first || d === last ? workingBetween(w, Math.max(a, d * 1440), Math.min(b, (d + 1) * 1440)) : dayMinutes(w, d);
      if (m <= 0) continue;
      this.day[this.count] = d;
      this.minutes[this.count++] = m;
    }
  }
}

/**
 * `prior` is the costing of the schedule before an edit, and `marks` the forward
 * pass's (see `Prior` in passes.ts): a task not placed again keeps its bookings, work and
 * cost. After an edit that added or removed tasks, the prior holds the tasks before
 * `from` only (see `Cut` in result.ts); the passes placed every later one again.
 */
export function cost(net: Network, fwd: Forward, prior?: Costing, marks?: Uint8Array, from?: number): Costing {
  const { plan, asgOff, asgResource, asgShare } = net;
  const n = plan.tasks.length;
  const was = marks && prior;
  // The prior holds the tasks before `from` (all, without a cut), and their assignments.
  const keepTo = from ?? n;
  const work = was ? prefixOf(was.work, n, keepTo) : new Float64Array(n);
  const cost = was ? prefixOf(was.cost, n, keepTo) : new Float64Array(n);
  const asgWork = was ? prefixOf(was.asgWork, asgResource.length, asgOff[keepTo]!) : new Float64Array(asgResource.length);
  const asgCost = was ? prefixOf(was.asgCost, asgResource.length, asgOff[keepTo]!) : new Float64Array(asgResource.length);
  // The prior's bookings of the tasks it holds: those of later tasks are dropped.
  const oldEnd = was ? (from === undefined ? was.columns.length : was.taskFrom[from]!) : 0;
  const taskFrom = new Int32Array(n + 1);
  // After an edit, about as many bookings as before: room for them at once.
  const columns = new BookingColumns(was ? was.columns.length + 1024 : 1024);
  const days = new WorkingDays();
  // The kept tasks' bookings are copied in runs: `run` is the first of the prior's not yet
  // copied, and a kept task's begin `shift` rows from where they began.
  let run = 0;
  let shift = 0;
  for (let i = 0; i < n; i++) {
    if (was && i < keepTo && !(marks[i]! & PLACED)) {
      taskFrom[i] = was.taskFrom[i]! + shift;
      continue;
    }
    if (was) {
      columns.append(was.columns, run, i < keepTo ? was.taskFrom[i]! : oldEnd);
      run = i < keepTo ? was.taskFrom[i + 1]! : oldEnd;
    }
    taskFrom[i] = columns.length;
    if (!(net.flags[i]! & SUMMARY || net.unscheduled[i])) book(i);
    shift = columns.length - run;
  }
  if (was) columns.append(was.columns, run, oldEnd);
  taskFrom[n] = columns.length;

  const resWork = new Float64Array(plan.resources.length);
  const resCost = new Float64Array(plan.resources.length);
  for (let a = 0; a < asgResource.length; a++) {
    resWork[asgResource[a]!] += asgWork[a]!;
    resCost[asgResource[a]!] += asgCost[a]!;
  }
  const resources = plan.resources.map((r): ResourceLoad => Object.freeze({ resource: r.index, work: resWork[r.index]!, cost: resCost[r.index]! }));
  return { bookings: new Bookings(columns, plan.resources.length), exact: columns.exact, work, cost, resources, columns, taskFrom, asgWork, asgCost };

  function book(i: number): void {
    let c = 0;
    if (asgOff[i + 1]! > asgOff[i]!) {
      const { day, minutes, count } = days.of(net.work[i]!, fwd, i);
      let span = 0;
      for (let k = 0; k < count; k++) span += minutes[k]!;
      // Effort is split exactly by share (the duration was rounded to whole minutes).
      let shares = 0;
      for (let a = asgOff[i]!; a < asgOff[i + 1]!; a++) shares += asgShare[a]!;
      const effort = !Number.isNaN(net.effort[i]!) && shares > 0;
      for (let a = asgOff[i]!; a < asgOff[i + 1]!; a++) {
        const resource = asgResource[a]!;
        const share = asgShare[a]!;
        const booked = effort ? (net.effort[i]! * share) / shares : share * span;
        // An effort task's duration is rounded to whole minutes; a resource still never
        // works faster than its share (that would book a half-time person over half time).
        const perWorkingMinute = span > 0 ? Math.min(share, booked / span) : 0;
        for (let k = 0; k < count; k++) columns.push(resource, i, day[k]!, minutes[k]! * perWorkingMinute);
        const cents = resourceCost(plan.resources[resource]!, booked);
        asgWork[a] = Math.round(booked);
        asgCost[a] = cents;
        c += cents;
      }
    }
    work[i] = 0;
    for (let a = asgOff[i]!; a < asgOff[i + 1]!; a++) work[i] += asgWork[a]!;
    cost[i] = c + net.fixedCost[i]!;
  }
}
