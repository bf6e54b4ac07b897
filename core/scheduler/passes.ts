// The CPM passes over a Network. The forward pass places every leaf at the latest of its
// bounds (project start, links, constraints, status date, extra bounds from ALAP and
// leveling) and records which bound won as its Driver; the backward pass computes late
// dates from the project finish, the successors and `finish no later than`.
//
// Lags: a working lag is counted on the SUCCESSOR's working time (the time the waiting
// task would have worked), both forward and backward; an elapsed lag is clock time.
//
// Drivers are result objects: each is frozen as it is made.
import type { Driver } from "../schedule";
import type { Minutes, Span } from "../model";
import type { LinkType } from "../ast";
import { addWorking, isWorking, nextWorking, offReason, patternOnly, prevWorkingEnd, type WorkTime } from "../calendar";
import { dayOfMinutes } from "../dates";
import { ACTUAL, FROM_START, START_ON, SUMMARY, TO_FINISH, linkCode, type Network } from "./network";

/** An extra lower bound on a leaf's start: as-late-as-possible placement or leveling. */
export interface Bound {
  t: Minutes;
  /** Builds the driver from the one that would apply without this bound. */
  driver: (inner: Driver) => Driver;
}

/** Where a started leaf's remaining work resumes after the status date. */
export interface Resume {
  doneEnd: Minutes;
  resume: Minutes;
}

export interface Forward {
  start: Float64Array;
  finish: Float64Array;
  driver: Driver[];
  /** Per task: the leaf that gives its start / finish (itself for a leaf). */
  firstLeaf: Int32Array;
  lastLeaf: Int32Array;
  /** Per started leaf with a status date: where the remaining work resumes. */
  resume: Map<number, Resume>;
  /** `start on` tasks whose logic would start them later: the driver it overrode. */
  overridden: Map<number, Driver>;
  /** Made from a prior: per task, PLACED and MOVED (see `Prior`). */
  marks?: Uint8Array;
}

export interface Backward {
  lateStart: Float64Array;
  lateFinish: Float64Array;
  /** Per task: the leaf that gives its late start / late finish. */
  lsLeaf: Int32Array;
  lfLeaf: Int32Array;
  /** Made from a prior: per task, MOVED when its late dates or leaves differ from the prior's. */
  marks?: Uint8Array;
}

/** t moved by a span: working time on w, or clock time. */
export function shift(w: WorkTime, t: Minutes, minutes: number, elapsed: boolean): Minutes {
  return elapsed ? t + minutes : addWorking(w, t, minutes);
}

const PROJECT_START: Driver = Object.freeze({ kind: "projectStart" });

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
    return Object.freeze({ kind: "calendarGap", reason, name, from: raw, to: start, resource, inner });
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

/**
 * A typed array of `length` that holds `a`'s first `upTo` values and `blank` after them: a
 * prior's per-task values for the tasks an edit left in their places (see `Cut`).
 */
export function prefixOf<T extends Float64Array | Int32Array>(a: T, length: number, upTo: number, blank = 0): T {
  const out = new (a.constructor as new (n: number) => T)(length);
  if (blank !== 0) out.fill(blank);
  out.set(a.subarray(0, upTo));
  return out;
}

/**
 * The early and the unleveled late dates of a schedule, which every leveling mode starts
 * from: kept with it, so that after an edit of some tasks the passes place again only what
 * the edit can move (see `Prior`).
 */
export interface Passes {
  early: Forward;
  late: Backward;
  /** The project finish the late dates hang from. */
  finish: Minutes;
}

/**
 * A pass made before an edit that changed some tasks' own fields but no name, no link's
 * ends and no task's calendar, with the same extra bounds (none, as the scheduler uses
 * it) and, for a backward pass, from the same project finish; `changed` is 1 at each task
 * whose inputs the edit changed (see `seedsOf` in index.ts). The pass again keeps what
 * the edit cannot move and places again only those tasks and the ones whose inputs moved.
 * The result is the pass made from scratch.
 */
export interface Prior<P> {
  pass: P;
  changed: Uint8Array;
}

// What a pass with a prior notes per task.
export const PLACED = 1; // placed again
export const MOVED = 2; // its dates or leaves differ from the prior's

