// The bundled CLI as users run it: `node dist/cli.js …` in a subprocess, on fixture plans
// and on every kind of bad input. Asserts stdout, stderr and exit codes.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ScheduleJson } from "../../core/json";

const ROOT = join(__dirname, "../..");
const CLI = join(ROOT, "dist/cli.js");
const FIXTURES = join(ROOT, "test/fixtures");
let tmp = "";

function gantry(args: string[], cwd = FIXTURES) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: "utf8", env: { ...process.env, NO_COLOR: "" } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

beforeAll(() => {
  const build = spawnSync(process.execPath, [join(ROOT, "scripts/build.mjs")], { cwd: ROOT, encoding: "utf8" });
  if (build.status !== 0) throw new Error(`build failed: ${build.stderr}`);
  tmp = mkdtempSync(join(tmpdir(), "gantry-cli-"));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("gantry check", () => {
  it("is silent and exits 0 on a clean plan", () => {
    expect(gantry(["check", "basic.plan"])).toEqual({ code: 0, out: "", err: "" });
  });

  it("prints file:line:col: severity CODE message and exits 1 on errors", () => {
    const r = gantry(["check", "e201-unknown-task.plan"]);
    expect(r.code).toBe(1);
    expect(r.out.split("\n")).toEqual([
      "e201-unknown-task.plan:3:41: error GANTRY201 Unknown task `desing`: no task has that name. Check the spelling or define the task. Did you mean `design`?",
      "e201-unknown-task.plan:4:39: error GANTRY201 Unknown task `build.nothing`: the phase `build` has no task `nothing`. Check the spelling or add the task to that phase.",
      "",
    ]);
    expect(r.out).not.toContain("\x1b[");
  });

  it("exits 0 when there are only warnings, and names imported files relative to the cwd", () => {
    const r = gantry(["check", "e307-deadline.plan", "e208-import-cycle.plan"]);
    expect(r.code).toBe(1);
    const lines = r.out.trim().split("\n");
    expect(lines[0]).toMatch(/^e307-deadline\.plan:3:37: warning GANTRY307 /);
    expect(lines[1]).toMatch(/^shared\/cycle-b\.plan:1:8: error GANTRY208 Import cycle: cycle-a\.plan → cycle-b\.plan → cycle-a\.plan\./);
    expect(gantry(["check", "e307-deadline.plan"]).code).toBe(0);
  });

  it("prints JSON with --format json", () => {
    const r = gantry(["check", "--format", "json", "e205-duplicate.plan"]);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out)).toEqual([
      {
        file: "e205-duplicate.plan",
        line: 3,
        col: 10,
        endLine: 3,
        endCol: 14,
        severity: "error",
        code: "GANTRY205",
        message: "The resource `dana` is defined twice. Rename one of them; identifiers must be unique.",
      },
      {
        file: "e205-duplicate.plan",
        line: 5,
        col: 6,
        endLine: 5,
        endCol: 7,
        severity: "error",
        code: "GANTRY205",
        message: "The task `a` is defined twice. Rename one of them; identifiers must be unique.",
      },
    ]);
  });

  it("keeps checking the other files when one cannot be read, and exits 2", () => {
    const r = gantry(["check", "nope.plan", "basic.plan"]);
    expect(r).toEqual({ code: 2, out: "", err: "gantry: cannot read nope.plan: no such file\n" });
  });
});

