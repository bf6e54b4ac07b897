// Name resolution: scoping, dotted paths, the unique-name fallback, ambiguity, unknown
// names with suggestions, duplicates, and the symbol table the language server uses.
import { describe, expect, it } from "vitest";
import { resolve, type Resolution } from "../../core/resolve";
import { parse } from "../../grammar/index";
import { analyzeText, codes, MAIN, taskIndex } from "./helpers";

const WBS = `project "P" { start 2027-01-04 }
task api "Top-level API" { duration 1d }
task build "Build" {
  task api "API" { duration 2d }
  task data "Data" {
    task schema "Schema" { duration 1d  after api }
    task load "Load" { duration 1d  after schema }
  }
  task ui "UI" { duration 1d  after data.schema }
}
task ship "Ship" { duration 1d  after build.api, load }
`;

describe("task names", () => {
  const a = analyzeText(WBS);
  const predsOf = (id: string) => a.plan.tasks[taskIndex(a, id)]!.deps.map((d) => a.plan.tasks[d.from]!.id);

  it("assigns dotted ids and outline numbers in pre-order", () => {
    expect(a.plan.tasks.map((t) => `${t.wbs} ${t.id}`)).toEqual([
      "1 api",
      "2 build",
      "2.1 build.api",
      "2.2 build.data",
      "2.2.1 build.data.schema",
      "2.2.2 build.data.load",
      "2.3 build.ui",
      "3 ship",
    ]);
    expect(codes(a)).toEqual([]);
  });

  it("looks up siblings first, then the enclosing phases' siblings", () => {
    // From inside build.data, `api` is build.api (the parent's sibling), not the top-level api.
    expect(predsOf("build.data.schema")).toEqual(["build.api"]);
    expect(predsOf("build.data.load")).toEqual(["build.data.schema"]);
  });

  it("resolves a dotted path from its first segment, and a unique name from anywhere", () => {
    expect(predsOf("build.ui")).toEqual(["build.data.schema"]);
    expect(predsOf("ship")).toEqual(["build.api", "build.data.load"]);
  });

  it("records every definition and reference with segment ranges", () => {
    const ref = a.symbols.references.find((r) => r.kind === "task" && r.segments.map((s) => s.text).join(".") === "data.schema")!;
    expect(ref.target?.id).toBe("build.data.schema");
    expect(ref.segments.map((s) => [s.text, s.range.start.line, s.range.start.col, s.range.end.col])).toEqual([
      ["data", 8, 36, 40],
      ["schema", 8, 41, 47],
    ]);
    const def = a.symbols.definitions.find((d) => d.id === "build.data.schema")!;
    expect([def.localId, def.index, def.range.start.line, def.range.start.col]).toEqual(["schema", 4, 5, 9]);
    expect(def.fullRange.end.line).toBe(5);
    expect(a.symbols.definitions.filter((d) => d.kind === "task")).toHaveLength(8);
  });
});

