// The serial schedule generation scheme: take activities in list order (the list must be
// precedence-feasible) and start each at the earliest period that its predecessors and
// the remaining capacity allow. The backward pass is the same scheme on the reversed
// problem; forward–backward improvement (double justification) alternates the two.
import type { Graph, Rcpsp } from "./rcpsp";

export interface Solution {
  list: Int32Array;
  start: Int32Array;
  makespan: number;
}

export class Sgs {
  /** Schedules generated so far (the usual effort measure). */
  count = 0;
  /** Periods examined so far: a deterministic measure of time spent. */
  work = 0;
  private base: Int32Array; // forward capacity profile, time-major: t * nRes + r
  private baseLen = 0;
  private res: Int32Array; // remaining capacity of the pass in progress
  private resLen = 0;
  /** Periods [0, dirty) of `res` were used by the last pass. */
  private dirty = 0;
  private readonly tmpStart: Int32Array;
  private readonly keys: Float64Array;
  private readonly packed: Float64Array;
  private fwdOrder: Int32Array | undefined;
  private revOrder: Int32Array | undefined;

  constructor(readonly p: Rcpsp) {
    this.base = new Int32Array(0);
    this.res = new Int32Array(0);
    this.tmpStart = new Int32Array(p.n);
    this.keys = new Float64Array(p.n);
    this.packed = new Float64Array(p.n);
    this.ensureBase(64);
  }

  private ensureBase(len: number): void {
    if (len <= this.baseLen) return;
    const R = this.p.nRes;
    const next = Math.max(len, this.baseLen * 2);
    const data = new Int32Array(next * R);
    data.set(this.base);
    for (let t = this.baseLen; t < next; t++) for (let r = 0; r < R; r++) data[t * R + r] = this.p.capacity(r, t);
    this.base = data;
    this.baseLen = next;
  }

  /** Fill periods [from, to) of the pass's remaining capacity: forward, or reversed around `mirror`. */
  private fillRes(from: number, to: number, mirror: number): void {
    const R = this.p.nRes;
    if (to * R > this.res.length) {
      const data = new Int32Array(Math.max(to, this.resLen * 2) * R);
      data.set(this.res.subarray(0, from * R));
      this.res = data;
    }
    if (mirror < 0 || this.p.constant) {
      this.ensureBase(to);
      this.res.set(this.base.subarray(from * R, to * R), from * R);
    } else {
      this.ensureBase(mirror);
      for (let t = from; t < to; t++) {
        const f = mirror - 1 - t;
        for (let r = 0; r < R; r++) this.res[t * R + r] = f >= 0 ? this.base[f * R + r] : this.p.tail[r];
      }
    }
    this.resLen = to;
  }

  /** Make the whole remaining-capacity profile available again for a new pass. */
  private reset(mirror: number): void {
    if (this.p.constant && this.resLen > 0) {
      // Constant capacity: only the periods the last pass used differ from the base.
      this.res.set(this.base.subarray(0, this.dirty * this.p.nRes));
    } else {
      this.resLen = 0;
      this.fillRes(0, Math.max(64, this.baseLen), mirror);
    }
    this.dirty = 0;
  }

  /** One serial pass over `g`; `mirror` ≥ 0 means the reversed problem around that makespan. */
  private serial(g: Graph, list: Int32Array, start: Int32Array, mirror: number): number {
    this.count++;
    const n = g.n;
    const R = g.nRes;
    const duration = g.duration, release = g.release, reqOff = g.reqOff, reqRes = g.reqRes, reqQty = g.reqQty;
    const off = g.pred.off, act = g.pred.act, lag = g.pred.lag;
    const guard = this.p.horizonLimit + (mirror > 0 ? mirror : 0);
    this.reset(mirror);
    let res = this.res;
    let limit = this.resLen;
    let dirty = 0;
    let makespan = 0;
    let scanned = n;
    for (let k = 0; k < n; k++) {
      const j = list[k];
      let t = release[j];
      for (let e = off[j], e1 = off[j + 1]; e < e1; e++) {
        const s = start[act[e]] + lag[e];
        if (s > t) t = s;
      }
      if (t < 0) t = 0;
      const d = duration[j];
      const r0 = reqOff[j];
      const r1 = reqOff[j + 1];
      if (d > 0 && r1 > r0) {
        const earliest = t;
        // Check each window from its last period down: a conflict at tau moves the start
        // to tau + 1, and the periods above tau, already found free, are not checked again.
        let free = t; // periods [t, free) are known to have room
        for (;;) {
          const end = t + d;
          if (end > limit) {
            if (t > guard) throw new Error("leveling: no feasible period within the horizon");
            this.fillRes(limit, Math.max(end + 1, limit * 2), mirror);
            res = this.res;
            limit = this.resLen;
          }
          let tau = end - 1;
          for (; tau >= free; tau--) {
            const at = tau * R;
            let q = r0;
            while (q < r1 && res[at + reqRes[q]] >= reqQty[q]) q++;
            if (q < r1) break;
          }
          if (tau < free) break;
          free = end;
          t = tau + 1;
        }
        // The effort a forward scan would spend (every period from the earliest start to the finish).
        scanned += t + d - earliest;
        const to = (t + d) * R;
        for (let at = t * R; at < to; at += R) for (let q = r0; q < r1; q++) res[at + reqRes[q]] -= reqQty[q];
        if (t + d > dirty) dirty = t + d;
      }
      start[j] = t;
      if (t + d > makespan) makespan = t + d;
    }
    this.dirty = dirty;
    this.work += scanned;
    return makespan;
  }

