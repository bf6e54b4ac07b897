// Validation details the fixtures do not pin down: cycles through phases, the payloads
// of quick-fix hints, and that errors leave the rest of the plan scheduled.
import { describe, expect, it } from "vitest";
import { analyzeText, codes, taskIndex } from "./helpers";

describe("dependency cycles", () => {
  it("finds a cycle through a phase and names every link", () => {
    const a = analyzeText(`project "P" { start 2027-01-04 }
task build "Build" {
  task api "API" { duration 2d  after test }
  task ui "UI" { duration 2d }
}
task test "Test" { duration 1d  after build }
task other "Other" { duration 1d }`);
    expect(codes(a)).toEqual(["GANTRY301 3:39"]);
    const d = a.diagnostics[0]!;
    expect(d.message).toBe(
      "Dependency cycle: `test` → `build` → `test`. Tasks in a cycle wait for each other forever; remove one of these links.",
    );
    expect(d.related?.map((r) => [r.message, r.range.start.line])).toEqual([
      ["build.api after test", 2],
      ["test after build", 5],
    ]);
    expect(d.fix?.kind).toBe("dropLink");
    if (d.fix?.kind === "dropLink") expect(d.fix.links.map((l) => l.label)).toEqual(["build.api after test", "test after build"]);
    // The cycle is left unscheduled; the rest is scheduled.
    const s = (id: string) => a.schedule.tasks[taskIndex(a, id)]!;
    expect(s("test").unscheduled).toBe(true);
    expect(s("build.api").unscheduled).toBe(true);
    expect(s("other").unscheduled ?? false).toBe(false);
    expect(s("other").finish - s("other").start).toBe(9 * 60);
  });

  it("reports a task after itself", () => {
    const a = analyzeText(`project "P" { start 2027-01-04 }\ntask t "T" { duration 1d  after t }`);
    expect(codes(a)).toEqual(["GANTRY301 2:33"]);
    expect(a.diagnostics[0]!.message).toContain("`t` → `t`");
  });

  it("reports one diagnostic per independent cycle", () => {
    const a = analyzeText(`project "P" { start 2027-01-04 }
task a "A" { duration 1d  after b }
task b "B" { duration 1d  after a }
task c "C" { duration 1d  after d }
task d "D" { duration 1d  after c }`);
    expect(codes(a)).toEqual(["GANTRY301 2:33", "GANTRY301 4:33"]);
  });

  it("leaves links into a phase's own tasks out of the model", () => {
    const a = analyzeText(`project "P" { start 2027-01-04 }
task build "Build" { after build.api  task api "API" { duration 1d } }`);
    expect(codes(a)).toEqual(["GANTRY311 2:28"]);
    expect(a.plan.tasks[0]!.deps).toEqual([]);
  });
});

describe("quick-fix hints", () => {
  it("offers the plan's resources for effort without assignments", () => {
    const a = analyzeText(`project "P" { start 2027-01-04 }
resource dana "Dana" { rate 1/h }
resource kim "Kim" { rate 1/h }
task t "T" { effort 2d }`);
    expect(codes(a)).toEqual(["GANTRY305 4:21"]);
    expect(a.diagnostics[0]!.fix).toEqual({ kind: "assign", resources: ["dana", "kim"] });
    // Scheduled as a plain duration meanwhile.
    expect(a.schedule.tasks[0]!.duration).toBe(2 * 480);
  });

  it("suggests a weekday for a misspelt one", () => {
    const a = analyzeText(`project "P" { start 2027-01-04  calendar c }
calendar c { workweek mon-thurs  hours 09:00-17:00 }
task t "T" { duration 1d }`);
    expect(codes(a)).toEqual(["GANTRY210 2:27"]);
    expect(a.diagnostics[0]!.fix).toEqual({ kind: "replace", candidates: ["thu"] });
  });
});

describe("progress and dates", () => {
  it("accepts consistent progress silently", () => {
    const a = analyzeText(`project "P" { start 2027-01-04  status 2027-01-13 }
task a "A" { duration 5d  started 2027-01-04  finished 2027-01-08  done 100% }
task b "B" { duration 4d  after a  started 2027-01-11  done 50% }
task c "C" { duration 2d  after b }`);
    expect(codes(a)).toEqual([]);
  });

  it("rejects actuals after the status date and a status date before the start", () => {
    const a = analyzeText(`project "P" { start 2027-01-04  status 2027-01-01 }
task a "A" { duration 5d  started 2027-01-04 }`);
    expect(codes(a)).toEqual(["GANTRY309 1:40", "GANTRY309 2:35"]);
  });

  it("flags constraints that cannot both hold", () => {
    const a = analyzeText(`project "P" { start 2027-01-04 }
task a "A" { duration 1d  start on 2027-01-11  start no earlier than 2027-01-05 }
task b "B" { duration 1d  finish no later than 2027-01-20  finish no later than 2027-01-22 }
task c "C" { duration 1d  start no earlier than 2027-01-05  finish no later than 2027-01-22 }`);
    expect(codes(a).filter((c) => c.startsWith("GANTRY312"))).toEqual(["GANTRY312 2:48", "GANTRY312 3:60"]);
  });
});

describe("phases", () => {
  it("ignores a phase's own length and resources, with a remark", () => {
    const a = analyzeText(`project "P" { start 2027-01-04 }
resource dev "Dev" { rate 1/h }
task build "Build" {
  effort 5d  assign dev
  task api "API" { duration 2d }
}`);
    expect(a.diagnostics.map((d) => `${d.code} ${d.severity} ${d.range.start.line + 1}:${d.range.start.col + 1}`)).toEqual([
      "GANTRY315 info 4:10",
      "GANTRY315 info 4:21",
    ]);
    expect(a.plan.tasks[0]!.assignments).toEqual([]);
    expect(a.schedule.tasks[0]!.duration).toBe(2 * 480);
  });
});