describe("bad input", () => {
  const write = (name: string, data: string | Buffer) => {
    const p = join(tmp, name);
    writeFileSync(p, data);
    return p;
  };

  it("refuses a directory, a binary file and invalid UTF-8 with one line each", () => {
    mkdirSync(join(tmp, "dir.plan"), { recursive: true });
    const bin = write("bin.plan", Buffer.from([0x70, 0x72, 0x00, 0x01]));
    const latin1 = write("latin1.plan", Buffer.from('project "Caf\xe9" { start 2027-01-04 }', "latin1"));
    expect(gantry(["check", "dir.plan"], tmp)).toEqual({ code: 2, out: "", err: "gantry: cannot read dir.plan: is a directory, not a plan file\n" });
    expect(gantry(["check", bin], tmp)).toEqual({ code: 2, out: "", err: "gantry: cannot read bin.plan: is a binary file, not a plan\n" });
    expect(gantry(["schedule", latin1], tmp)).toEqual({ code: 2, out: "", err: "gantry: cannot read latin1.plan: is not valid UTF-8 text\n" });
  });

  it("refuses a file above the 20 MB limit without reading it", () => {
    const big = write("big.plan", "");
    truncateSync(big, 50 * 1024 * 1024);
    expect(gantry(["schedule", "big.plan"], tmp)).toEqual({
      code: 2,
      out: "",
      err: "gantry: cannot read big.plan: is 50.0 MB; plans larger than 20 MB are refused\n",
    });
  });

  it("reports an empty plan as a plan without a project block", () => {
    write("empty.plan", "");
    const r = gantry(["check", "empty.plan"], tmp);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/^empty\.plan:1:1: error GANTRY209 This plan has no `project` block\./);
  });

  it("rejects bad usage with exit 2", () => {
    expect(gantry(["check"]).code).toBe(2);
    expect(gantry(["frobnicate"]).code).toBe(2);
    expect(gantry(["schedule", "basic.plan", "--format", "xml"]).code).toBe(2);
    expect(gantry(["schedule", "basic.plan", "--optimize", "-5"]).code).toBe(2);
    const r = gantry(["explain", "basic.plan", "desgn"]);
    expect(r).toEqual({ code: 2, out: "", err: "gantry: `desgn` is not a task in basic.plan. Did you mean `design`?\n" });
  });
});

describe("gantry schedule", () => {
  it("prints the task table", () => {
    const r = gantry(["schedule", "basic.plan"]);
    expect(r.code).toBe(0);
    expect(r.out).toBe(
      [
        "Website relaunch: 2027-01-04 08:00 → 2027-01-22 17:00, 15d, cost 0.00",
        "",
        "WBS  ID      Name     Start             Finish             Duration  Slack  Critical",
        "1    design  Design   2027-01-04 08:00  2027-01-08 17:00         5d     0d  yes",
        "2    build   Build    2027-01-11 08:00  2027-01-22 17:00        10d     0d  yes",
        "3    live    Go-live  2027-01-22 17:00  2027-01-22 17:00  milestone     0d  yes",
        "",
      ].join("\n"),
    );
  });

  it("prints the JSON schedule with --format json", () => {
    const r = gantry(["schedule", "phases.plan", "--format", "json"]);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out) as ScheduleJson;
    expect(json.project).toMatchObject({ name: "Phases", start: "2027-01-04T08:00", cost: 25733.33, budget: null, leveled: false });
    expect(json.project.uri).toBe(join(FIXTURES, "phases.plan"));
    const reqs = json.tasks.find((t) => t.id === "init.reqs")!;
    expect(reqs).toMatchObject({
      wbs: "1.2",
      parent: "init",
      depth: 1,
      resources: [
        { id: "pm", share: 100 },
        { id: "dev", share: 50 },
      ],
      predecessors: [{ id: "init.charter", type: "FS", lagHours: 0, elapsed: false }],
      driver: { kind: "predecessor", text: "after init.charter (FS)", task: "init.charter" },
      workHours: 80,
    });
    expect(json.tasks.find((t) => t.id === "build.ship")!.fixedCosts).toEqual([{ amount: 1200, category: "Freight" }]);
    expect(json.calendar).toEqual({ workdays: [0, 1, 2, 3, 4], hoursPerDay: 8, holidays: [] });
  });

  it("prints diagnostics on stderr and exits 1 when the plan has errors, still scheduling the rest", () => {
    const r = gantry(["schedule", "recovery.plan"]);
    expect(r.code).toBe(1);
    expect(r.err).toBe("recovery.plan:4:34: error GANTRY104 unknown characters `@@`\n");
    expect(r.out).toContain("4    d   D     2027-01-12 08:00  2027-01-12 17:00        1d     0d  yes");
  });

  it("levels with --level and --optimize, and reads PSPLIB .sm files", () => {
    const sm = join(__dirname, "data/tiny.sm");
    const plain = gantry(["schedule", sm, "--format", "json"]);
    expect(plain.code).toBe(0);
    expect(plain.err).toContain("GANTRY402");
    expect(JSON.parse(plain.out).project.finish).toBe("2000-01-05T16:00");
    for (const flags of [["--level"], ["--optimize"], ["--optimize", "200"]]) {
      const r = gantry(["schedule", sm, "--format", "json", ...flags]);
      expect([r.code, r.err]).toEqual([0, ""]);
      const json = JSON.parse(r.out) as ScheduleJson;
      expect([json.project.finish, json.project.leveled]).toEqual(["2000-01-07T16:00", true]);
    }
  });
});

