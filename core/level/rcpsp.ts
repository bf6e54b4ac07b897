// The RCPSP instance the leveling kernel works on: integer periods, renewable resources
// with a capacity that may vary per period, and generalized precedence written as
// start-to-start minimum lags (s[to] ≥ s[from] + lag), which covers FS/SS/FF/SF links
// with any lag. Arrays are flat and typed so that the schedule generator stays fast.

export interface Edge {
  from: number;
  to: number;
  lag: number;
}

/** A resource and the units of it an activity holds. */
export type Need = [resource: number, units: number];

/** The needs of a dense row (units per resource, zeros left out). */
export function needsOf(row: readonly number[]): Need[] {
  const out: Need[] = [];
  row.forEach((q, r) => q > 0 && out.push([r, q]));
  return out;
}

export interface RcpspSpec {
  duration: number[];
  /** Earliest start per activity (default 0). */
  release?: number[];
  /**
   * Per activity, the resources it holds while it runs and how many units of each, each
   * resource at most once: sparse, because a real plan has thousands of resources and
   * each task uses one or two.
   */
  demand: Need[][];
  edges: Edge[];
  /** Constant capacity per resource, or capacity(r, t) for a profile (t ≥ 0). */
  capacity: number[] | ((r: number, t: number) => number);
  resources: number;
  /**
   * Capacity from `profileEnd` on (default: the constant capacity). Must be reached:
   * the profile equals `tail` at every t ≥ profileEnd.
   */
  tail?: number[];
  profileEnd?: number;
  /**
   * Past `profileEnd` the profile repeats with a period of at most `period` instead of
   * equalling `tail` (default: it equals the tail): each activity may wait a period longer.
   */
  period?: number;
  /** Tie-break/bias for priority rules: smaller goes first (default: none). */
  rank?: number[];
}

/** Precedence in compressed rows: for activity j, entries off[j]..off[j+1]-1. */
export interface Adjacency {
  off: Int32Array;
  act: Int32Array;
  lag: Int32Array;
}

/** One direction of the problem: what a serial schedule generator needs. */
export interface Graph {
  n: number;
  nRes: number;
  duration: Int32Array;
  release: Int32Array;
  /** Nonzero demands per activity: reqOff[j]..reqOff[j+1]-1 into reqRes/reqQty. */
  reqOff: Int32Array;
  reqRes: Int32Array;
  reqQty: Int32Array;
  pred: Adjacency;
  succ: Adjacency;
  /** Position of each activity in a fixed topological order (used to break ties). */
  topoRank: Int32Array;
}

export interface Rcpsp extends Graph {
  capacity: (r: number, t: number) => number;
  /** The constant capacities, when the profile never changes. */
  constant: Int32Array | undefined;
  tail: Int32Array;
  /** No schedule needs periods beyond this (a guard against endless searches). */
  horizonLimit: number;
  /** The same problem with time reversed (finish becomes start): for backward passes. */
  reversed: Graph;
  rank: Float64Array | undefined;
}

function adjacency(n: number, edges: Edge[], key: "from" | "to"): Adjacency {
  const other = key === "from" ? "to" : "from";
  const off = new Int32Array(n + 1);
  for (const e of edges) off[e[key] + 1]++;
  for (let j = 0; j < n; j++) off[j + 1] += off[j];
  const fill = off.slice(0, n);
  const act = new Int32Array(edges.length);
  const lag = new Int32Array(edges.length);
  for (const e of edges) {
    const k = fill[e[key]]++;
    act[k] = e[other];
    lag[k] = e.lag;
  }
  return { off, act, lag };
}

/** Kahn's algorithm, smallest index first; throws on a cycle. */
function topologicalRank(n: number, succ: Adjacency, pred: Adjacency): Int32Array {
  const indeg = new Int32Array(n);
  for (let j = 0; j < n; j++) indeg[j] = pred.off[j + 1] - pred.off[j];
  const ready: number[] = [];
  for (let j = n - 1; j >= 0; j--) if (indeg[j] === 0) ready.push(j);
  const rank = new Int32Array(n);
  let k = 0;
  while (ready.length) {
    const j = ready.pop()!;
    rank[j] = k++;
    for (let e = succ.off[j]; e < succ.off[j + 1]; e++) if (--indeg[succ.act[e]] === 0) ready.push(succ.act[e]);
  }
  if (k !== n) throw new Error("precedence cycle in leveling instance");
  return rank;
}

/** The nonzero needs in compressed rows, each row in resource order. */
function requirements(demand: Need[][]) {
  const n = demand.length;
  const reqOff = new Int32Array(n + 1);
  const res: number[] = [];
  const qty: number[] = [];
  for (let j = 0; j < n; j++) {
    const row = demand[j].filter(([, q]) => q > 0).sort((a, b) => a[0] - b[0]);
    for (let k = 0; k < row.length; k++) {
      if (k > 0 && row[k][0] === row[k - 1][0]) throw new Error(`leveling instance: activity ${j} names resource ${row[k][0]} twice`);
      res.push(row[k][0]);
      qty.push(row[k][1]);
    }
    reqOff[j + 1] = res.length;
  }
  return { reqOff, reqRes: Int32Array.from(res), reqQty: Int32Array.from(qty) };
}

