// The analyze entry point: imports (transitive, diamonds, cycles, missing, outside the
// workspace), diagnostics order, options, and an immutable result.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { analyze, ParseCache } from "../../core/analysis";
import { dayOf } from "../../core/dates";
import { isInside, normalizePath, resolveImport } from "../../core/uri";
import { analyzeText, codes, MAIN } from "./helpers";

describe("import paths", () => {
  it("resolves relative to the importing file, for paths and file URIs", () => {
    expect(resolveImport("/ws/plans/main.plan", "../shared/team.plan")).toBe("/ws/shared/team.plan");
    expect(resolveImport("/ws/main.plan", "./a/./b/../c.plan")).toBe("/ws/a/c.plan");
    expect(resolveImport("file:///ws/my%20plans/main.plan", "shared/x.plan")).toBe("file:///ws/my%20plans/shared/x.plan");
    expect(resolveImport("file:///c%3A/ws/main.plan", "my x.plan")).toBe("file:///c%3A/ws/my%20x.plan");
    expect(normalizePath("/a/../../b")).toBe("/b");
  });

  it("keeps imports inside the workspace folder", () => {
    expect(isInside("/ws/shared/x.plan", "/ws")).toBe(true);
    expect(isInside("/ws/shared/x.plan", "/ws/")).toBe(true);
    expect(isInside("/wsx/x.plan", "/ws")).toBe(false);
    expect(isInside("file:///ws/a.plan", "/ws")).toBe(true);
    expect(isInside("/elsewhere/a.plan", "file:///ws")).toBe(false);
  });
});

describe("imports", () => {
  it("loads a diamond once and reports each broken import where it is written", () => {
    const a = analyzeText(
      `import "a.plan"
import "b.plan"
import "missing.plan"
import "../outside.plan"
project "P" { start 2027-01-04 }
task t "T" { effort 1d  assign dev }`,
      {
        "/ws/a.plan": `import "common.plan"`,
        "/ws/b.plan": `import "common.plan"\nimport "a.plan"`,
        "/ws/common.plan": `resource dev "Dev" { rate 1/h }\nimport "b.plan"`,
        "/outside.plan": `resource x "X" { rate 1/h }`,
      },
    );
    expect(a.imports).toEqual(["/ws/a.plan", "/ws/common.plan", "/ws/b.plan"]);
    expect([...a.documents.keys()]).toEqual([MAIN, "/ws/a.plan", "/ws/common.plan", "/ws/b.plan"]);
    expect(a.diagnostics.map((d) => `${d.uri} ${d.code} ${d.range.start.line + 1}`)).toEqual([
      `${MAIN} GANTRY206 3`,
      `${MAIN} GANTRY207 4`,
      // main → a → common → b, then b imports common and a again: two loops.
      "/ws/b.plan GANTRY208 1",
      "/ws/b.plan GANTRY208 2",
    ]);
    expect(a.diagnostics[2]!.message).toContain("common.plan → b.plan → common.plan");
    expect(a.diagnostics[3]!.message).toContain("a.plan → common.plan → b.plan → a.plan");
    expect(a.plan.resources.map((r) => r.uri)).toEqual(["/ws/common.plan"]);
  });

  it("lists the main file's diagnostics first, then each import's, by URI compared character by character (not by locale)", () => {
    const a = analyzeText(`import "alpha.plan"\nimport "Zeta.plan"\nproject "P" { start 2027-01-04 }\nresource m "M" { units 0 }`, {
      "/ws/alpha.plan": `resource a "A" { units 0 }`,
      "/ws/Zeta.plan": `resource z "Z" { units 0 }`,
    });
    expect(a.diagnostics.map((d) => `${d.uri} ${d.code}`)).toEqual([`${MAIN} GANTRY404`, "/ws/Zeta.plan GANTRY404", "/ws/alpha.plan GANTRY404"]);
  });

  it("reports a main file that cannot be read", () => {
    const a = analyze("/ws/none.plan", { read: () => undefined, workspaceRoot: "/ws" });
    expect(a.diagnostics.map((d) => d.code)).toEqual(["GANTRY206", "GANTRY209"]);
  });
});