/** Whether a leaf must be placed again: a link into it or into a phase around it comes from a task that moved. */
function predMoved(net: Network, node: number, marks: Uint8Array): boolean {
  const { links, parent } = net;
  for (let a = node; a >= 0; a = parent[a]!) {
    if (net.unscheduled[a]) continue; // a phase a cycle left out: its links bind nothing
    for (let l = links.predOff[a]!; l < links.predOff[a + 1]!; l++) if (marks[links.from[l]!]! & MOVED) return true;
  }
  return false;
}

/** Whether a summary must be rolled up again: a child was placed again (its driver may be new) or moved. */
function childMarked(net: Network, s: number, marks: Uint8Array, mark: number): boolean {
  for (let k = net.childOff[s]!; k < net.childOff[s + 1]!; k++) if (marks[net.child[k]!]! & mark) return true;
  return false;
}

export function forwardPass(net: Network, extra: ReadonlyMap<number, Bound>, prior?: Prior<Forward>): Forward {
  const { plan, work, length, elapsed, links, parent, unscheduled, flags } = net;
  const tasks = plan.tasks;
  const n = tasks.length;
  const was = prior?.pass;
  const start = was ? was.start.slice() : new Float64Array(n);
  const finish = was ? was.finish.slice() : new Float64Array(n);
  const driver: Driver[] = was ? was.driver.slice() : new Array(n).fill(PROJECT_START);
  const firstLeaf = was ? was.firstLeaf.slice() : new Int32Array(n).fill(-1);
  const lastLeaf = was ? was.lastLeaf.slice() : new Int32Array(n).fill(-1);
  const resume = new Map<number, Resume>(was?.resume);
  const overridden = new Map<number, Driver>(was?.overridden);
  const marks = new Uint8Array(was ? n : 0);
  const projectStart = plan.project.start * 1440;
  const status = plan.project.status;
  const statusDriver: Driver | undefined = status === undefined ? undefined : Object.freeze({ kind: "statusDate", day: status });

  for (let k = 0; k < net.order.length; k++) {
    const node = net.order[k]!;
    if (node >= n) continue;
    if (was) {
      const again = prior.changed[node] || (flags[node]! & SUMMARY ? childMarked(net, node, marks, PLACED) : predMoved(net, node, marks));
      if (!again) continue;
      resume.delete(node);
      overridden.delete(node);
    }
    place(node);
    if (was) {
      const moved = start[node] !== was.start[node] || finish[node] !== was.finish[node] || firstLeaf[node] !== was.firstLeaf[node] || lastLeaf[node] !== was.lastLeaf[node];
      marks[node] = moved ? PLACED | MOVED : PLACED;
    }
  }
  return { start, finish, driver, firstLeaf, lastLeaf, resume, overridden, marks: was && marks };

  function place(node: number): void {
    if (flags[node]! & SUMMARY) {
      rollUp(net, node, start, finish, firstLeaf, lastLeaf, driver);
      return;
    }
    firstLeaf[node] = lastLeaf[node] = node;
    const w = work[node]!;
    const len = length[node]!;
    const el = elapsed[node] === 1;

    const t = flags[node]! & ACTUAL ? tasks[node]! : undefined;
    if (t?.finished !== undefined) {
      const end = (t.finished + 1) * 1440;
      finish[node] = el ? end : prevWorkingEnd(w, end);
      // A reached milestone is a point at the end of its day's work, whatever `started` says.
      start[node] = len === 0 ? finish[node]! : t.started !== undefined ? nextWorking(w, t.started * 1440) : shift(w, finish[node]!, -len, el);
      driver[node] = Object.freeze({ kind: "actual", day: t.started ?? t.finished });
      return;
    }
    if (t?.started !== undefined) {
      const s = nextWorking(w, t.started * 1440);
      start[node] = s;
      const doneLen = Math.round(t.done * len);
      const doneEnd = shift(w, s, doneLen, el);
      if (status === undefined || doneLen >= len) {
        finish[node] = shift(w, s, len, el);
        driver[node] = Object.freeze({ kind: "actual", day: t.started });
      } else {
        const r = nextWorking(w, Math.max(status * 1440, doneEnd));
        resume.set(node, { doneEnd, resume: r });
        finish[node] = shift(w, r, len - doneLen, el);
        driver[node] = statusDriver!;
      }
      return;
    }

    // Drivers are built only for the winning bound: most candidates lose.
    let raw = projectStart;
    let why: Driver = PROJECT_START;
    if (status !== undefined && status * 1440 > raw) {
      raw = status * 1440;
      why = statusDriver!;
    }
    let byLink = -1;
    let byLeaf = -1;
    for (let a = node; a >= 0; a = parent[a]!) {
      if (unscheduled[a]) continue; // a phase a cycle left out: its links bind nothing
      for (let l = links.predOff[a]!; l < links.predOff[a + 1]!; l++) {
        const from = links.from[l]!;
        if (unscheduled[from]) continue;
        const ss = (links.code[l]! & FROM_START) !== 0;
        const leaf = ss ? firstLeaf[from]! : lastLeaf[from]!;
        if (leaf < 0) continue;
        let at = shift(w, ss ? start[from]! : finish[from]!, links.lag[l]!, links.elapsed[l] === 1);
        if (links.code[l]! & TO_FINISH) at = shift(w, at, -len, el);
        if (at > raw) {
          raw = at;
          byLink = l;
          byLeaf = leaf;
        }
      }
    }
    if (byLink >= 0) {
      const dep = links.dep[byLink]!;
      why = Object.freeze({ kind: "predecessor", task: byLeaf, type: dep.type, lag: dep.lag });
    }
    const notBefore = net.notBefore[node]!;
    if (notBefore * 1440 > raw) {
      raw = notBefore * 1440;
      why = Object.freeze({ kind: "constraint", constraint: "startNoEarlierThan", day: notBefore });
    }
    const fixedDay = net.startOn[node]!;
    if (!Number.isNaN(fixedDay)) {
      if (nextWorking(w, raw) > nextWorking(w, fixedDay * 1440)) overridden.set(node, why);
      raw = fixedDay * 1440;
      why = Object.freeze({ kind: "constraint", constraint: "startOn", day: fixedDay });
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
    driver[node] = s > raw ? gapDriver(w, raw, s, why, tasks[node]!.assignments) : why;
  }
}

function rollUp(net: Network, s: number, start: Float64Array, finish: Float64Array, firstLeaf: Int32Array, lastLeaf: Int32Array, driver: Driver[]): void {
  spanOfChildren(net, s, start, finish, firstLeaf, lastLeaf, true);
  if (firstLeaf[s]! >= 0) driver[s] = driver[firstLeaf[s]!]!;
}

/**
 * A summary's dates from its scheduled children's, with the leaves they come from: the
 * earliest start, and the latest finish (early dates) or the earliest (late dates).
 */
function spanOfChildren(net: Network, s: number, start: Float64Array, finish: Float64Array, startLeaf: Int32Array, finishLeaf: Int32Array, latestFinish: boolean): void {
  let lo = Infinity;
  let end = latestFinish ? -Infinity : Infinity;
  for (let k = net.childOff[s]!; k < net.childOff[s + 1]!; k++) {
    const c = net.child[k]!;
    if (net.unscheduled[c] || startLeaf[c]! < 0) continue;
    if (start[c]! < lo) {
      lo = start[c]!;
      startLeaf[s] = startLeaf[c]!;
    }
    if (latestFinish ? finish[c]! > end : finish[c]! < end) {
      end = finish[c]!;
      finishLeaf[s] = finishLeaf[c]!;
    }
  }
  start[s] = lo;
  finish[s] = end;
}

/** A successor link that is not in the plan: a leveling delay (the competitor before the task). */
export interface ExtraSucc {
  to: number;
  type: LinkType;
  lag: Span;
}

/** Whether a link out of a leaf or out of a phase around it goes to a task marked MOVED. */
export function succMoved(net: Network, i: number, marks: Uint8Array): boolean {
  const { links, parent } = net;
  for (let a = i; a >= 0; a = parent[a]!) {
    if (net.unscheduled[a]) continue; // a phase a cycle left out: its links bind nothing
    for (let e = links.succOff[a]!; e < links.succOff[a + 1]!; e++) if (marks[links.to[links.succ[e]!]!]! & MOVED) return true;
  }
  return false;
}

export function backwardPass(net: Network, fwd: Forward, projectFinish: Minutes, extra: ReadonlyMap<number, readonly ExtraSucc[]> = new Map(), prior?: Prior<Backward>): Backward {
  const { plan, work, length, elapsed, links, parent, flags } = net;
  const tasks = plan.tasks;
  const n = tasks.length;
  const was = prior?.pass;
  const marks = new Uint8Array(was ? n : 0);
  const late: Backward = {
    lateStart: was ? was.lateStart.slice() : new Float64Array(n),
    lateFinish: was ? was.lateFinish.slice() : new Float64Array(n),
    lsLeaf: was ? was.lsLeaf.slice() : new Int32Array(n).fill(-1),
    lfLeaf: was ? was.lfLeaf.slice() : new Int32Array(n).fill(-1),
    marks: was && marks,
  };
  const { lateStart, lateFinish, lsLeaf, lfLeaf } = late;

  for (let k = net.order.length - 1; k >= 0; k--) {
    const node = net.order[k]!;
    if (node < n && flags[node]! & SUMMARY) continue; // a summary's late dates come from its in node
    const i = node >= n ? node - n : node;
    const summary = flags[i]! & SUMMARY;
    if (was) {
      // A leaf's late dates read its successors' (and, when it is fixed or started, its own
      // early dates, which then move only with its own length).
      const again = summary ? childMarked(net, i, marks, MOVED) : prior.changed[i] || succMoved(net, i, marks);
      if (!again) continue;
    }
    if (summary) {
      // A summary's late dates: the earliest of its scheduled children's.
      spanOfChildren(net, i, late.lateStart, late.lateFinish, late.lsLeaf, late.lfLeaf, false);
    } else placeLate(i);
    if (was && (lateStart[i] !== was.lateStart[i] || lateFinish[i] !== was.lateFinish[i] || lsLeaf[i] !== was.lsLeaf[i] || lfLeaf[i] !== was.lfLeaf[i])) marks[i] = MOVED;
  }
  return late;

  function placeLate(i: number): void {
    lsLeaf[i] = lfLeaf[i] = i;
    const w = work[i]!;
    const len = length[i]!;
    const el = elapsed[i] === 1;
    const t = flags[i]! & ACTUAL ? tasks[i]! : undefined;
    if (t?.finished !== undefined || flags[i]! & START_ON) {
      lateStart[i] = fwd.start[i]!;
      lateFinish[i] = fwd.finish[i]!;
      return;
    }
    // `finish no later than` on the task or its phases: the earliest day binds.
    let lf = projectFinish;
    if (net.finishBy[i]! < Infinity) lf = Math.min(lf, prevWorkingEnd(w, (net.finishBy[i]! + 1) * 1440));
    // A started task's start is history: links from its start no longer bound it.
    const started = t?.started !== undefined;
    // A phase's links bind every task inside it: walk up from the leaf.
    for (let a = i; a >= 0; a = parent[a]!) {
      if (net.unscheduled[a]) continue; // a phase a cycle left out: its links bind nothing
      for (let e = links.succOff[a]!; e < links.succOff[a + 1]!; e++) {
        const l = links.succ[e]!;
        lf = Math.min(lf, succLimit(net, late, links.to[l]!, links.code[l]!, links.lag[l]!, links.elapsed[l] === 1, started, w, len, el));
      }
    }
    const held = extra.get(i);
    if (held) for (const x of held) lf = Math.min(lf, succLimit(net, late, x.to, linkCode(x.type), x.lag.minutes, x.lag.elapsed, started, w, len, el));
    // A started task keeps its actual start; its remaining work resumes after the status
    // date, so its late finish is not its actual start plus its length.
    const ls = started ? fwd.start[i]! : shift(w, lf, -len, el);
    lateStart[i] = ls;
    lateFinish[i] = len === 0 || el || started ? lf : Math.min(lf, shift(w, ls, len, el));
  }
}

/**
 * The latest finish a link to successor `to` allows a leaf on `w` of length `len`, or
 * Infinity when the link does not bind (an unscheduled successor, or a link from the
 * start of a task that has started).
 */
function succLimit(net: Network, late: Backward, to: number, code: number, lag: number, lagElapsed: boolean, started: boolean, w: WorkTime, len: number, el: boolean): Minutes {
  if (net.unscheduled[to] || late.lsLeaf[to]! < 0 || (started && code & FROM_START)) return Infinity;
  const useFinish = (code & TO_FINISH) !== 0;
  const target = useFinish ? late.lateFinish[to]! : late.lateStart[to]!;
  const tw = net.work[useFinish ? late.lfLeaf[to]! : late.lsLeaf[to]!]!;
  const at = shift(tw, target, -lag, lagElapsed);
  return code & FROM_START ? shift(w, at, len, el) : at;
}