describe("unknown and ambiguous names", () => {
  it("suggests the nearest task and offers replacements", () => {
    const a = analyzeText(`project "P" { start 2027-01-04 }
task design "Design" { duration 1d }
task build "Build" { duration 1d  after desgin }`);
    expect(codes(a)).toEqual(["GANTRY201 3:41"]);
    expect(a.diagnostics[0]!.message).toContain("Did you mean `design`?");
    expect(a.diagnostics[0]!.fix).toEqual({ kind: "replace", candidates: ["design"] });
    expect(a.plan.tasks[1]!.deps).toEqual([]);
    expect(a.symbols.references.find((r) => r.kind === "task")!.target).toBeUndefined();
  });

  it("names the phase when a dotted path goes wrong", () => {
    const a = analyzeText(`project "P" { start 2027-01-04 }
task build "Build" { task api "API" { duration 1d } }
task ship "Ship" { duration 1d  after build.apx }`);
    expect(codes(a)).toEqual(["GANTRY201 3:39"]);
    expect(a.diagnostics[0]!.message).toContain("the phase `build` has no task `apx`");
    expect(a.diagnostics[0]!.fix).toEqual({ kind: "replace", candidates: ["build.api"] });
  });

  it("lists every task an ambiguous name could mean", () => {
    const a = analyzeText(`project "P" { start 2027-01-04 }
task web "Web" { task qa "QA" { duration 1d } }
task app "App" { task qa "QA" { duration 1d } }
task ship "Ship" { duration 1d  after qa }`);
    expect(codes(a)).toEqual(["GANTRY204 4:39"]);
    expect(a.diagnostics[0]!.fix).toEqual({ kind: "replace", candidates: ["web.qa", "app.qa"] });
    expect(a.diagnostics[0]!.related?.map((r) => r.range.start.line)).toEqual([1, 2]);
  });

  it("names the nearest few of the many tasks an ambiguous name could mean", () => {
    // Seven tasks named `qa`, and a top-level task that uses the plain name.
    const phase = (id: string, inner: string) => `task ${id} "${id}" { ${inner} }`;
    const qa = `task qa "QA" { duration 1d }`;
    const a = analyzeText(`project "P" { start 2027-01-04 }
${phase("a", `${phase("x", qa)} ${phase("y", qa)}`)}
${phase("b", `${phase("x", qa)} ${phase("y", phase("deep", qa))} ${phase("z", qa)}`)}
${phase("c", `${phase("x", qa)} ${phase("y", qa)}`)}
task end "End" { duration 1d  after qa }`);
    expect(codes(a)).toEqual(["GANTRY204 5:37"]);
    const [d] = a.diagnostics;
    // From the top level every `qa` is as near: the first five in plan order.
    expect(d!.fix).toEqual({ kind: "replace", candidates: ["a.x.qa", "a.y.qa", "b.x.qa", "b.y.deep.qa", "b.z.qa"] });
    expect(d!.message).toBe(
      "The name `qa` is ambiguous: it names 7 tasks, the nearest of them `a.x.qa`, `a.y.qa`, `b.x.qa`, `b.y.deep.qa`, `b.z.qa`. Write the full dotted path of the one you mean.",
    );
    expect(d!.related?.map((r) => r.message)).toEqual(["`a.x.qa`", "`a.y.qa`", "`b.x.qa`", "`b.y.deep.qa`", "`b.z.qa`"]);
  });

  it("lists the tasks an ambiguous name could mean nearest first to where it is used", () => {
    const a = analyzeText(`project "P" { start 2027-01-04 }
task a "A" { task x "X" { task qa "QA" { duration 1d } } }
task b "B" {
  task x "X" { task qa "QA" { duration 1d } }
  task y "Y" { task deep "Deep" { task qa "QA" { duration 1d } }  task ship "Ship" { duration 1d  after qa } }
}`);
    const [d] = a.diagnostics.filter((x) => x.code === "GANTRY204");
    // Sharing `b.y`, then `b`, then nothing.
    expect(d!.fix).toEqual({ kind: "replace", candidates: ["b.y.deep.qa", "b.x.qa", "a.x.qa"] });
    expect(d!.message).toBe("The name `qa` is ambiguous: it names `b.y.deep.qa`, `b.x.qa`, `a.x.qa`. Write the full dotted path of the one you mean.");
  });

  it("reports unknown resources and calendars with suggestions", () => {
    const a = analyzeText(`project "P" { start 2027-01-04  calendar ofice }
calendar office { workweek mon-fri  hours 09:00-17:00 }
resource dana "Dana" { rate 100/h }
task t "T" { effort 1d  assign dnaa }`);
    expect(codes(a)).toEqual(["GANTRY203 1:42", "GANTRY202 4:32"]);
    expect(a.diagnostics.map((d) => d.fix)).toEqual([
      { kind: "replace", candidates: ["office"] },
      { kind: "replace", candidates: ["dana"] },
    ]);
  });

  it("reports duplicates at the second definition, pointing at the first", () => {
    const a = analyzeText(`project "P" { start 2027-01-04 }
calendar c { hours 09:00-17:00 }
calendar c { hours 08:00-16:00 }
task t "T" { duration 1d }
task p "P" { task t "Inner t is fine" { duration 1d } }
task t "T again" { duration 2d }`);
    expect(codes(a)).toEqual(["GANTRY205 3:10", "GANTRY205 6:6"]);
    expect(a.diagnostics[1]!.related?.[0]?.range.start.line).toBe(3);
    expect(a.plan.tasks.map((t) => t.id)).toEqual(["t", "p", "p.t"]);
    expect(a.plan.calendars).toHaveLength(1);
  });
});

describe("imports share the flat namespaces", () => {
  it("resolves resources, calendars and tasks defined in imported files", () => {
    const a = analyzeText(
      `import "lib/team.plan"
project "P" { start 2027-01-04  calendar office }
task t "T" { effort 1d  assign dev  after setup }`,
      {
        "/ws/lib/team.plan": `import "more.plan"\nresource dev "Dev" { rate 10/h  calendar office }\ntask setup "Setup" { duration 1d }`,
        "/ws/lib/more.plan": `calendar office { workweek mon-thu  hours 08:00-12:00 }`,
      },
    );
    expect(codes(a)).toEqual([]);
    expect(a.imports).toEqual(["/ws/lib/team.plan", "/ws/lib/more.plan"]);
    expect(a.plan.project.calendar.id).toBe("office");
    expect(a.plan.tasks.map((t) => t.id)).toEqual(["t", "setup"]);
    const def = a.symbols.definitions.find((d) => d.id === "office")!;
    expect(def.uri).toBe("/ws/lib/more.plan");
  });
});

