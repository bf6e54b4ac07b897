// The real-plan adapter: a PlanModel and its unleveled schedule become a kernel instance,
// the kernel's starts come back as `notBefore` bounds with the resource and competitor
// that caused each delay.
//
// Time unit: a slot of the project calendar's working time — the gcd of the leaf lengths,
// lags and the working day, at least 60 minutes — counted from the project start.
// Lengths and lags round up to whole slots, so the kernel never thinks a task ends before
// it really does. Capacity is in hundredths of a person per slot: the units on days the
// resource works at least half of the project's hours (so a resource whose hours only
// partly overlap the project's still levels), else 0; demand is the assignment share (200% takes
// two of a pool). Tasks with actuals or `start on` stay where they are and only use up
// capacity; the others are released no earlier than their unleveled start (which already
// holds the status date, constraints and as-late-as-possible placement).
import type { PlanModel, Minutes, Span } from "../model";
import type { LinkType } from "../ast";
import { addWorking, cum, dayMinutes, nextWorking, workTime, type WorkTime } from "../calendar";
import { networkFor, leafPredecessors, type Network } from "../scheduler/network";
import { latestFinishes, makeRcpsp, type Edge, type Need, type Rcpsp } from "./rcpsp";
import { eligibleOrder } from "./sgs";
import { solve } from "./search";
import type { LevelDelay, LevelOptions, UnleveledDates } from "./index";

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

/** Slots of the project calendar: slot k covers working minutes [k·size, (k+1)·size) after the start. */
class Slots {
  private readonly origin: number;
  private readonly starts: Minutes[] = [];
  private readonly ends: Minutes[] = [];
  constructor(readonly work: WorkTime, readonly size: number, private readonly t0: Minutes) {
    this.origin = cum(work, t0);
  }
  /** The first working minute of slot k. */
  start(k: number): Minutes {
    for (let i = this.starts.length; i <= k; i++) this.starts.push(nextWorking(this.work, i === 0 ? this.t0 : this.end(i - 1)));
    return this.starts[k]!;
  }
  /** The end of the last working minute of slot k. */
  end(k: number): Minutes {
    for (let i = this.ends.length; i <= k; i++) this.ends.push(addWorking(this.work, this.t0, (i + 1) * this.size));
    return this.ends[k]!;
  }
  /** The first slot that starts at or after t. */
  ceil(t: Minutes): number {
    return Math.max(0, Math.ceil((cum(this.work, t) - this.origin) / this.size));
  }
  /** The slot that holds minute t. */
  floor(t: Minutes): number {
    return Math.max(0, Math.floor((cum(this.work, t) - this.origin) / this.size));
  }
  /**
   * Slots covering a length or lag, rounded so that the kernel never has a task end, or a
   * successor start, before the scheduler does. Elapsed time counts at most one working
   * day per started clock day; an elapsed lead counts as no lead.
   */
  count(span: { minutes: number; elapsed: boolean }, scale = 1): number {
    if (!span.elapsed) return Math.ceil((span.minutes * scale) / this.size);
    if (span.minutes <= 0) return 0;
    const most = Math.min(span.minutes, (Math.ceil(span.minutes / 1440) + 1) * this.work.minutesPerDay);
    return Math.ceil(most / this.size);
  }
}

interface Instance {
  p: Rcpsp;
  /** Activity a is leaf task tasks[a]; fixed tasks are not activities. */
  tasks: number[];
  slots: Slots;
  /** Per resource: the slots fixed tasks (actuals, `start on`) hold, and how much. */
  fixedUse: Map<number, { task: number; from: number; to: number; qty: number }[]>;
}

function slotSize(net: Network, free: number[]): number {
  let g = net.plan.project.calendar.minutesPerDay;
  for (const j of free) {
    if (!net.elapsed[j] && net.length[j]! > 0) g = gcd(g, net.length[j]!);
    for (const l of leafPredecessors(net, j)) if (!l.lag.elapsed && l.lag.minutes !== 0) g = gcd(g, Math.abs(l.lag.minutes));
  }
  return Math.max(60, g);
}

/** s[to] ≥ s[from] + lag for a link of `type` with a lag of L slots. */
function startLag(type: LinkType, dFrom: number, dTo: number, L: number): number {
  switch (type) {
    case "FS": return dFrom + L;
    case "SS": return L;
    case "FF": return dFrom - dTo + L;
    case "SF": return L - dTo;
  }
}