export function makeRcpsp(spec: RcpspSpec): Rcpsp {
  const n = spec.duration.length;
  const nRes = spec.resources;
  const duration = Int32Array.from(spec.duration);
  const req = requirements(spec.demand);
  const pred = adjacency(n, spec.edges, "to");
  const succ = adjacency(n, spec.edges, "from");
  const topoRank = topologicalRank(n, succ, pred);
  // Reversed time: an activity's reversed start is T − finish, and s[to] ≥ s[from] + lag
  // becomes s'[from] ≥ s'[to] + lag + d[to] − d[from].
  const revEdges = spec.edges.map((e) => ({ from: e.to, to: e.from, lag: e.lag + duration[e.to] - duration[e.from] }));
  const revRank = new Int32Array(n);
  for (let j = 0; j < n; j++) revRank[j] = n - 1 - topoRank[j];
  const reversed: Graph = {
    n, nRes, duration, release: new Int32Array(n), ...req,
    pred: adjacency(n, revEdges, "to"), succ: adjacency(n, revEdges, "from"), topoRank: revRank,
  };
  const cap = spec.capacity;
  const constant = Array.isArray(cap) ? Int32Array.from(cap) : undefined;
  const tail = Int32Array.from(constant ?? spec.tail ?? []);
  if (tail.length !== nRes) throw new Error("leveling instance: a capacity profile needs its tail");
  for (let j = 0; j < n; j++) {
    for (let k = req.reqOff[j]; k < req.reqOff[j + 1]; k++) {
      if (req.reqQty[k] > tail[req.reqRes[k]]) throw new Error(`leveling instance: activity ${j} needs more than the capacity`);
    }
  }
  // Every activity can wait for the latest release, then run after all the others.
  let latest = 0;
  let horizonLimit = (spec.profileEnd ?? 0) + 1;
  for (let j = 0; j < n; j++) {
    latest = Math.max(latest, spec.release?.[j] ?? 0);
    horizonLimit += duration[j];
  }
  horizonLimit += latest + n * (spec.period ?? 0);
  for (const e of spec.edges) horizonLimit += Math.abs(e.lag);
  return {
    tail, horizonLimit,
    n, nRes, duration, ...req, pred, succ, topoRank, reversed,
    release: Int32Array.from(spec.release ?? new Array<number>(n).fill(0)),
    capacity: constant ? (r) => constant[r] : (cap as (r: number, t: number) => number),
    constant,
    rank: spec.rank ? Float64Array.from(spec.rank) : undefined,
  };
}

/** Earliest starts by the precedence network alone (resources ignored). */
export function earliestStarts(g: Graph): Int32Array {
  const order = topoOrder(g);
  const es = Int32Array.from(g.release);
  for (const j of order) {
    for (let e = g.pred.off[j]; e < g.pred.off[j + 1]; e++) {
      const t = es[g.pred.act[e]] + g.pred.lag[e];
      if (t > es[j]) es[j] = t;
    }
  }
  return es;
}

export function topoOrder(g: Graph): Int32Array {
  const order = new Int32Array(g.n);
  for (let j = 0; j < g.n; j++) order[g.topoRank[j]] = j;
  return order;
}

export function makespanOf(g: Graph, start: Int32Array): number {
  let m = 0;
  for (let j = 0; j < g.n; j++) m = Math.max(m, start[j] + g.duration[j]);
  return m;
}

/** Latest finishes against the precedence-only makespan: the LFT priority. */
export function latestFinishes(p: Rcpsp): Int32Array {
  const es = earliestStarts(p);
  const horizon = makespanOf(p, es);
  const order = topoOrder(p);
  const ls = new Int32Array(p.n);
  for (let j = 0; j < p.n; j++) ls[j] = horizon - p.duration[j];
  for (let k = p.n - 1; k >= 0; k--) {
    const j = order[k];
    for (let e = p.succ.off[j]; e < p.succ.off[j + 1]; e++) {
      const t = ls[p.succ.act[e]] - p.succ.lag[e];
      if (t < ls[j]) ls[j] = t;
    }
  }
  for (let j = 0; j < p.n; j++) ls[j] += p.duration[j];
  return ls;
}

/**
 * A lower bound on the makespan: the critical path, and with constant capacities the
 * resource bound max_r ⌈Σ d·q / capacity⌉.
 */
export function lowerBound(p: Rcpsp): number {
  let lb = makespanOf(p, earliestStarts(p));
  if (p.constant) {
    const work = new Float64Array(p.nRes);
    for (let j = 0; j < p.n; j++) for (let k = p.reqOff[j]; k < p.reqOff[j + 1]; k++) work[p.reqRes[k]] += p.duration[j] * p.reqQty[k];
    for (let r = 0; r < p.nRes; r++) if (p.constant[r] > 0) lb = Math.max(lb, Math.ceil(work[r] / p.constant[r]));
  }
  return lb;
}
