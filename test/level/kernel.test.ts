// The RCPSP kernel on hand-made instances with known optimal answers.
import { describe, expect, it } from "vitest";
import { makeRcpsp, needsOf, type Edge, type RcpspSpec } from "../../core/level/rcpsp";
import { solve } from "../../core/level/search";
import { Sgs } from "../../core/level/sgs";
import { ruleKeys, sampleList } from "../../core/level/rules";
import { seeded } from "../../core/level/random";
import { parsePsplib, psplibRcpsp } from "../../core/level/psplib";
import { violations } from "./helpers";

const fs = (from: number, to: number, lagAfterFinish: number, duration: number[]): Edge => ({ from, to, lag: duration[from] + lagAfterFinish });

function unary(duration: number[], uses: boolean[], edges: (d: number[]) => Edge[], extra: Partial<RcpspSpec> = {}) {
  return makeRcpsp({ duration, demand: uses.map((u) => needsOf([u ? 1 : 0])), edges: edges(duration), capacity: [1], resources: 1, ...extra });
}

/** The optimum over all precedence-feasible lists (serial SGS lists contain an optimum). */
function bruteForce(spec: RcpspSpec): number {
  const p = makeRcpsp(spec);
  const sgs = new Sgs(p);
  const start = new Int32Array(p.n);
  let best = Infinity;
  const list: number[] = [];
  const used = new Array<boolean>(p.n).fill(false);
  const rec = () => {
    if (list.length === p.n) {
      best = Math.min(best, sgs.forward(Int32Array.from(list), start));
      return;
    }
    for (let j = 0; j < p.n; j++) {
      if (used[j]) continue;
      let ready = true;
      for (let e = p.pred.off[j]; e < p.pred.off[j + 1]; e++) if (!used[p.pred.act[e]]) ready = false;
      if (!ready) continue;
      used[j] = true;
      list.push(j);
      rec();
      list.pop();
      used[j] = false;
    }
  };
  rec();
  return best;
}

/** A small random instance: 7 activities, 2 resources, forward links only. */
function randomSpec(seed: number): RcpspSpec {
  const random = seeded(seed);
  const n = 7;
  const duration = Array.from({ length: n }, () => 1 + Math.floor(random() * 5));
  const demand = Array.from({ length: n }, () => needsOf([Math.floor(random() * 4), Math.floor(random() * 3)]));
  const edges: Edge[] = [];
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) if (random() < 0.2) edges.push({ from: i, to: j, lag: duration[i] });
  return { duration, demand, edges, capacity: [4, 3], resources: 2 };
}

