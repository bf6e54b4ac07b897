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
import type { PlanModel, Minutes } from "../model";
import type { LinkType } from "../ast";
import { addWorking, cum, dayMinutes, nextWorking, type WorkTime } from "../calendar";
import { ACTUAL, START_ON, SUMMARY, networkFor, leafPredecessorLinks, type Network } from "../scheduler/network";
import { resourceWork } from "../scheduler/cost";
import { groupByKey } from "../group";
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
  /** The kernel's capacity, one resource and slot at a time. */
  capacity: Capacity;
}

/** Each free activity's predecessors: the leaves and links of preds[off[a] .. off[a+1]-1]. */
interface Predecessors {
  off: Int32Array;
  from: number[];
  link: number[];
}

function predecessorsOf(net: Network, free: readonly number[]): Predecessors {
  const preds: Predecessors = { off: new Int32Array(free.length + 1), from: [], link: [] };
  for (let a = 0; a < free.length; a++) {
    leafPredecessorLinks(net, free[a]!, preds.from, preds.link);
    preds.off[a + 1] = preds.from.length;
  }
  return preds;
}

function slotSize(net: Network, free: readonly number[], preds: Predecessors): number {
  let g = net.plan.project.calendar.minutesPerDay;
  for (let a = 0; a < free.length; a++) {
    const j = free[a]!;
    if (!net.elapsed[j] && net.length[j]! > 0) g = gcd(g, net.length[j]!);
    for (let e = preds.off[a]!; e < preds.off[a + 1]!; e++) {
      const l = preds.link[e]!;
      if (!net.links.elapsed[l] && net.links.lag[l] !== 0) g = gcd(g, Math.abs(net.links.lag[l]!));
    }
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

/** Tasks with actuals or `start on` stay where they are. */
function isFixed(net: Network, j: number): boolean {
  return (net.flags[j]! & (ACTUAL | START_ON)) !== 0;
}

/** The units of each resource task j holds (hundredths), each resource once, capped at its units. */
function taskNeeds(net: Network, j: number, units: readonly number[]): Need[] {
  const held: Need[] = [];
  for (let a = net.asgOff[j]!; a < net.asgOff[j + 1]!; a++) {
    const r = net.asgResource[a]!;
    const same = held.find((h) => h[0] === r);
    const qty = Math.min(units[r]!, (same?.[1] ?? 0) + Math.round(net.asgShare[a]! * 100));
    if (same) same[1] = qty;
    else held.push([r, qty]);
  }
  return held;
}

/**
 * Whether a resource works a slot: when it works at least half of the project's hours that
 * day. Judged per day, not per slot, because a task holds consecutive slots and a resource
 * whose hours only partly overlap the project's (06:00–14:00 against 09:00–17:00) would
 * otherwise never have a run long enough. Judged once per day for each distinct working
 * time (a row), in tables that grow with the slots asked for.
 */
class WorkingSlots {
  private readonly firstDay: number;
  /** Per slot: its day, counted from the first slot's. */
  private slotDay = new Int32Array(64);
  private known = 0;
  /** Per resource: its row. */
  readonly rowOf: Int32Array;
  private readonly rowWork: WorkTime[] = [];
  /** Per day: 1 once judged; then works[day * rows + row] is 1 when the row works that day. */
  private judged = new Uint8Array(64);
  private works: Uint8Array;

  constructor(private readonly slots: Slots, private readonly project: WorkTime, resWork: readonly WorkTime[]) {
    this.firstDay = Math.floor(slots.start(0) / 1440);
    this.rowOf = Int32Array.from(resWork, (w) => {
      let row = this.rowWork.indexOf(w);
      if (row < 0) row = this.rowWork.push(w) - 1;
      return row;
    });
    this.works = new Uint8Array(this.judged.length * this.rowWork.length);
  }

  /** Whether the resources of `row` work slot k. */
  rowWorks(row: number, k: number): boolean {
    const day = this.dayAt(k); // first: judging a new day may grow `works`
    return this.works[day + row] === 1;
  }

  /** Whether resource r works the day `dayAt` gave. */
  worksOn(day: number, r: number): boolean {
    return this.works[day + this.rowOf[r]!] === 1;
  }

  /** Slot k's day, for `worksOn` (judged first if needed). */
  dayAt(k: number): number {
    return this.judge(this.dayOf(k));
  }

  /** Where day d starts in `works`, judged first if needed. */
  private judge(d: number): number {
    const rows = this.rowWork.length;
    if (d >= this.judged.length) {
      this.judged = grown(this.judged, d);
      this.works = grown(this.works, this.judged.length * rows - 1);
    }
    if (!this.judged[d]) {
      const day = d + this.firstDay;
      const project = dayMinutes(this.project, day);
      for (let row = 0; row < rows; row++) this.works[d * rows + row] = 2 * dayMinutes(this.rowWork[row]!, day) >= project ? 1 : 0;
      this.judged[d] = 1;
    }
    return d * rows;
  }

  private dayOf(k: number): number {
    if (k >= this.known) {
      if (k >= this.slotDay.length) this.slotDay = grown(this.slotDay, k);
      for (; this.known <= k; this.known++) this.slotDay[this.known] = Math.floor(this.slots.start(this.known) / 1440) - this.firstDay;
    }
    return this.slotDay[k]!;
  }
}

/** Capacity per resource and slot: the units in slots the resource works, minus fixed tasks' use. */
class Capacity {
  constructor(private readonly works: WorkingSlots, private readonly units: readonly number[], private readonly fixedLoad: readonly Int32Array[]) {}

  at(r: number, k: number): number {
    return this.onDay(this.works.dayAt(k), r, k);
  }

  private onDay(day: number, r: number, k: number): number {
    if (!this.works.worksOn(day, r)) return 0;
    const load = this.fixedLoad[r]!;
    return k < load.length ? Math.max(0, this.units[r]! - load[k]!) : this.units[r]!;
  }

  /**
   * `at` for the kernel, which asks for every resource slot by slot: each slot's capacities
   * are worked out together and kept until another slot is asked for, and only those of
   * resources with fixed tasks change within a day.
   */
  bySlot(): (r: number, k: number) => number {
    const caps = new Int32Array(this.units.length);
    const loaded = this.fixedLoad.flatMap((load, r) => (load.length > 0 ? [r] : []));
    let slot = -1;
    let day = -1;
    return (r, k) => {
      if (k !== slot) {
        const d = this.works.dayAt(k);
        if (d !== day) for (let q = 0; q < caps.length; q++) caps[q] = this.works.worksOn(d, q) ? this.units[q]! : 0;
        for (const q of loaded) caps[q] = this.onDay(d, q, k);
        slot = k;
        day = d;
      }
      return caps[r]!;
    };
  }
}

/** The longest run of slots in [from, to) that all of `rows` work, cached by `key`. */
function longestRun<K>(cache: Map<K, number>, key: K, rows: readonly number[], works: WorkingSlots, from: number, to: number): number {
  let best = cache.get(key);
  if (best === undefined) {
    best = 0;
    for (let k = from, run = 0; k < to; k++) best = Math.max(best, (run = rows.every((row) => works.rowWorks(row, k)) ? run + 1 : 0));
    cache.set(key, best);
  }
  return best;
}

/** A copy of `a` long enough to hold index `i` (at least doubled, so growing stays linear). */
function grown<A extends Uint8Array | Int32Array>(a: A, i: number): A {
  const b = new (a.constructor as new (n: number) => A)(Math.max(i + 1, 2 * a.length));
  b.set(a);
  return b;
}

function buildInstance(plan: PlanModel, unleveled: UnleveledDates): Instance | undefined {
  const net = networkFor(plan);
  const leaves: number[] = [];
  for (let j = 0; j < plan.tasks.length; j++) if (!(net.flags[j]! & SUMMARY) && !net.unscheduled[j]) leaves.push(j);
  const free = leaves.filter((j) => !isFixed(net, j));
  if (!free.some((j) => net.asgOff[j + 1]! > net.asgOff[j]!) || plan.resources.length === 0) return undefined;

  const project = net.projectWork;
  const preds = predecessorsOf(net, free);
  const slots = new Slots(project, slotSize(net, free, preds), nextWorking(project, plan.project.start * 1440));
  const index = new Int32Array(plan.tasks.length).fill(-1);
  free.forEach((j, a) => (index[j] = a));
  const R = plan.resources.length;
  const units = plan.resources.map((r) => Math.round(r.units * 100));
  // A task on a calendar with fewer working hours than the project's needs more slots.
  const duration = free.map((j) => {
    const w = net.work[j]!;
    const scale = w.weekly > 0 && w.weekly < project.weekly ? project.weekly / w.weekly : 1;
    return Math.max(0, slots.count({ minutes: net.length[j]!, elapsed: net.elapsed[j] === 1 }, scale));
  });
  const demand = free.map((j) => taskNeeds(net, j, units));
  const edges: Edge[] = [];
  for (let to = 0; to < free.length; to++) {
    for (let e = preds.off[to]!; e < preds.off[to + 1]!; e++) {
      const from = index[preds.from[e]!]!;
      if (from < 0) continue; // a fixed predecessor: already in the release
      const dep = net.links.dep[preds.link[e]!]!;
      edges.push({ from, to, lag: startLag(dep.type, duration[from]!, duration[to]!, slots.count(dep.lag)) });
    }
  }

  // Capacity: the units in slots the resource works, minus fixed tasks' use.
  const fixedUse = new Map<number, { task: number; from: number; to: number; qty: number }[]>();
  let profileEnd = slots.ceil(unleveled.finishAll);
  for (const j of leaves) {
    if (!isFixed(net, j)) continue;
    const from = slots.floor(unleveled.start[j]!);
    const to = Math.max(from, slots.ceil(unleveled.finish[j]!));
    for (const a of plan.tasks[j]!.assignments) {
      const list = fixedUse.get(a.resource) ?? [];
      list.push({ task: j, from, to, qty: Math.round(a.share * 100) });
      fixedUse.set(a.resource, list);
    }
  }
  const week = 7 * Math.ceil(project.minutesPerDay / slots.size);
  profileEnd = pastDaysOff(plan, slots, profileEnd, duration, edges, week);
  const works = new WorkingSlots(slots, project, plan.resources.map(resourceWork));
  const fixedLoad = plan.resources.map((r) => {
    const uses = fixedUse.get(r.index) ?? [];
    const load = new Int32Array(uses.reduce((end, u) => (u.to > u.from ? Math.max(end, u.to) : end), 0));
    for (const u of uses) for (let k = u.from; k < u.to; k++) load[k] += u.qty;
    return load;
  });
  const capacity = new Capacity(works, units, fixedLoad);
  // Past every day off and fixed task the profile repeats weekly. A task needs a run of
  // working slots as long as itself (or a whole week) common to its resources; without one
  // it never fits, and the kernel would search to its horizon for nothing.
  const end = profileEnd + 2 * week + 1;
  // Whether a resource works depends on its working time alone (its row), and usually
  // every row works the whole window: then so do the rows of any task together.
  const rowRun = new Map<number, number>();
  const setRun = new Map<string, number>();
  const worksAll = (row: number) => (rowRun.get(row) ?? longestRun(rowRun, row, [row], works, profileEnd, end)) === end - profileEnd;
  for (let a = 0; a < free.length; a++) {
    if (duration[a] === 0) continue;
    const rows: number[] = [];
    for (const need of demand[a]!) if (need[1] > 0) rows.push(works.rowOf[need[0]]!);
    if (rows.length === 0 || rows.every(worksAll)) continue;
    const distinct = [...new Set(rows)].sort((x, y) => x - y);
    const best = longestRun(setRun, distinct.join(","), distinct, works, profileEnd, end);
    if (best < Math.min(duration[a]!, end - profileEnd)) return undefined;
  }
  const p = makeRcpsp({
    duration, demand, edges, resources: R, capacity: capacity.bySlot(),
    release: free.map((j) => slots.ceil(unleveled.start[j]!)), tail: units, profileEnd: end, period: week,
    rank: free.map((j) => -plan.tasks[j]!.priority),
  });
  return { p, tasks: free, slots, fixedUse, capacity };
}

/**
 * Where the capacity profile starts to repeat weekly: past `from` and every day off (a
 * holiday, a resource's leave) that a leveled schedule can reach. Placed one after the
 * other from `from`, each task waits at most a week for a working run, plus its lag,
 * plus the days off it meets, so days off beyond that reach change nothing; leaving them
 * out keeps a holiday typed in the year 8029 from stretching the profile six millennia.
 */
function pastDaysOff(plan: PlanModel, slots: Slots, from: number, duration: readonly number[], edges: readonly Edge[], week: number): number {
  const off = [...plan.project.calendar.holidays, ...plan.resources.flatMap((r) => [...r.off, ...r.calendar.holidays])]
    .map((o) => [slots.floor(o.from * 1440), slots.ceil((o.to + 1) * 1440)] as const)
    .sort((a, b) => a[0] - b[0]);
  let reach = from;
  for (const d of duration) reach += d + week;
  for (const e of edges) reach += Math.max(0, e.lag);
  let end = from;
  for (const [start, stop] of off) {
    // The two weeks after the end are read as the repeating profile (see buildInstance).
    if (start >= Math.max(reach, end + 2 * week + 1)) break;
    end = Math.max(end, stop);
    reach += Math.max(0, stop - Math.max(start, from));
  }
  return end;
}

/**
 * The stable order: higher priority first, then the unleveled start, then the latest
 * finish, then plan order — so a small edit reorders little.
 */
function stableList(inst: Instance, plan: PlanModel): Int32Array {
  const { p, tasks } = inst;
  const release = p.release;
  const lft = latestFinishes(p);
  const prio = new Float64Array(p.n);
  for (let a = 0; a < p.n; a++) prio[a] = plan.tasks[tasks[a]!]!.priority;
  return eligibleOrder(p, (a, b) => prio[b]! - prio[a]! || release[a]! - release[b]! || lft[a]! - lft[b]! || a - b, new Int32Array(p.n));
}

/** The activities that use each resource: activity reqAct[q] holds p.reqQty[q] of resource r for q in byRes[off[r] .. off[r+1]-1]. */
interface Users {
  off: Int32Array;
  byRes: Int32Array;
  reqAct: Int32Array;
}

function usersOf(p: Rcpsp): Users {
  const m = p.reqRes.length;
  const reqAct = new Int32Array(m);
  for (let j = 0; j < p.n; j++) reqAct.fill(j, p.reqOff[j]!, p.reqOff[j + 1]!);
  const { start: off, items: byRes } = groupByKey(p.reqRes, p.nRes);
  return { off, byRes, reqAct };
}

/**
 * The resource that kept activity j from starting at `at`, and who held it: the first
 * period and resource where the others running then leave too little. The loads are
 * summed from each resource's users on demand, which for the few delayed activities is
 * cheaper than a load profile per resource over every slot.
 */
function blame(inst: Instance, start: Int32Array, users: Users, j: number, at: number): { resource: number; competitor: number } {
  const { p } = inst;
  for (let tau = at; tau < at + p.duration[j]!; tau++) {
    for (let q = p.reqOff[j]!; q < p.reqOff[j + 1]!; q++) {
      const r = p.reqRes[q]!;
      // The others' load at tau; the competitor is the one holding the resource longest past tau.
      let used = 0;
      let holder = -1;
      let holderEnd = -1;
      for (let u = users.off[r]!; u < users.off[r + 1]!; u++) {
        const k = users.reqAct[users.byRes[u]!]!;
        const end = start[k]! + p.duration[k]!;
        if (k === j || start[k]! > tau || tau >= end) continue;
        used += p.reqQty[users.byRes[u]!]!;
        if (end > holderEnd) {
          holderEnd = end;
          holder = inst.tasks[k]!;
        }
      }
      if (used + p.reqQty[q]! <= inst.capacity.at(r, tau)) continue;
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
  const users = usersOf(p);
  for (let a = 0; a < p.n; a++) {
    // The start its predecessors and release allow in the leveled schedule.
    let es = p.release[a]!;
    for (let e = p.pred.off[a]!; e < p.pred.off[a + 1]!; e++) es = Math.max(es, start[p.pred.act[e]!]! + p.pred.lag[e]!);
    if (start[a]! <= es) continue;
    const why = blame(inst, start, users, a, Math.max(0, es));
    delays.push({ task: inst.tasks[a]!, notBefore: slots.start(start[a]!), ...why });
  }
  return delays;
}
