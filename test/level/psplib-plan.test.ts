// PSPLIB instances written as plans: the text is exact, it checks clean, and the engine
// levels it to the same makespan as the kernel's stable pass on the instance itself.
import { describe, expect, it } from "vitest";
import { parsePsplib, psplibRcpsp, psplibToPlan } from "../../core/level/psplib";
import { latestFinishes, earliestStarts } from "../../core/level/rcpsp";
import { eligibleOrder, Sgs } from "../../core/level/sgs";
import { parse } from "../../grammar/index";
import { analyze } from "../../core/analysis";
import { dayOf, formatDay, formatMinutes } from "../../core/dates";
import { readInstance, references } from "../../bench/psplib-data";
import { overAllocations, psplibMissing, repoRoot } from "./helpers";

const TINY = `jobs (incl. supersource/sink ):  5
RESOURCES
PRECEDENCE RELATIONS:
jobnr.    #modes  #successors   successors
   1        1          2           2   3
   2        1          1           4
   3        1          1           5
   4        1          1           5
   5        1          0
************************************************************************
REQUESTS/DURATIONS:
jobnr. mode duration  R 1  R 2
------------------------------------------------------------------------
  1      1     0       0    0
  2      1     3       2    0
  3      1     2       1    1
  4      1     0       0    0
  5      1     0       0    0
************************************************************************
RESOURCEAVAILABILITIES:
  R 1  R 2
    2    1
************************************************************************
`;

const analyzeText = (text: string, level: "off" | "on") =>
  analyze("file:///w/p.plan", { read: () => text, workspaceRoot: undefined }, { level });

/** The kernel's stable pass (early start, then latest finish, then job order). */
function stableMakespan(text: string): number {
  const p = psplibRcpsp(parsePsplib(text));
  const es = earliestStarts(p);
  const lft = latestFinishes(p);
  const list = eligibleOrder(p, (a, b) => es[a]! - es[b]! || lft[a]! - lft[b]! || a - b, new Int32Array(p.n));
  return new Sgs(p).forward(list, new Int32Array(p.n));
}

const finishOf = (days: number) => `${formatDay(dayOf(2000, 1, 3)! + days - 1)}T16:00`;

describe("psplibToPlan", () => {
  it("writes jobs as tasks on an every-day calendar", () => {
    expect(psplibToPlan(TINY, "tiny")).toBe(`project "tiny" {
  start 2000-01-03
  calendar everyday
}

calendar everyday {
  workweek mon-sun
  hours 08:00-16:00
}

resource r1 "R1" { units 2 }
resource r2 "R2" { units 1 }

task j2 "Job 2" { duration 3d  assign r1 200% }
task j3 "Job 3" { duration 2d  assign r1 100%, r2 100% }
milestone j4 "Job 4" { after j2 }
`);
    const parsed = parse(psplibToPlan(TINY, "tiny"), "file:///w/p.plan");
    expect(parsed.diagnostics).toEqual([]);
  });

  it("levels the tiny instance: job 3 waits for job 2", () => {
    const a = analyzeText(psplibToPlan(TINY), "on");
    const t = (id: string) => a.schedule.tasks[a.plan.tasks.findIndex((x) => x.id === id)]!;
    expect(formatMinutes(t("j2").start)).toBe("2000-01-03T08:00");
    expect(formatMinutes(t("j3").start)).toBe("2000-01-06T08:00");
    expect(formatMinutes(a.schedule.finish)).toBe(finishOf(5));
  });
});

describe.skipIf(psplibMissing())("PSPLIB instances as plans", () => {
  it.each(["j301_1", "j302_3", "j3011_7", "j3025_2", "j3037_9", "j3048_10"])("%s checks clean, and levels like the kernel", (name) => {
    const sm = readInstance("j30", name, repoRoot);
    const text = psplibToPlan(sm, name);
    expect(parse(text, "file:///w/p.plan").diagnostics).toEqual([]);
    const ref = references("j30", repoRoot).get(name)!;
    const off = analyzeText(text, "off");
    expect(off.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(formatMinutes(off.schedule.finish)).toBe(finishOf(ref.cpm));
    const on = analyzeText(text, "on");
    expect(overAllocations(on)).toEqual([]);
    const m = stableMakespan(sm);
    expect(m).toBeGreaterThanOrEqual(ref.best);
    expect(formatMinutes(on.schedule.finish)).toBe(finishOf(m));
  });
});