describe("serial SGS kernel", () => {
  it("sequences two activities on one unit (LFT order, ties by index)", () => {
    const p = unary([3, 2], [true, true], () => []);
    const r = solve(p, { mode: "fast" });
    expect(Array.from(r.start)).toEqual([0, 3]);
    expect(r.makespan).toBe(5);
    expect(r.lowerBound).toBe(5);
  });

  it("puts the activity with a long tail first", () => {
    // A(2) → C(3) with C free of the resource; B(2) competes with A. Optimum: A, then B and C.
    const p = unary([2, 2, 3], [true, true, false], (d) => [fs(0, 2, 0, d)]);
    const r = solve(p, { mode: "fast" });
    expect(Array.from(r.start)).toEqual([0, 2, 2]);
    expect(r.makespan).toBe(5);
  });

  it("keeps activities out of periods without capacity (vacations)", () => {
    // Capacity 0 in periods 2..4: the 3-period job cannot fit before them.
    const p = makeRcpsp({
      duration: [3, 2], demand: [[1], [1]].map(needsOf), edges: [], resources: 1,
      capacity: (_r, t) => (t >= 2 && t <= 4 ? 0 : 1), tail: [1], profileEnd: 5,
    });
    const r = solve(p, { mode: "optimize", budgetMs: 50 });
    expect(Array.from(r.start)).toEqual([5, 0]);
    expect(r.makespan).toBe(8);
    expect(violations(p, r.start)).toEqual([]);
  });

  it("honours start-to-start and finish-to-finish lags and releases", () => {
    // A(4); B(3) starts ≥ 2 after A starts (SS+2); C(2) finishes ≥ 1 after B finishes (FF+1); C released at 9.
    const d = [4, 3, 2];
    const p = makeRcpsp({
      duration: d, demand: [[1], [0], [1]].map(needsOf), resources: 1, capacity: [1], release: [0, 0, 9],
      edges: [{ from: 0, to: 1, lag: 2 }, { from: 1, to: 2, lag: d[1] - d[2] + 1 }],
    });
    const r = solve(p, { mode: "fast" });
    expect(Array.from(r.start)).toEqual([0, 2, 9]);
    // Without the release C would start at 4 (FF: 2 + 3 − 2 + 1 = 4), after A frees the unit.
    const q = makeRcpsp({
      duration: d, demand: [[1], [0], [1]].map(needsOf), resources: 1, capacity: [1],
      edges: [{ from: 0, to: 1, lag: 2 }, { from: 1, to: 2, lag: d[1] - d[2] + 1 }],
    });
    expect(Array.from(solve(q, { mode: "fast" }).start)).toEqual([0, 2, 4]);
  });

  it.each([1, 2, 3, 4, 5, 6, 7, 8])("optimize finds the brute-force optimum (random instance %i)", (seed) => {
    const spec = randomSpec(seed);
    const r = solve(makeRcpsp(spec), { mode: "optimize", budgetMs: 10_000, maxSchedules: 4000, seed });
    expect(violations(makeRcpsp(spec), r.start)).toEqual([]);
    expect(r.makespan).toBe(bruteForce(spec));
  });

  it("forward–backward improvement never lengthens a schedule", () => {
    const text = "jobs (incl. supersource/sink ):  6\nPRECEDENCE RELATIONS:\n   1 1 2 2 3\n   2 1 1 4\n   3 1 1 5\n   4 1 1 6\n   5 1 1 6\n   6 1 0\n" +
      "************\nREQUESTS/DURATIONS:\n------\n  1 1 0 0\n  2 1 3 2\n  3 1 2 1\n  4 1 4 1\n  5 1 1 2\n  6 1 0 0\n************\nRESOURCEAVAILABILITIES:\n  R 1\n  2\n************\n";
    const p = psplibRcpsp(parsePsplib(text));
    const sgs = new Sgs(p);
    const random = seeded(9);
    const key = ruleKeys(p, "LFT");
    for (let i = 0; i < 50; i++) {
      const list = sampleList(p, key, random);
      const start = new Int32Array(p.n);
      const makespan = sgs.forward(list, start);
      const better = sgs.improve({ list, start, makespan });
      expect(better.makespan).toBeLessThanOrEqual(makespan);
      expect(violations(p, better.start)).toEqual([]);
    }
  });

  it("is deterministic: the same input gives the same starts", () => {
    const a = solve(makeRcpsp(randomSpec(42)), { mode: "fast" });
    const b = solve(makeRcpsp(randomSpec(42)), { mode: "fast" });
    expect(Array.from(a.start)).toEqual(Array.from(b.start));
    const c = solve(makeRcpsp(randomSpec(42)), { mode: "optimize", budgetMs: 60_000, maxSchedules: 500 });
    const e = solve(makeRcpsp(randomSpec(42)), { mode: "optimize", budgetMs: 60_000, maxSchedules: 500 });
    expect(Array.from(c.start)).toEqual(Array.from(e.start));
  });

  it("rejects cycles, demands above capacity and a resource named twice", () => {
    expect(() => unary([1, 1], [true, true], () => [{ from: 0, to: 1, lag: 1 }, { from: 1, to: 0, lag: 1 }])).toThrow(/cycle/);
    expect(() => makeRcpsp({ duration: [1], demand: [[[0, 2]]], edges: [], capacity: [1], resources: 1 })).toThrow(/capacity/);
    expect(() => makeRcpsp({ duration: [1], demand: [[[0, 1], [0, 1]]], edges: [], capacity: [2], resources: 1 })).toThrow(/twice/);
  });
});