describe("gantry explain", () => {
  it("follows the driver chain back to the project start", () => {
    const r = gantry(["explain", "calendars.plan", "wrap"]);
    expect(r).toEqual({
      code: 0,
      err: "",
      out: [
        'wrap "Wrap up" starts 2027-01-19T09:00, finishes 2027-01-19T17:00 (critical)',
        '  because: after prep (FS), then waited over the holiday "MLK Day" until 2027-01-19T09:00',
        'prep "Prepare" starts 2027-01-04T09:00, finishes 2027-01-15T17:00 (critical)',
        "  because: at the project start 2027-01-04",
        "",
      ].join("\n"),
    });
  });

  it("names the resource and the competing task when leveling delayed a task", () => {
    const r = gantry(["explain", "leveling.plan", "b"]);
    expect(r.out).toContain("  because: at the project start 2027-01-04, then leveling: sam was busy on a\n");
  });

  it("accepts a dotted id and says when a task sits in a cycle", () => {
    expect(gantry(["explain", "phases.plan", "build.data"]).out.split("\n")[0]).toBe(
      'build.data "Data model" starts 2027-01-15T14:20, finishes 2027-01-21T14:20',
    );
    expect(gantry(["explain", "e301-cycle.plan", "a"]).out).toBe("a is not scheduled: it sits in a dependency cycle (see GANTRY301).\n");
  });
});

describe("gantry fmt", () => {
  it("prints, checks and writes the canonical layout", () => {
    const file = join(tmp, "messy.plan");
    writeFileSync(file, 'project "P" {   start 2027-01-04 }\ntask a "A" {duration 1d}\n');
    const printed = gantry(["fmt", file], tmp);
    expect(printed.code).toBe(0);
    expect(printed.out).not.toBe(readFileSync(file, "utf8"));
    expect(gantry(["fmt", "--check", "messy.plan"], tmp)).toEqual({
      code: 1,
      out: "",
      err: "messy.plan is not formatted (run gantry fmt --write messy.plan)\n",
    });
    expect(gantry(["fmt", "--write", "messy.plan"], tmp).code).toBe(0);
    expect(readFileSync(file, "utf8")).toBe(printed.out);
    expect(gantry(["fmt", "--check", "messy.plan"], tmp)).toEqual({ code: 0, out: "", err: "" });
  });
});

describe("help and version", () => {
  it("prints the version", () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));
    expect(gantry(["--version"])).toEqual({ code: 0, out: `${pkg.version}\n`, err: "" });
  });

  it("has help for every command", () => {
    const top = gantry(["--help"]);
    expect(top.code).toBe(0);
    for (const cmd of ["check", "schedule", "explain", "fmt"]) {
      expect(top.out).toContain(cmd);
      const r = gantry([cmd, "--help"]);
      expect(r.code).toBe(0);
      expect(r.out).toContain(`Usage: gantry ${cmd}`);
    }
    expect(gantry(["explain", "--help"]).out).toContain("Usage: gantry explain [options] <file> <task>");
  });
});
