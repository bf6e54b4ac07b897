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
  // Capacity profiles are packed: each resource gets a bit field (its largest useful value
  // plus a guard bit) in one of W 32-bit words per period, so one subtraction checks and
  // books several resources at once.
  private readonly W: number;
  private readonly shift: Int32Array; // per resource: bit offset of its field; -1 when unused
  private readonly field: Int32Array; // per resource: the field's word
  private readonly fieldMax: Float64Array; // per resource: the largest value the field holds
  private readonly guard: Int32Array; // per word: its guard bits
  private readonly tailWords: Int32Array;
  // Per activity, the words its demand touches: dOff[j]..dOff[j+1]-1 into dWord/dQty/dGuard.
  private readonly dOff: Int32Array;
  private readonly dWord: Int32Array;
  private readonly dQty: Int32Array;
  private readonly dGuard: Int32Array;
  private base: Int32Array; // forward capacity profile, time-major: t * W + w
  private baseLen = 0;
  private res: Int32Array; // remaining capacity of the pass in progress
  private resLen = 0;
  /** Periods [0, dirty) of `res` were used by the last pass. */
  private dirty = 0;
  private readonly tmpStart: Int32Array;
  private readonly packed: Float64Array;
  private readonly timeKeys: Int32Array;
  private readonly back: Int32Array;
  private readonly fwd: Int32Array;
  private readonly backList: Int32Array;
  private readonly fwdList: Int32Array;
  private bucket = new Int32Array(0);
  private fwdOrder: Int32Array | undefined;
  private revOrder: Int32Array | undefined;

  constructor(readonly p: Rcpsp) {
    const n = p.n;
    const R = p.nRes;
    // A field never needs more than the total demand on its resource: beyond that the
    // capacity cannot bind, so clamping to it is exact.
    this.fieldMax = new Float64Array(R);
    for (let j = 0; j < n; j++) {
      if (p.duration[j] > 0) for (let q = p.reqOff[j]; q < p.reqOff[j + 1]; q++) this.fieldMax[p.reqRes[q]] += p.reqQty[q];
    }
    this.shift = new Int32Array(R).fill(-1);
    this.field = new Int32Array(R);
    const guards: number[] = [0];
    let used = 0;
    for (let r = 0; r < R; r++) {
      const max = Math.min(p.constant ? p.constant[r] : Infinity, this.fieldMax[r], 0x7fffffff);
      this.fieldMax[r] = Math.max(0, max);
      if (max <= 0) continue;
      const bits = 33 - Math.clz32(max); // the value's bits and the guard
      if (used + bits > 32) {
        guards.push(0);
        used = 0;
      }
      this.field[r] = guards.length - 1;
      this.shift[r] = used;
      guards[guards.length - 1] |= 1 << (used + bits - 1);
      used += bits;
    }
    this.W = guards.length;
    this.guard = Int32Array.from(guards);
    this.tailWords = new Int32Array(this.W);
    this.pack((r) => p.tail[r], this.tailWords, 0);
    this.dOff = new Int32Array(n + 1);
    const words: number[] = [];
    const qty: number[] = [];
    const row = new Int32Array(this.W);
    for (let j = 0; j < n; j++) {
      row.fill(0);
      if (p.duration[j] > 0) {
        for (let q = p.reqOff[j]; q < p.reqOff[j + 1]; q++) row[this.field[p.reqRes[q]]] |= p.reqQty[q] << this.shift[p.reqRes[q]];
      }
      for (let w = 0; w < this.W; w++) {
        if (row[w] === 0) continue;
        words.push(w);
        qty.push(row[w]);
      }
      this.dOff[j + 1] = words.length;
    }
    this.dWord = Int32Array.from(words);
    this.dQty = Int32Array.from(qty);
    this.dGuard = this.dWord.map((w) => this.guard[w]);
    this.base = new Int32Array(0);
    this.res = new Int32Array(0);
    this.tmpStart = new Int32Array(n);
    this.packed = new Float64Array(n);
    this.timeKeys = new Int32Array(n);
    this.back = new Int32Array(n);
    this.fwd = new Int32Array(n);
    this.backList = new Int32Array(n);
    this.fwdList = new Int32Array(n);
    this.ensureBase(64);
  }

  /** Write the capacities `cap(r)` as packed words into `out` at `at`. */
  private pack(cap: (r: number) => number, out: Int32Array, at: number): void {
    for (let w = 0; w < this.W; w++) out[at + w] = 0;
    for (let r = 0; r < this.p.nRes; r++) {
      if (this.shift[r] < 0) continue;
      const c = Math.min(Math.max(cap(r), 0), this.fieldMax[r]);
      out[at + this.field[r]] |= c << this.shift[r];
    }
  }

  private ensureBase(len: number): void {
    if (len <= this.baseLen) return;
    const W = this.W;
    const next = Math.max(len, this.baseLen * 2);
    const data = new Int32Array(next * W);
    data.set(this.base);
    for (let t = this.baseLen; t < next; t++) this.pack((r) => this.p.capacity(r, t), data, t * W);
    this.base = data;
    this.baseLen = next;
  }

  /** Fill periods [from, to) of the pass's remaining capacity: forward, or reversed around `mirror`. */
  private fillRes(from: number, to: number, mirror: number): void {
    const W = this.W;
    if (to * W > this.res.length) {
      const data = new Int32Array(Math.max(to, this.resLen * 2) * W);
      data.set(this.res.subarray(0, from * W));
      this.res = data;
    }
    if (mirror < 0 || this.p.constant) {
      this.ensureBase(to);
      this.res.set(this.base.subarray(from * W, to * W), from * W);
    } else {
      this.ensureBase(mirror);
      for (let t = from; t < to; t++) {
        const f = mirror - 1 - t;
        for (let w = 0; w < W; w++) this.res[t * W + w] = f >= 0 ? this.base[f * W + w] : this.tailWords[w];
      }
    }
    this.resLen = to;
  }

  /** Make the whole remaining-capacity profile available again for a new pass. */
  private reset(mirror: number): void {
    if (this.p.constant && this.resLen > 0) {
      // Constant capacity: only the periods the last pass used differ from the base.
      this.res.set(this.base.subarray(0, this.dirty * this.W));
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
    const W = this.W;
    const duration = g.duration, release = g.release;
    const off = g.pred.off, act = g.pred.act, lag = g.pred.lag;
    const dOff = this.dOff, dWord = this.dWord, dQty = this.dQty, dGuard = this.dGuard;
    const horizon = this.p.horizonLimit + (mirror > 0 ? mirror : 0);
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
      const q0 = dOff[j];
      const q1 = dOff[j + 1];
      if (q1 > q0) {
        const earliest = t;
        // Check each window from its last period down: a conflict at tau moves the start
        // to tau + 1, and the periods above tau, already found free, are not checked again.
        let free = t; // periods [t, free) are known to have room
        for (;;) {
          const end = t + d;
          if (end > limit) {
            if (t > horizon) {
              this.dirty = limit; // bookings were made: the next pass restores everything
              throw new Error("leveling: no feasible period within the horizon");
            }
            this.fillRes(limit, Math.max(end + 1, limit * 2), mirror);
            res = this.res;
            limit = this.resLen;
          }
          // A field's guard bit survives (field | guard) − demand iff the field holds enough.
          let tau = end - 1;
          if (q1 === q0 + 1) {
            const w = dWord[q0], gb = dGuard[q0], qty = dQty[q0];
            for (let at = tau * W + w; tau >= free && (((res[at] | gb) - qty) & gb) === gb; at -= W) tau--;
          } else {
            for (; tau >= free; tau--) {
              const at = tau * W;
              let q = q0;
              for (; q < q1; q++) {
                const gb = dGuard[q];
                if ((((res[at + dWord[q]] | gb) - dQty[q]) & gb) !== gb) break;
              }
              if (q < q1) break;
            }
          }
          if (tau < free) break;
          free = end;
          t = tau + 1;
        }
        // The effort a forward scan would spend (every period from the earliest start to the finish).
        scanned += t + d - earliest;
        const to = (t + d) * W;
        if (q1 === q0 + 1) {
          const qty = dQty[q0];
          for (let at = t * W + dWord[q0]; at < to; at += W) res[at] -= qty;
        } else {
          for (let at = t * W; at < to; at += W) for (let q = q0; q < q1; q++) res[at + dWord[q]] -= dQty[q];
        }
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
    return this.keepPrecedence(g, key, out);
  }

  /** `listByKey` for integer keys in [0, span]: a counting sort over activities in rank order. */
  private byTime(g: Graph, key: Int32Array, span: number, out: Int32Array): Int32Array {
    const n = g.n;
    if (this.bucket.length < span + 2) this.bucket = new Int32Array(2 * span + 2);
    const bucket = this.bucket;
    bucket.fill(0, 0, span + 2);
    for (let j = 0; j < n; j++) {
      const k = key[j];
      if (k < 0 || k > span) return this.listByKey(g, key, out);
      bucket[k + 1]++;
    }
    for (let k = 0; k < span; k++) bucket[k + 1] += bucket[k];
    const byRank = this.byRank(g);
    for (let i = 0; i < n; i++) {
      const j = byRank[i];
      out[bucket[key[j]]++] = j;
    }
    return this.keepPrecedence(g, key, out);
  }

  /** `out` when it is precedence-feasible; else the eligible-set order by the same key. */
  private keepPrecedence(g: Graph, key: ArrayLike<number>, out: Int32Array): Int32Array {
    const n = g.n;
    const pos = this.tmpStart;
    for (let k = 0; k < n; k++) pos[out[k]] = k;
    const { off, act } = g.pred;
    for (let j = 0; j < n; j++) {
      for (let e = off[j]; e < off[j + 1]; e++) {
        if (pos[act[e]] > pos[j]) {
          const rank = g.topoRank;
          return eligibleOrder(g, (a, b) => key[a] - key[b] || rank[a] - rank[b], out);
        }
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
    const n = p.n;
    const duration = p.duration;
    const keys = this.timeKeys;
    const back = this.back;
    const fwd = this.fwd;
    let best = sol;
    for (let round = 0; round < maxRounds; round++) {
      // Backward: latest finish first, i.e. reversed start order.
      const start = best.start;
      const M = best.makespan;
      for (let j = 0; j < n; j++) keys[j] = M - start[j] - duration[j];
      const bl = this.byTime(p.reversed, keys, M, this.backList);
      const T = this.serial(p.reversed, bl, back, M);
      // Forward again in the order of the backward schedule's starts.
      for (let j = 0; j < n; j++) keys[j] = T - back[j] - duration[j];
      const fl = this.byTime(p, keys, T, this.fwdList);
      const m = this.forward(fl, fwd);
      if (m >= best.makespan) break;
      best = { list: fl.slice(), start: fwd.slice(), makespan: m };
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