function buildInstance(plan: PlanModel, unleveled: UnleveledDates): Instance | undefined {
  const net = networkFor(plan);
  const fixed = (j: number) => {
    const t = plan.tasks[j]!;
    return t.started !== undefined || t.finished !== undefined || t.constraints.some((c) => c.kind === "startOn");
  };
  const leaves = plan.tasks.filter((t) => !t.summary && !net.unscheduled[t.index]).map((t) => t.index);
  const free = leaves.filter((j) => !fixed(j));
  if (!free.some((j) => plan.tasks[j]!.assignments.length > 0) || plan.resources.length === 0) return undefined;

  const project = net.projectWork;
  const slots = new Slots(project, slotSize(net, free), nextWorking(project, plan.project.start * 1440));
  const index = new Map(free.map((j, a) => [j, a]));
  const R = plan.resources.length;
  const units = plan.resources.map((r) => Math.round(r.units * 100));
  // A task on a calendar with fewer working hours than the project's needs more slots.
  const duration = free.map((j) => {
    const w = net.work[j]!;
    const scale = w.weekly > 0 && w.weekly < project.weekly ? project.weekly / w.weekly : 1;
    return Math.max(0, slots.count({ minutes: net.length[j]!, elapsed: net.elapsed[j]! }, scale));
  });
  const demand = free.map((j): Need[] => {
    const held = new Map<number, number>();
    for (const a of plan.tasks[j]!.assignments) held.set(a.resource, Math.min(units[a.resource]!, (held.get(a.resource) ?? 0) + Math.round(a.share * 100)));
    return [...held];
  });
  const edges: Edge[] = [];
  for (const j of free) {
    for (const l of leafPredecessors(net, j)) {
      const from = index.get(l.from);
      if (from === undefined) continue; // a fixed predecessor: already in the release
      const L = slots.count(l.lag as Span);
      edges.push({ from, to: index.get(j)!, lag: startLag(l.type, duration[from]!, duration[index.get(j)!]!, L) });
    }
  }

  // Capacity: the units in slots the resource works, minus fixed tasks' use.
  const resWork = plan.resources.map((r) => workTime(r.calendar, r.off, r.index));
  const fixedUse = new Map<number, { task: number; from: number; to: number; qty: number }[]>();
  let profileEnd = slots.ceil(unleveled.finishAll);
  for (const j of leaves.filter(fixed)) {
    const from = slots.floor(unleveled.start[j]!);
    const to = Math.max(from, slots.ceil(unleveled.finish[j]!));
    for (const a of plan.tasks[j]!.assignments) {
      const list = fixedUse.get(a.resource) ?? [];
      list.push({ task: j, from, to, qty: Math.round(a.share * 100) });
      fixedUse.set(a.resource, list);
    }
  }
  for (const r of plan.resources) for (const o of [...r.off, ...r.calendar.holidays]) profileEnd = Math.max(profileEnd, slots.ceil((o.to + 1) * 1440));
  for (const c of plan.project.calendar.holidays) profileEnd = Math.max(profileEnd, slots.ceil((c.to + 1) * 1440));
  // A resource works a slot when it works at least half of the project's hours that day:
  // judged per day, not per slot, because a task holds consecutive slots and a resource
  // whose hours only partly overlap the project's (06:00–14:00 against 09:00–17:00) would
  // otherwise never have a run long enough. Cached per distinct calendar and day.
  const firstDay = Math.floor(slots.start(0) / 1440); // rows from 0: dense arrays
  const dayOf: number[] = [];
  const rows = new Map<WorkTime, boolean[]>();
  const rowOf = resWork.map((w) => rows.get(w) ?? rows.set(w, []).get(w)!);
  const works = (r: number, k: number) => {
    for (let i = dayOf.length; i <= k; i++) dayOf.push(Math.floor(slots.start(i) / 1440) - firstDay);
    const d = dayOf[k]!;
    return (rowOf[r]![d] ??= 2 * dayMinutes(resWork[r]!, d + firstDay) >= dayMinutes(project, d + firstDay));
  };
  const fixedLoad = plan.resources.map((r) => {
    const load: number[] = [];
    for (const u of fixedUse.get(r.index) ?? []) for (let k = u.from; k < u.to; k++) load[k] = (load[k] ?? 0) + u.qty;
    return load;
  });
  const capacity = (r: number, k: number) => {
    if (!works(r, k)) return 0;
    const load = fixedLoad[r]!;
    return k < load.length ? Math.max(0, units[r]! - (load[k] ?? 0)) : units[r]!;
  };
  // Past every day off and fixed task the profile repeats weekly. A task needs a run of
  // working slots as long as itself (or a whole week) common to its resources; without one
  // it never fits, and the kernel would search to its horizon for nothing.
  const week = 7 * Math.ceil(project.minutesPerDay / slots.size);
  const end = profileEnd + 2 * week + 1;
  const longestRun = new Map<string, number>();
  for (let a = 0; a < free.length; a++) {
    const needs = demand[a]!.filter(([, q]) => q > 0).map(([r]) => r).sort((x, y) => x - y);
    if (duration[a] === 0 || needs.length === 0) continue;
    const key = needs.join(",");
    let best = longestRun.get(key);
    if (best === undefined) {
      best = 0;
      for (let k = profileEnd, run = 0; k < end; k++) best = Math.max(best, (run = needs.every((r) => works(r, k)) ? run + 1 : 0));
      longestRun.set(key, best);
    }
    if (best < Math.min(duration[a]!, end - profileEnd)) return undefined;
  }
  const p = makeRcpsp({
    duration, demand, edges, resources: R, capacity,
    release: free.map((j) => slots.ceil(unleveled.start[j]!)), tail: units, profileEnd: end, period: week,
    rank: free.map((j) => -plan.tasks[j]!.priority),
  });
  return { p, tasks: free, slots, fixedUse };
}