  forward(list: Int32Array, start: Int32Array): number {
    return this.serial(this.p, list, start, -1);
  }

  /**
   * A precedence-feasible list of `g` ordered by `key` ascending (ties: topological rank).
   * Sorting suffices when every link moves forward in `key`; otherwise an eligible-set
   * pass keeps precedence.
   */
  listByKey(g: Graph, key: ArrayLike<number>, out: Int32Array): Int32Array {
    const n = g.n;
    const rank = g.topoRank;
    // Integer keys: sort key·n + rank natively (no comparator), then decode by rank.
    const packed = this.packed;
    let integral = true;
    for (let j = 0; j < n; j++) {
      packed[j] = key[j] * n + rank[j];
      if (!Number.isSafeInteger(packed[j])) integral = false;
    }
    if (integral) {
      packed.sort();
      const byRank = this.byRank(g);
      for (let k = 0; k < n; k++) out[k] = byRank[((packed[k] % n) + n) % n];
    } else {
      for (let j = 0; j < n; j++) out[j] = j;
      out.sort((a, b) => key[a] - key[b] || rank[a] - rank[b]);
    }
    const pos = this.tmpStart;
    for (let k = 0; k < n; k++) pos[out[k]] = k;
    for (let j = 0; j < n; j++) {
      for (let e = g.pred.off[j]; e < g.pred.off[j + 1]; e++) {
        if (pos[g.pred.act[e]] > pos[j]) return eligibleOrder(g, (a, b) => key[a] - key[b] || rank[a] - rank[b], out);
      }
    }
    return out;
  }

  private byRank(g: Graph): Int32Array {
    const cached = g === this.p ? this.fwdOrder : this.revOrder;
    if (cached) return cached;
    const order = new Int32Array(g.n);
    for (let j = 0; j < g.n; j++) order[g.topoRank[j]] = j;
    if (g === this.p) this.fwdOrder = order;
    else this.revOrder = order;
    return order;
  }

  /**
   * Forward–backward improvement: right-justify the schedule against its makespan, then
   * left-justify it again; repeat while it shortens. Never returns a longer schedule.
   */
  improve(sol: Solution, maxRounds = 4): Solution {
    const p = this.p;
    const back = new Int32Array(p.n);
    const fwd = new Int32Array(p.n);
    const keys = this.keys;
    let best = sol;
    for (let round = 0; round < maxRounds; round++) {
      // Backward: latest finish first, i.e. reversed start order.
      for (let j = 0; j < p.n; j++) keys[j] = best.makespan - best.start[j] - p.duration[j];
      const bl = this.listByKey(p.reversed, keys, new Int32Array(p.n));
      const T = this.serial(p.reversed, bl, back, best.makespan);
      // Forward again in the order of the backward schedule's starts.
      for (let j = 0; j < p.n; j++) keys[j] = T - back[j] - p.duration[j];
      const fl = this.listByKey(p, keys, new Int32Array(p.n));
      const m = this.forward(fl, fwd);
      if (m >= best.makespan) break;
      best = { list: fl, start: Int32Array.from(fwd), makespan: m };
    }
    return best;
  }

  /** Schedule a list and improve it; the returned list is the schedule's start order. */
  evaluate(list: Int32Array, rounds = 4): Solution {
    const start = new Int32Array(this.p.n);
    const makespan = this.forward(list, start);
    return this.improve({ list, start, makespan }, rounds);
  }
}

/**
 * Precedence-feasible list: repeatedly take the best eligible activity under `cmp`, which
 * must be a total order (callers end on the index or topological rank). The eligible set
 * is a binary heap, so large plans with wide eligible sets stay O(n log n).
 */
export function eligibleOrder(g: Graph, cmp: (a: number, b: number) => number, out: Int32Array): Int32Array {
  const missing = new Int32Array(g.n);
  const heap = new Int32Array(g.n);
  let size = 0;
  const push = (j: number) => {
    let i = size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (cmp(heap[parent], j) <= 0) break;
      heap[i] = heap[parent];
      i = parent;
    }
    heap[i] = j;
  };
  const pop = (): number => {
    const top = heap[0];
    const last = heap[--size];
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= size) break;
      if (c + 1 < size && cmp(heap[c + 1], heap[c]) < 0) c++;
      if (cmp(last, heap[c]) <= 0) break;
      heap[i] = heap[c];
      i = c;
    }
    heap[i] = last;
    return top;
  };
  for (let j = 0; j < g.n; j++) {
    missing[j] = g.pred.off[j + 1] - g.pred.off[j];
    if (missing[j] === 0) push(j);
  }
  for (let k = 0; k < g.n; k++) {
    const j = pop();
    out[k] = j;
    for (let e = g.succ.off[j]; e < g.succ.off[j + 1]; e++) if (--missing[g.succ.act[e]] === 0) push(g.succ.act[e]);
  }
  return out;
}
