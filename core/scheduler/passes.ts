// The CPM passes over a Network. The forward pass places every leaf at the latest of its
// bounds (project start, links, constraints, status date, extra bounds from ALAP and
// leveling) and records which bound won as its Driver; the backward pass computes late
// dates from the project finish, the successors and `finish no later than`.
//
// Lags: a working lag is counted on the SUCCESSOR's working time (the time the waiting
// task would have worked), both forward and backward; an elapsed lag is clock time.
import type { Driver } from "../schedule";
import type { Minutes } from "../model";
import type { LinkType } from "../ast";
import { addWorking, isWorking, nextWorking, offReason, patternOnly, prevWorkingEnd, type WorkTime } from "../calendar";
import { dayOfMinutes } from "../dates";
import type { Link, Network } from "./network";

/** An extra lower bound on a leaf's start: as-late-as-possible placement or leveling. */
export interface Bound {
  t: Minutes;
  /** Builds the driver from the one that would apply without this bound. */
  driver: (inner: Driver) => Driver;
}

export interface Forward {
  start: Float64Array;
  finish: Float64Array;
  driver: Driver[];
  /** Per task: the leaf that gives its start / finish (itself for a leaf). */
  firstLeaf: Int32Array;
  lastLeaf: Int32Array;
  /** Per started leaf with a status date: where the remaining work resumes. */
  resume: Map<number, { doneEnd: Minutes; resume: Minutes }>;
  /** `start on` tasks whose logic would start them later: the driver it overrode. */
  overridden: Map<number, Driver>;
}

export interface Backward {
  lateStart: Float64Array;
  lateFinish: Float64Array;
  /** Per task: the leaf that gives its late start / late finish. */
  lsLeaf: Int32Array;
  lfLeaf: Int32Array;
}

/** t moved by a span: working time on w, or clock time. */
export function shift(w: WorkTime, t: Minutes, minutes: number, elapsed: boolean): Minutes {
  return elapsed ? t + minutes : addWorking(w, t, minutes);
}

const fromStart = (type: LinkType) => type === "SS" || type === "SF";
const toFinish = (type: LinkType) => type === "FF" || type === "SF";

const PROJECT_START: Driver = { kind: "projectStart" };

function logical(d: Driver): Driver {
  return d.kind === "leveling" ? logical(d.inner) : d;
}

/** Where a zero-length task sits: at t when t touches working time, else the next working minute. */
function placePoint(w: WorkTime, t: Minutes): Minutes {
  return isWorking(w, t) || isWorking(w, t - 1) ? t : nextWorking(w, t);
}

/**
 * Wraps a driver when the task had to wait for working time. Waiting overnight or over a
 * weekend after a task that ended at close of business is ordinary and not a gap; a
 * logical start on a non-working day, in off hours, or pushed on by days off is.
 */
function gapDriver(w: WorkTime, raw: Minutes, start: Minutes, inner: Driver, assigned: readonly { resource: number }[]): Driver {
  if (start <= raw) return inner;
  const gap = (why: ReturnType<typeof offReason>, fallback: "offHours" | "weekend"): Driver => {
    const reason = why?.reason ?? fallback;
    const name = why && "name" in why ? why.name : undefined;
    let resource = why && "resource" in why ? why.resource : undefined;
    if (reason === "resourceOff" && resource === undefined && assigned.length === 1) resource = assigned[0]!.resource;
    return { kind: "calendarGap", reason, name, from: raw, to: start, resource, inner };
  };
  const day = dayOfMinutes(raw);
  const offDay = offReason(w, day);
  if (offDay && offDay.reason !== "weekend") return gap(offDay, "offHours");
  const plain = nextWorking(patternOnly(w), raw);
  if (start > plain) return gap(offReason(w, dayOfMinutes(plain)), "offHours");
  const atClose = isWorking(w, raw - 1);
  const atMidnightOfWorkday = raw === day * 1440 && !offDay;
  if (atClose || atMidnightOfWorkday) return inner;
  return gap(offDay, offDay ? "weekend" : "offHours");
}