describe("the analysis", () => {
  const a = analyzeText(`project "P" { start 2027-01-04 }
task b "B" { duration 1d  after zz }
task a "A" { }
resource r "R" { units 0 }`);

  it("sorts diagnostics by position", () => {
    expect(codes(a)).toEqual(["GANTRY201 2:33", "GANTRY302 3:6", "GANTRY404 4:24"]);
  });

  it("is deeply immutable", () => {
    expect(Object.isFrozen(a)).toBe(true);
    expect(Object.isFrozen(a.plan.tasks[0]!.span)).toBe(true);
    expect(Object.isFrozen(a.schedule.tasks[0])).toBe(true);
    expect(Object.isFrozen(a.documents.get(MAIN)!.tasks[0]!.range.start)).toBe(true);
    expect(() => (a.diagnostics as unknown[]).push(1)).toThrow(TypeError);
    expect(() => (a.documents as Map<string, unknown>).set("x", 1)).toThrow(TypeError);
  });

  it("freezes every object it reaches but the ranges' anchors (the example plans, with imports and leveling, and one with diagnostics)", () => {
    const root = join(__dirname, "../../examples");
    const host = { read: (u: string) => (existsSync(u) ? readFileSync(u, "utf8") : undefined), workspaceRoot: root };
    const examples = ["erp-migration", "datacenter-move", "software-release"].map((n) => analyze(join(root, `${n}.plan`), host, { level: "on" }));
    expect(examples[0]!.imports.length).toBeGreaterThan(0);
    const unfrozen: string[] = [];
    const seen = new Set<object>();
    const walk = (x: unknown, path: string) => {
      if (typeof x !== "object" || x === null || seen.has(x)) return;
      seen.add(x);
      // Anchors are the one thing a later parse changes: the line a declaration's ranges count from.
      if (!Object.isFrozen(x)) {
        if (path.endsWith(".anchor")) expect(Object.keys(x)).toEqual(["line"]);
        else unfrozen.push(path);
      }
      if (x instanceof Map) for (const [k, v] of x) walk(k, `${path}.key`), walk(v, `${path}[${String(k)}]`);
      for (const [k, v] of Object.entries(x)) walk(v, `${path}.${k}`);
    };
    examples.forEach((e, i) => walk(e, `example${i}`));
    walk(a, "a");
    // The walk reached the bulk of each analysis: every task of every document, schedule
    // row and reference, and the bookings (a check by kind, since shared objects are seen once).
    for (const e of [...examples, a]) {
      for (const doc of e.documents.values()) for (const t of doc.tasks) expect(seen.has(t)).toBe(true);
      for (const row of e.schedule.tasks) expect(seen.has(row)).toBe(true);
      // Bookings are columns behind a frozen class whose only public field is their count.
      expect(seen.has(e.schedule.bookings)).toBe(true);
      expect(Object.keys(e.schedule.bookings)).toEqual(["length"]);
      for (const r of e.symbols.references) expect(seen.has(r)).toBe(true);
    }
    expect(examples.reduce((n, e) => n + e.schedule.bookings.length, 0)).toBeGreaterThan(100);
    expect(unfrozen.slice(0, 5)).toEqual([]);
  });

  it("reuses the parse of a document whose text has not changed, and gives what a fresh analysis gives", () => {
    const files: Record<string, string> = {
      "/ws/main.plan": `import "team.plan"\nproject "P" { start 2027-01-04 }\ntask t "T" { effort 2d  assign dev }`,
      "/ws/team.plan": `resource dev "Dev" { rate 100/h }\nresource qa "QA" { rate 8O/h }`,
    };
    const host = { read: (u: string) => files[u], workspaceRoot: "/ws" };
    const parses = new ParseCache();
    const first = analyze("/ws/main.plan", host, { parses });
    expect(parses.parsed).toBe(2);

    files["/ws/main.plan"] = files["/ws/main.plan"]!.replace("2d", "3d");
    const second = analyze("/ws/main.plan", host, { parses });
    expect(parses.parsed).toBe(3); // the edited plan only
    expect(second.documents.get("/ws/team.plan")).toBe(first.documents.get("/ws/team.plan"));
    expect(second.documents.get("/ws/main.plan")).not.toBe(first.documents.get("/ws/main.plan"));
    // The reused parse's diagnostics are reported again (the rate typed with a letter O).
    const fresh = analyze("/ws/main.plan", host);
    const whole = (a: typeof fresh) => JSON.stringify({ ...a, documents: [...a.documents] });
    expect(whole(second)).toBe(whole(fresh));
    expect(second.diagnostics.map((d) => d.uri)).toContain("/ws/team.plan");
    expect(second.schedule.cost).toBe(2400_00);

    // A change to the imported file is parsed; a document no analysis reads is dropped.
    files["/ws/team.plan"] = files["/ws/team.plan"]!.replace("8O", "80");
    analyze("/ws/main.plan", host, { parses });
    expect(parses.parsed).toBe(4);
    parses.keepOnly(new Set(["/ws/main.plan"]));
    analyze("/ws/main.plan", host, { parses });
    expect(parses.parsed).toBe(5);
  });

  it("schedules from `today` when the project has no start", () => {
    const b = analyzeText(`project "P" { }\ntask t "T" { duration 1d }`, {}, { today: dayOf(2027, 3, 1)! });
    expect(codes(b)).toEqual(["GANTRY310 1:1"]);
    expect(b.schedule.tasks[0]!.start).toBe(dayOf(2027, 3, 1)! * 1440 + 8 * 60);
  });

  it("levels on request whatever the plan says", () => {
    const text = `project "P" { start 2027-01-04 }
resource sam "Sam" { rate 100/h }
task x "X" { duration 2d  assign sam }
task y "Y" { duration 2d  assign sam }`;
    const off = analyzeText(text);
    const on = analyzeText(text, {}, { level: "on" });
    expect(off.diagnostics.map((d) => d.code)).toEqual(["GANTRY402"]);
    expect([off.schedule.leveled, on.schedule.leveled]).toEqual([false, true]);
    expect(on.diagnostics).toEqual([]);
    expect(on.schedule.finish - on.schedule.start).toBeGreaterThan(off.schedule.finish - off.schedule.start);
  });
});
