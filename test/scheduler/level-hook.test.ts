// The leveling hook: the scheduler re-runs its forward pass with the leveler's bounds.
import { describe, expect, it, vi } from "vitest";
import { parseMinutes } from "../../core/dates";

vi.mock("../../core/level/index", () => ({
  levelPlan: () => [{ task: 1, notBefore: parseMinutes("2027-01-06T08:00")!, resource: 0, competitor: 0 }],
}));

const { run } = await import("./helpers");

describe("leveling hook", () => {
  it("delays a task by the leveler's bound and explains it", () => {
    const spec = {
      start: "2027-01-04",
      resources: [{ id: "dev" }],
      tasks: [
        { id: "a", duration: "2d", assign: [["dev"]] as [string][] },
        { id: "b", duration: "2d", assign: [["dev"]] as [string][] },
        { id: "c", duration: "1d", after: ["b"] },
      ],
    };
    const off = run(spec, "off");
    expect(off.result.leveled).toBe(false);
    expect(off.dates("b")).toBe("2027-01-04T08:00 → 2027-01-05T17:00");
    const r = run(spec, "fast");
    expect(r.result.leveled).toBe(true);
    expect(r.dates("b")).toBe("2027-01-06T08:00 → 2027-01-07T17:00");
    expect(r.task("b").driver).toEqual({ kind: "leveling", resource: 0, competitor: 0, inner: { kind: "projectStart" } });
    expect(r.dates("c")).toBe("2027-01-08T08:00 → 2027-01-08T17:00");
    expect(r.result.criticalPath.map(r.id)).toEqual(["b", "c"]);
    expect(r.result.diagnostics).toEqual([]);
  });
});
