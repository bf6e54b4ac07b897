// Random plans (hours and days, pools, half-time people, SS/FF links with lags and leads,
// days off): after leveling, no resource is ever asked for more than its units.
import { describe, expect, it } from "vitest";
import { analyze } from "../../core/analysis";
import { seeded } from "../../core/level/random";
import { overAllocations, overlaps } from "./helpers";

function randomPlan(seed: number): string {
  const random = seeded(seed);
  const pick = <T>(xs: T[]): T => xs[Math.floor(random() * xs.length)]!;
  const lines = [`project "R${seed}" { start 2027-01-04 }`];
  lines.push(`resource dev "Devs" { units 2 }`, `resource pm "PM" { off 2027-01-13..2027-01-15 }`, `resource qa "QA" { units 50% }`);
  const n = 12;
  for (let i = 0; i < n; i++) {
    const fields = [`duration ${pick(["4h", "1d", "2d", "3d", "12h"])}`];
    const res = pick(["dev", "dev", "pm", "qa", "none"]);
    if (res === "dev") fields.push(`assign dev ${pick(["100%", "200%", "50%"])}`);
    else if (res === "pm") fields.push(`assign pm ${pick(["100%", "50%"])}`);
    else if (res === "qa") fields.push("assign qa 50%");
    const preds: string[] = [];
    for (let j = 0; j < i; j++) if (random() < 0.15) preds.push(`t${j}${pick(["", "", " SS", " FF"])}${pick(["", "", " +1d", " -4h"])}`);
    if (preds.length) fields.push(`after ${preds.join(", ")}`);
    if (random() < 0.15) fields.push(`priority ${pick([200, 800])}`);
    lines.push(`task t${i} "T${i}" { ${fields.join("  ")} }`);
  }
  return lines.join("\n") + "\n";
}

describe("leveling random plans", () => {
  it("needs leveling in most of them", () => {
    const over = Array.from({ length: 25 }, (_, i) => randomPlan(i + 1)).filter((text) => {
      const a = analyze("file:///w/p.plan", { read: () => text, workspaceRoot: undefined }, { level: "off" });
      return overlaps(a).length > 0;
    });
    expect(over.length).toBeGreaterThanOrEqual(20);
  });

  it.each(Array.from({ length: 25 }, (_, i) => i + 1))("plan %i has no over-allocation", (seed) => {
    const text = randomPlan(seed);
    for (const level of ["on", "optimize"] as const) {
      const a = analyze("file:///w/p.plan", { read: () => text, workspaceRoot: undefined }, { level, optimizeMs: 50 });
      expect(a.diagnostics.filter((d) => d.severity === "error"), text).toEqual([]);
      expect(overlaps(a), `${level}\n${text}`).toEqual([]);
      expect(overAllocations(a), `${level}\n${text}`).toEqual([]);
    }
  });
});
