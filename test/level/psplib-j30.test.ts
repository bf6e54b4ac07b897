// Every j30 instance levelled in fast mode must be feasible and no shorter than its
// proven optimum; a sample of j60/j120 must be feasible and no shorter than the CPM bound.
import { describe, expect, it } from "vitest";
import { parsePsplib, psplibRcpsp } from "../../core/level/psplib";
import { solve } from "../../core/level/search";
import { instances, readInstance, references, type PsplibSet } from "../../bench/psplib-data";
import { psplibMissing, repoRoot, violations } from "./helpers";

describe.skipIf(psplibMissing())("PSPLIB feasibility", () => {
  it("levels all 480 j30 instances feasibly, never below the optimum", () => {
    const refs = references("j30", repoRoot);
    const names = instances("j30", repoRoot);
    expect(names).toHaveLength(480);
    let atOptimum = 0;
    let over = 0;
    for (const name of names) {
      const p = psplibRcpsp(parsePsplib(readInstance("j30", name, repoRoot)));
      const r = solve(p, { mode: "fast" });
      expect(violations(p, r.start), name).toEqual([]);
      const opt = refs.get(name)!.best;
      expect(r.makespan, name).toBeGreaterThanOrEqual(opt);
      expect(r.makespan, name).toBeGreaterThanOrEqual(r.lowerBound);
      if (r.makespan === opt) atOptimum++;
      over += (r.makespan - opt) / opt;
    }
    // Quality guard well inside what the multi-pass achieves (≈0.5% over the optimum).
    expect((100 * over) / names.length).toBeLessThan(1);
    expect(atOptimum).toBeGreaterThan(380);
  });

  it.each([
    ["j60", "j601_1"], ["j60", "j6025_5"], ["j60", "j6048_10"],
    ["j120", "j1201_1"], ["j120", "j12031_4"], ["j120", "j12060_10"],
  ] as [PsplibSet, string][])("levels %s %s feasibly", (set, name) => {
    const p = psplibRcpsp(parsePsplib(readInstance(set, name, repoRoot)));
    const ref = references(set, repoRoot).get(name)!;
    const r = solve(p, { mode: "fast" });
    expect(violations(p, r.start)).toEqual([]);
    expect(r.makespan).toBeGreaterThanOrEqual(Math.max(ref.cpm, r.lowerBound));
    // Optimal where proven, so never below it.
    if (ref.optimal) expect(r.makespan).toBeGreaterThanOrEqual(ref.best);
  });
});
