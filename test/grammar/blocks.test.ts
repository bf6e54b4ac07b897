// A block left open: indentation tells where it ends, so the declarations after it keep
// their place in the plan and the error points at the line that lacks the `}`.
import { describe, expect, it } from "vitest";
import type * as ast from "../../core/ast";
import { analyze } from "../../core/analysis";
import { parse } from "../../grammar";

const at = (r: ast.Range) => `${r.start.line}:${r.start.col}-${r.end.line}:${r.end.col}`;
const tree = (tasks: ast.Task[]): string => tasks.map((t) => (t.children.length ? `${t.id?.text}(${tree(t.children)})` : t.id?.text)).join(" ");

function check(text: string) {
  const { document, diagnostics } = parse(text, "file:///t.plan");
  return { tree: tree(document.tasks), diagnostics: diagnostics.map((d) => `${d.code} ${at(d.range)} ${d.message}`) };
}

describe("a block left open", () => {
  it("ends before the next declaration at its own indentation", () => {
    const text = `project "P" { start 2027-01-04 }
task a "A" {
  duration 2d
task b "B" { duration 1d  after a }
task c "C" { duration 1d  after b }
`;
    expect(check(text)).toEqual({
      tree: "a b c",
      diagnostics: ["GANTRY101 2:11-2:13 task `a` opened on line 2 is not closed: add `}` after this line (`task` on line 4 is not indented inside it)"],
    });
    // The rest of the plan schedules as written: no phase, no link into a phase.
    const a = analyze("/ws/t.plan", { read: () => text, workspaceRoot: "/ws" });
    expect(a.diagnostics.map((d) => d.code)).toEqual(["GANTRY101"]);
    expect(a.plan.tasks.map((t) => `${t.id} ${t.summary ? "phase" : "task"}`)).toEqual(["a task", "b task", "c task"]);
    const finish = (id: string) => a.schedule.tasks[a.plan.tasks.findIndex((t) => t.id === id)]!.finish;
    expect(finish("c")).toBeGreaterThan(finish("b"));
  });

  it("closes an inner block at a sibling's indentation", () => {
    const text = `task p "P" {
  task a "A" {
    duration 2d
  task b "B" { duration 1d }
}
task c "C" { duration 1d }
`;
    expect(check(text)).toEqual({
      tree: "p(a b) c",
      diagnostics: ["GANTRY101 2:13-2:15 task `a` opened on line 2 is not closed: add `}` after this line (`task` on line 4 is not indented inside it)"],
    });
  });

  it("closes an inner block when a `}` left of it closes the outer one", () => {
    const text = `task p "P" {
  task a "A" {
    duration 2d
}
resource r "R" { rate 10/h }
`;
    expect(check(text)).toEqual({
      tree: "p(a)",
      diagnostics: ["GANTRY101 2:13-2:15 task `a` opened on line 2 is not closed: add `}` after this line (the `}` on line 4 is not indented inside it)"],
    });
  });

  it("leaves a balanced file alone, however it is indented", () => {
    expect(check(`task a "A" {\ntask b "B" { duration 1d }\n}\n`)).toEqual({ tree: "a(b)", diagnostics: [] });
  });

  it("closes only as many blocks as the file lacks", () => {
    // One `}` is missing (the last task's); the unindented child above keeps its parent.
    const text = `task a "A" {
task b "B" { duration 1d }
}
task c "C" {
  duration 1d
`;
    expect(check(text)).toEqual({
      tree: "a(b) c",
      diagnostics: ["GANTRY101 4:11-4:13 expected `}` to close task `c` opened on line 4"],
    });
  });
});