export function forwardPass(net: Network, extra: ReadonlyMap<number, Bound>): Forward {
  const { plan, work, length, elapsed } = net;
  const tasks = plan.tasks;
  const n = tasks.length;
  const start = new Float64Array(n);
  const finish = new Float64Array(n);
  const driver: Driver[] = new Array(n);
  const firstLeaf = new Int32Array(n).fill(-1);
  const lastLeaf = new Int32Array(n).fill(-1);
  const resume = new Map<number, { doneEnd: Minutes; resume: Minutes }>();
  const overridden = new Map<number, Driver>();
  const projectStart = plan.project.start * 1440;
  const status = plan.project.status;
  const statusDriver: Driver | undefined = status === undefined ? undefined : { kind: "statusDate", day: status };

  for (const node of net.order) {
    if (node >= n) continue;
    const t = tasks[node]!;
    if (t.summary) {
      rollUp(net, node, start, finish, firstLeaf, lastLeaf, driver);
      continue;
    }
    firstLeaf[node] = lastLeaf[node] = node;
    const w = work[node]!;
    const len = length[node]!;
    const el = elapsed[node]!;

    if (t.finished !== undefined) {
      const end = (t.finished + 1) * 1440;
      finish[node] = el ? end : prevWorkingEnd(w, end);
      // A reached milestone is a point at the end of its day's work, whatever `started` says.
      start[node] = len === 0 ? finish[node]! : t.started !== undefined ? nextWorking(w, t.started * 1440) : shift(w, finish[node]!, -len, el);
      driver[node] = { kind: "actual", day: t.started ?? t.finished };
      continue;
    }
    if (t.started !== undefined) {
      const s = nextWorking(w, t.started * 1440);
      start[node] = s;
      const doneLen = Math.round(t.done * len);
      const doneEnd = shift(w, s, doneLen, el);
      if (status === undefined || doneLen >= len) {
        finish[node] = shift(w, s, len, el);
        driver[node] = { kind: "actual", day: t.started };
      } else {
        const r = nextWorking(w, Math.max(status * 1440, doneEnd));
        resume.set(node, { doneEnd, resume: r });
        finish[node] = shift(w, r, len - doneLen, el);
        driver[node] = { kind: "statusDate", day: status };
      }
      continue;
    }

    // Drivers are built only for the winning bound: most candidates lose.
    let raw = projectStart;
    let why: Driver = PROJECT_START;
    let byLink: Link | undefined;
    let byLeaf = -1;
    if (status !== undefined && status * 1440 > raw) {
      raw = status * 1440;
      why = statusDriver!;
    }
    for (let a: number | undefined = node; a !== undefined; a = tasks[a]!.parent) {
      for (const l of net.preds[a]!) {
        if (net.unscheduled[l.from]) continue;
        const ss = fromStart(l.type);
        const from = ss ? firstLeaf[l.from]! : lastLeaf[l.from]!;
        if (from < 0) continue;
        let at = shift(w, ss ? start[l.from]! : finish[l.from]!, l.lag.minutes, l.lag.elapsed);
        if (toFinish(l.type)) at = shift(w, at, -len, el);
        if (at > raw) {
          raw = at;
          byLink = l;
          byLeaf = from;
        }
      }
    }
    if (byLink) why = { kind: "predecessor", task: byLeaf, type: byLink.type, lag: byLink.lag };
    const consider = (at: Minutes, d: Driver) => {
      if (at > raw) {
        raw = at;
        why = d;
      }
    };
    let fixed: Driver | undefined;
    for (let a: number | undefined = node; a !== undefined; a = tasks[a]!.parent) {
      for (const c of tasks[a]!.constraints) {
        if (c.day === undefined) continue;
        if (c.kind === "startNoEarlierThan") consider(c.day * 1440, { kind: "constraint", constraint: c.kind, day: c.day });
        if (c.kind === "startOn" && a === node) fixed = { kind: "constraint", constraint: c.kind, day: c.day };
      }
    }
    if (fixed?.kind === "constraint") {
      if (nextWorking(w, raw) > nextWorking(w, fixed.day * 1440)) overridden.set(node, why);
      raw = fixed.day * 1440;
      why = fixed;
    }
    const bound = extra.get(node);
    if (bound && bound.t >= raw) {
      raw = bound.t;
      why = bound.driver(why);
    }
    // Clock time needs no working time: an elapsed task follows its predecessor at once
    // (as TaskJuggler does); started from a date, it begins at that day's first working minute.
    const s = len === 0 ? placePoint(w, raw) : el && logical(why).kind === "predecessor" ? raw : nextWorking(w, raw);
    start[node] = s;
    finish[node] = len === 0 ? s : shift(w, s, len, el);
    driver[node] = s > raw ? gapDriver(w, raw, s, why, t.assignments) : why;
  }
  return { start, finish, driver, firstLeaf, lastLeaf, resume, overridden };
}