/**
 * The stable order: higher priority first, then the unleveled start, then the latest
 * finish, then plan order — so a small edit reorders little.
 */
function stableList(inst: Instance, plan: PlanModel): Int32Array {
  const { p, tasks } = inst;
  const release = p.release;
  const lft = latestFinishes(p);
  const prio = (a: number) => plan.tasks[tasks[a]!]!.priority;
  return eligibleOrder(p, (a, b) => prio(b) - prio(a) || release[a]! - release[b]! || lft[a]! - lft[b]! || a - b, new Int32Array(p.n));
}

/** Who holds each resource in the leveled schedule: the load per slot and the activities using it. */
interface Usage {
  load: Int32Array[];
  users: number[][];
}

function usage(p: Rcpsp, start: Int32Array): Usage {
  let end = 0;
  for (let j = 0; j < p.n; j++) end = Math.max(end, start[j]! + p.duration[j]!);
  const load = Array.from({ length: p.nRes }, () => new Int32Array(end + 1));
  const users = Array.from({ length: p.nRes }, () => [] as number[]);
  for (let j = 0; j < p.n; j++) {
    for (let q = p.reqOff[j]!; q < p.reqOff[j + 1]!; q++) {
      const r = p.reqRes[q]!;
      users[r]!.push(j);
      for (let t = start[j]!; t < start[j]! + p.duration[j]!; t++) load[r]![t] += p.reqQty[q]!;
    }
  }
  return { load, users };
}

/** The resource that kept activity j from starting at `at`, and who held it. */
function blame(inst: Instance, start: Int32Array, use: Usage, j: number, at: number): { resource: number; competitor: number } {
  const { p } = inst;
  const running = (k: number, tau: number) => start[k]! <= tau && tau < start[k]! + p.duration[k]!;
  for (let tau = at; tau < at + p.duration[j]!; tau++) {
    for (let q = p.reqOff[j]!; q < p.reqOff[j + 1]!; q++) {
      const r = p.reqRes[q]!;
      const used = (use.load[r]![tau] ?? 0) - (running(j, tau) ? p.reqQty[q]! : 0);
      if (used + p.reqQty[q]! <= p.capacity(r, tau)) continue;
      // The competitor is the one holding the resource longest past tau.
      let holder = -1;
      let holderEnd = -1;
      for (const k of use.users[r]!) {
        if (k === j || !running(k, tau)) continue;
        if (start[k]! + p.duration[k]! > holderEnd) {
          holderEnd = start[k]! + p.duration[k]!;
          holder = inst.tasks[k]!;
        }
      }
      if (holder < 0) holder = inst.fixedUse.get(r)?.find((u) => u.from <= tau && tau < u.to)?.task ?? inst.tasks[j]!;
      return { resource: r, competitor: holder };
    }
  }
  // Not blocked at `at` (cannot happen for a serial schedule): name the first resource.
  return { resource: p.reqRes[p.reqOff[j]!] ?? 0, competitor: inst.tasks[j]! };
}

export function levelTasks(plan: PlanModel, unleveled: UnleveledDates, options: LevelOptions): LevelDelay[] {
  let inst: Instance | undefined;
  let start: Int32Array;
  try {
    inst = buildInstance(plan, unleveled);
    if (!inst) return [];
    const stable = stableList(inst, plan);
    start = (
      options.mode === "fast"
        ? solve(inst.p, { mode: "fast", lists: [stable], listsOnly: true, justify: false })
        : solve(inst.p, { mode: "optimize", lists: [stable], budgetMs: options.budgetMs })
    ).start;
  } catch {
    // A resource that never works, or links the kernel cannot order: leave the plan unleveled.
    return [];
  }
  const { p, slots } = inst;
  const delays: LevelDelay[] = [];
  const use = usage(p, start);
  for (let a = 0; a < p.n; a++) {
    // The start its predecessors and release allow in the leveled schedule.
    let es = p.release[a]!;
    for (let e = p.pred.off[a]!; e < p.pred.off[a + 1]!; e++) es = Math.max(es, start[p.pred.act[e]!]! + p.pred.lag[e]!);
    if (start[a]! <= es) continue;
    const why = blame(inst, start, use, a, Math.max(0, es));
    delays.push({ task: inst.tasks[a]!, notBefore: slots.start(start[a]!), ...why });
  }
  return delays;
}