describe("resolving again after an edit", () => {
  const PLAN = `project "P" { start 2027-01-04 }
resource dev "Dev" { rate 100/h }
task a "A" { task x "X" { duration 1d  assign dev } task y "Y" { duration 1d  after x } }
task b "B" { duration 2d  after a.y }
task c "C" { duration 1d  after b, y }
`;
  /** The text before and after an edit, resolved: from scratch, and given the resolution before. */
  function edited(after: string, before = PLAN) {
    const first = parse(before, MAIN);
    const then = parse(after, MAIN, { text: before, result: first });
    const old = resolve([{ uri: MAIN, document: first.document }]);
    const docs = [{ uri: MAIN, document: then.document }];
    return { old, again: resolve(docs, old), fresh: resolve(docs) };
  }
  /** Everything a resolution says, as text (AST nodes by their range). */
  const said = (r: Resolution) =>
    JSON.stringify({ ...r, refs: [...r.refs.values()], layout: { ...r.layout, childrenNamed: r.layout.childrenNamed.map((m) => m && [...m]) } }, (key, v: unknown) =>
      key === "node" ? (v as { range: unknown }).range : v instanceof Int32Array ? [...v] : v,
    );

  it("keeps the entries and definitions of the top-level tasks before the edit", () => {
    const { old, again, fresh } = edited(PLAN.replace(`task c "C" { duration 1d`, `task c "C" { duration 3d`));
    expect(said(again)).toBe(said(fresh));
    // `a` with its two subtasks, and `b`: the same objects.
    for (let k = 0; k < 4; k++) {
      expect(again.tasks[k]).toBe(old.tasks[k]);
      expect(again.symbols.definitions[again.layout.definitionOf[k]!]).toBe(old.symbols.definitions[old.layout.definitionOf[k]!]);
    }
    expect(again.tasks[4]).not.toBe(old.tasks[4]);
    expect(again.symbols.definitions.find((d) => d.id === "dev")).toBe(old.symbols.definitions.find((d) => d.id === "dev"));
    // Their references too (resolved again, to the same definitions); `c`'s are made again.
    const refsOf = (r: Resolution, k: number) => r.symbols.references.slice(r.layout.referenceStart[k], r.layout.referenceStart[k + 1]);
    for (let k = 0; k < 4; k++) refsOf(again, k).forEach((ref, j) => expect(ref).toBe(refsOf(old, k)[j]));
    expect(refsOf(again, 4)[0]).not.toBe(refsOf(old, 4)[0]);
  });

  it("resolves the references of the tasks it keeps again: a name they use may be gone", () => {
    const base = `project "P" { start 2027-01-04 }
task a "A" { duration 1d  after c }
task c "C" { duration 1d }
`;
    const { old, again, fresh } = edited(base.replace(`task c "C"`, `task e "C"`), base);
    expect(said(again)).toBe(said(fresh));
    expect(again.tasks[0]).toBe(old.tasks[0]);
    expect(old.symbols.references[old.layout.referenceStart[0]!]!.target?.id).toBe("c");
    expect(again.symbols.references[again.layout.referenceStart[0]!]!.target).toBeUndefined();
  });

  it("keeps nothing of tasks after an edit in the first one, and resolves as from scratch", () => {
    const { old, again, fresh } = edited(PLAN.replace(`task x "X"`, `task z "X"`));
    expect(said(again)).toBe(said(fresh));
    expect(again.tasks[0]).not.toBe(old.tasks[0]);
    expect(codes(analyzeText(PLAN.replace(`task x "X"`, `task z "X"`)))).toEqual(["GANTRY201 3:85"]);
  });

  it("makes a resource's definition again when the resource changed", () => {
    const { old, again, fresh } = edited(PLAN.replace(`resource dev "Dev"`, `resource devs "Dev"`));
    expect(said(again)).toBe(said(fresh));
    expect(again.symbols.definitions.find((d) => d.kind === "resource")!.id).toBe("devs");
    expect(again.symbols.definitions.find((d) => d.kind === "resource")).not.toBe(old.symbols.definitions.find((d) => d.kind === "resource"));
  });
});