function rollUp(net: Network, s: number, start: Float64Array, finish: Float64Array, firstLeaf: Int32Array, lastLeaf: Int32Array, driver: Driver[]): void {
  let lo = Infinity;
  let hi = -Infinity;
  for (const c of net.plan.tasks[s]!.children) {
    if (net.unscheduled[c] || firstLeaf[c]! < 0) continue;
    if (start[c]! < lo) {
      lo = start[c]!;
      firstLeaf[s] = firstLeaf[c]!;
    }
    if (finish[c]! > hi) {
      hi = finish[c]!;
      lastLeaf[s] = lastLeaf[c]!;
    }
  }
  start[s] = lo;
  finish[s] = hi;
  if (firstLeaf[s]! >= 0) driver[s] = driver[firstLeaf[s]!]!;
}

/** A successor link that is not in the plan: a leveling delay (the competitor before the task). */
export type ExtraSucc = Pick<Link, "to" | "type" | "lag">;

export function backwardPass(net: Network, fwd: Forward, projectFinish: Minutes, extra: ReadonlyMap<number, readonly ExtraSucc[]> = new Map()): Backward {
  const { plan, work, length, elapsed } = net;
  const tasks = plan.tasks;
  const n = tasks.length;
  const lateStart = new Float64Array(n);
  const lateFinish = new Float64Array(n);
  const lsLeaf = new Int32Array(n).fill(-1);
  const lfLeaf = new Int32Array(n).fill(-1);

  for (let k = net.order.length - 1; k >= 0; k--) {
    const node = net.order[k]!;
    if (node < n && tasks[node]!.summary) continue; // a summary's late dates come from its in node
    const i = node >= n ? node - n : node;
    const t = tasks[i]!;
    if (t.summary) {
      let ls = Infinity;
      let lf = Infinity;
      for (const c of t.children) {
        if (net.unscheduled[c] || lsLeaf[c]! < 0) continue;
        if (lateStart[c]! < ls) {
          ls = lateStart[c]!;
          lsLeaf[i] = lsLeaf[c]!;
        }
        if (lateFinish[c]! < lf) {
          lf = lateFinish[c]!;
          lfLeaf[i] = lfLeaf[c]!;
        }
      }
      lateStart[i] = ls;
      lateFinish[i] = lf;
      continue;
    }
    lsLeaf[i] = lfLeaf[i] = i;
    const w = work[i]!;
    const len = length[i]!;
    const el = elapsed[i]!;
    if (t.finished !== undefined || startsOn(t)) {
      lateStart[i] = fwd.start[i]!;
      lateFinish[i] = fwd.finish[i]!;
      continue;
    }
    let lf = projectFinish;
    for (let a: number | undefined = i; a !== undefined; a = tasks[a]!.parent) {
      for (const c of tasks[a]!.constraints) {
        if (c.kind === "finishNoLaterThan" && c.day !== undefined) lf = Math.min(lf, prevWorkingEnd(w, (c.day + 1) * 1440));
      }
    }
    // A started task's start is history: links from its start no longer bound it.
    const started = t.started !== undefined;
    const bySucc = (l: ExtraSucc) => {
      if (net.unscheduled[l.to] || lsLeaf[l.to]! < 0 || (started && fromStart(l.type))) return;
      const useFinish = toFinish(l.type);
      const target = useFinish ? lateFinish[l.to]! : lateStart[l.to]!;
      const tw = work[useFinish ? lfLeaf[l.to]! : lsLeaf[l.to]!]!;
      const at = shift(tw, target, -l.lag.minutes, l.lag.elapsed);
      lf = Math.min(lf, fromStart(l.type) ? shift(w, at, len, el) : at);
    };
    // A phase's links bind every task inside it: walk up from the leaf.
    for (let a: number | undefined = i; a !== undefined; a = tasks[a]!.parent) net.succs[a]!.forEach(bySucc);
    extra.get(i)?.forEach(bySucc);
    // A started task keeps its actual start; its remaining work resumes after the status
    // date, so its late finish is not its actual start plus its length.
    const ls = started ? fwd.start[i]! : shift(w, lf, -len, el);
    lateStart[i] = ls;
    lateFinish[i] = len === 0 || el || started ? lf : Math.min(lf, shift(w, ls, len, el));
  }
  return { lateStart, lateFinish, lsLeaf, lfLeaf };
}

function startsOn(t: { constraints: { kind: string }[] }): boolean {
  return t.constraints.some((c) => c.kind === "startOn");
}
