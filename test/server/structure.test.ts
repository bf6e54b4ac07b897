// Outline, folding, selection, semantic tokens, inlay hints, code lenses, workspace
// symbols, formatting and code actions, over a real stdio connection.
import { execFileSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyEdits, ROOT, TestClient } from "./client";

const PLAN = `project "Site" { start 2027-01-04  currency EUR }
# People
# and their rates
resource pm "Dana" { rate 100/h }
task build "Build" {
  budget 5000
  task code "Code" { duration 3d  assign pm }
  task test "Test" { duration 2d  assign pm  after code }
}
milestone live "Live" { after build }
`;

interface Range {
  start: { line: number; character: number };
  end: { line: number; character: number };
}
interface Edit {
  range: Range;
  newText: string;
}
interface Action {
  title: string;
  kind: string;
  edit: { changes: Record<string, Edit[]> };
}

let client: TestClient;
let n = 0;
/** Opens `text` under a fresh URI and waits for its diagnostics. */
async function open(text: string): Promise<string> {
  const uri = `file:///structure/plan${++n}.plan`;
  await client.open(uri, text);
  return uri;
}

beforeAll(async () => {
  execFileSync("npm", ["run", "build"], { cwd: ROOT, stdio: "ignore" });
  client = await TestClient.start({ configuration: { "gantry.inlayHints.enabled": true } });
});
afterAll(() => client?.stop());

describe("structure", () => {
  it("outlines the WBS as document symbols", async () => {
    const uri = await open(PLAN);
    type Sym = { name: string; detail: string; children?: Sym[] };
    const symbols = await client.request<Sym[]>("textDocument/documentSymbol", { textDocument: { uri } });
    const flat = (s: Sym): unknown => (s.children ? [s.name, s.detail, s.children.map(flat)] : [s.name, s.detail]);
    expect(symbols.map(flat)).toEqual([
      ["Site", "project"],
      ["pm", "Dana"],
      ["build", "1 Build · 2027-01-04 → 2027-01-08", [["code", "1.1 Code · 2027-01-04 → 2027-01-06"], ["test", "1.2 Test · 2027-01-07 → 2027-01-08"]]],
      ["live", "2 Live · 2027-01-08 → 2027-01-08"],
    ]);
  });

  // The server keeps a task's symbol while its node, model, schedule and line are the same:
  // after each kind of edit, the outline must be the one a fresh open of the text gives.
  it("outlines an edited plan as it outlines the same text opened afresh", async () => {
    const uri = await open(PLAN);
    const outline = (u: string) => client.request<unknown[]>("textDocument/documentSymbol", { textDocument: { uri: u } });
    await outline(uri);
    let text = PLAN;
    const edits: [string, string][] = [
      ['"Code"', '"Coding"'], // a name: the schedule is kept
      ["# People\n", "# People\n\n"], // a line above the tasks: every one moves down
      ["duration 3d", "duration 5d"], // a length: dates move
      ["task test", "task check"], // an id: the outline's names and the paths
    ];
    for (const [from, to] of edits) {
      const at = text.indexOf(from);
      const before = text.slice(0, at).split("\n");
      const start = { line: before.length - 1, character: before[before.length - 1]!.length };
      const fromLines = from.split("\n");
      const end = fromLines.length === 1 ? { line: start.line, character: start.character + from.length } : { line: start.line + fromLines.length - 1, character: fromLines[fromLines.length - 1]!.length };
      text = text.slice(0, at) + to + text.slice(at + from.length);
      await client.diagnosticsFor(uri, await client.change(uri, [{ range: { start, end }, text: to }]));
      expect(await outline(uri)).toEqual(await outline(await open(text)));
    }
  });

  it("folds blocks and comment runs", async () => {
    const uri = await open(PLAN);
    const folds = await client.request<{ startLine: number; endLine: number; kind?: string }[]>("textDocument/foldingRange", { textDocument: { uri } });
    expect(folds).toEqual([{ startLine: 4, endLine: 8 }, { startLine: 1, endLine: 2, kind: "comment" }]);
  });

  it("expands the selection from a name to its clause, its task, its phase and the file", async () => {
    const uri = await open(PLAN);
    type Sel = { range: Range; parent?: Sel };
    const [sel] = await client.request<Sel[]>("textDocument/selectionRange", { textDocument: { uri }, positions: [{ line: 7, character: 52 }] });
    const chain: string[] = [];
    for (let s: Sel | undefined = sel; s; s = s.parent) chain.push(`${s.range.start.line}:${s.range.start.character}-${s.range.end.line}:${s.range.end.character}`);
    expect(chain[0]).toBe("7:51-7:55"); // `code`
    expect(chain[1]).toBe("7:45-7:55"); // its clause, `after code`
    expect(chain).toContain("7:2-7:57"); // task test
    expect(chain).toContain("4:0-8:1"); // phase build
    expect(chain[chain.length - 1]).toBe("0:0-10:0"); // the file
  });

  describe("semantic tokens", () => {
    const COLOURED = 'project "S" { start 2027-01-04 }  # c\nresource pm "D" { rate 100/h }\ntask a "A" { effort 2d  assign pm }\n';
    const LEGEND = ["function", "variable", "type", "event", "string", "number", "comment"];
    /** LSP's relative encoding as `line:column:length class` strings. */
    const decode = (data: number[]): string[] => {
      const tokens: string[] = [];
      let line = 0;
      let col = 0;
      for (let i = 0; i < data.length; i += 5) {
        line += data[i]!;
        col = data[i]! === 0 ? col + data[i + 1]! : data[i + 1]!;
        tokens.push(`${line}:${col}:${data[i + 2]} ${LEGEND[data[i + 3]!]}${data[i + 4]! & 1 ? "+decl" : ""}${data[i + 4]! & 2 ? "+date" : ""}`);
      }
      return tokens;
    };
    type Tokens = { resultId: string; data: number[] };
    type Delta = { resultId: string; edits: { start: number; deleteCount: number; data: number[] }[] };
    const full = (uri: string) => client.request<Tokens>("textDocument/semanticTokens/full", { textDocument: { uri } });
    const delta = (uri: string, previousResultId: string) => client.request<Tokens | Delta>("textDocument/semanticTokens/full/delta", { textDocument: { uri }, previousResultId });

    it("colours ids (definitions and references), strings, numbers, dates and comments; not keywords, which the grammar colours", async () => {
      const uri = await open(COLOURED);
      expect(decode((await full(uri)).data)).toEqual([
        "0:8:3 string", "0:20:10 number+date", "0:34:3 comment",
        "1:9:2 variable+decl", "1:12:3 string", "1:23:5 number",
        "2:5:1 function+decl", "2:7:3 string", "2:20:2 number", "2:31:2 variable",
      ]);
    });

    it("colours a range of lines as the whole document colours them", async () => {
      const uri = await open(COLOURED);
      const { data } = await client.request<{ data: number[] }>("textDocument/semanticTokens/range", {
        textDocument: { uri },
        range: { start: { line: 1, character: 0 }, end: { line: 1, character: 30 } },
      });
      expect(decode(data)).toEqual(["1:9:2 variable+decl", "1:12:3 string", "1:23:5 number"]);
    });

    it("answers after an edit with the difference from the tokens sent last", async () => {
      const uri = await open(COLOURED);
      const before = await full(uri);
      // `pm` becomes `pmo` at its definition: that token grows, and the next one starts a column later.
      const v = await client.change(uri, [{ range: { start: { line: 1, character: 11 }, end: { line: 1, character: 11 } }, text: "o" }]);
      await client.diagnosticsFor(uri, v);
      const answer = await delta(uri, before.resultId);
      expect(answer.resultId).not.toBe(before.resultId);
      // The definition's length (its token is the 4th, of five numbers each) and the string's column after it.
      expect("edits" in answer && answer.edits).toEqual([{ start: 17, deleteCount: 1, data: [3] }, { start: 21, deleteCount: 1, data: [4] }]);
      const edited = [...before.data];
      for (const e of (answer as Delta).edits) edited.splice(e.start, e.deleteCount, ...e.data);
      const after = await full(uri);
      expect(edited).toEqual(after.data);
      expect(decode(after.data).slice(3, 5)).toEqual(["1:9:3 variable+decl", "1:13:3 string"]);
      // Nothing changed since: no edits.
      expect(await delta(uri, after.resultId)).toEqual({ resultId: expect.any(String), edits: [] });
      // Asked against tokens it did not send last, the server sends them whole.
      expect(await delta(uri, before.resultId)).toEqual({ resultId: expect.any(String), data: after.data });
    });
  });

  it("shows start → finish after each task line, and phase lenses", async () => {
    const uri = await open(PLAN);
    const hints = await client.request<{ position: { line: number; character: number }; label: string }[]>("textDocument/inlayHint", {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 10, character: 0 } },
    });
    expect(hints.map((h) => `${h.position.line}:${h.position.character} ${h.label}`)).toEqual([
      "4:20 2027-01-04 → 2027-01-08",
      "6:45 2027-01-04 → 2027-01-06",
      "7:57 2027-01-07 → 2027-01-08",
      "9:37 ◆ 2027-01-08",
    ]);
    const lenses = await client.request<{ range: Range; command: { title: string } }[]>("textDocument/codeLens", { textDocument: { uri } });
    expect(lenses.map((l) => `${l.range.start.line} ${l.command.title}`)).toEqual(["4 2027-01-04 → 2027-01-08 (5d)  ·  cost 4,000 EUR of 5,000 EUR  ·  slack 0h · critical"]);
  });

  it("turns inlay hints off and on with gantry.inlayHints.enabled", async () => {
    const uri = await open(PLAN);
    const hints = () => client.request<unknown[]>("textDocument/inlayHint", { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 10, character: 0 } } });
    await client.connection.sendNotification("workspace/didChangeConfiguration", { settings: { gantry: { inlayHints: { enabled: false } } } });
    expect(await hints()).toEqual([]);
    await client.connection.sendNotification("workspace/didChangeConfiguration", { settings: { gantry: { inlayHints: { enabled: true } } } });
    expect((await hints()).length).toBe(4);
  });

  it("finds workspace symbols by a fuzzy query", async () => {
    await open(PLAN);
    const found = await client.request<{ name: string; kind: number }[]>("workspace/symbol", { query: "bte" });
    expect(found.map((s) => s.name)).toContain("build.test");
  });

  it("formats a document and a range", async () => {
    const text = 'task  a "A"  {duration 2d}\ntask   b "B" { duration 1d }\n';
    const uri = await open(text);
    const whole = await client.request<Edit[]>("textDocument/formatting", { textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } });
    expect(applyEdits(text, whole)).toBe('task a "A" { duration 2d }\ntask b "B" { duration 1d }\n');
    const range = await client.request<Edit[]>("textDocument/rangeFormatting", {
      textDocument: { uri },
      range: { start: { line: 1, character: 0 }, end: { line: 1, character: 5 } },
      options: { tabSize: 2, insertSpaces: true },
    });
    expect(applyEdits(text, range)).toBe('task  a "A"  {duration 2d}\ntask b "B" { duration 1d }\n');
  });
});

describe("code actions", () => {
  const actionsAt = async (text: string, range: Range) => {
    const uri = await open(text);
    const actions = await client.request<Action[]>("textDocument/codeAction", { textDocument: { uri }, range, context: { diagnostics: [] } });
    return { uri, actions, apply: (a: Action) => applyEdits(text, a.edit.changes[uri]!) };
  };
  const at = (line: number, character: number, endCharacter = character): Range => ({ start: { line, character }, end: { line, character: endCharacter } });

  it("offers did-you-mean replacements for an unknown name", async () => {
    const text = 'project "S" { start 2027-01-04 }\ntask design "D" { duration 2d }\ntask b "B" { duration 1d  after desing }\n';
    const { actions, apply } = await actionsAt(text, at(2, 36));
    const fix = actions.find((a) => a.title === "Change to `design`")!;
    expect(fix.kind).toBe("quickfix");
    expect(apply(fix)).toContain("after design }");
  });

  it("adds a missing unit", async () => {
    const text = 'project "S" { start 2027-01-04 }\ntask a "A" { duration 5 }\n';
    const { actions, apply } = await actionsAt(text, at(1, 22));
    const fix = actions.find((a) => a.title === "Add the unit `d`")!;
    expect(apply(fix)).toBe('project "S" { start 2027-01-04 }\ntask a "A" { duration 5d }\n');
  });

  it("assigns a resource to an effort task with nobody assigned", async () => {
    const text = 'project "S" { start 2027-01-04 }\nresource pm "D" { rate 100/h }\ntask a "A" { effort 5d }\n';
    const { actions, apply } = await actionsAt(text, at(2, 21));
    const fix = actions.find((a) => a.title === "Assign `pm`")!;
    expect(apply(fix)).toBe('project "S" { start 2027-01-04 }\nresource pm "D" { rate 100/h }\ntask a "A" { effort 5d  assign pm }\n');
  });

  it("drops one link of a dependency cycle", async () => {
    const text = 'project "S" { start 2027-01-04 }\ntask a "A" { duration 1d  after c }\ntask b "B" { duration 1d  after a }\ntask c "C" { duration 1d  after x, b }\ntask x "X" { duration 1d }\n';
    const { actions, apply } = await actionsAt(text, { start: { line: 1, character: 0 }, end: { line: 3, character: 40 } });
    const drops = actions.filter((a) => a.title.startsWith("Remove the dependency"));
    expect(drops.length).toBeGreaterThanOrEqual(2);
    const results = drops.map(apply);
    expect(results).toContain('project "S" { start 2027-01-04 }\ntask a "A" { duration 1d }\ntask b "B" { duration 1d  after a }\ntask c "C" { duration 1d  after x, b }\ntask x "X" { duration 1d }\n');
    expect(results).toContain('project "S" { start 2027-01-04 }\ntask a "A" { duration 1d  after c }\ntask b "B" { duration 1d  after a }\ntask c "C" { duration 1d  after x }\ntask x "X" { duration 1d }\n');
  });

  it("converts duration to effort and back with the assignments' total share", async () => {
    const text = 'project "S" { start 2027-01-04 }\nresource pm "D" { rate 100/h }\nresource dev "E" { rate 90/h  units 2 }\ntask a "A" { duration 4d  assign pm, dev 50% }\n';
    const { actions, apply } = await actionsAt(text, at(3, 8));
    const toEffort = actions.find((a) => a.kind === "refactor.rewrite")!;
    expect(toEffort.title).toBe("Convert to effort 6d (total share 150%)");
    const converted = apply(toEffort);
    expect(converted).toContain("{ effort 6d  assign pm, dev 50% }");
    const back = await actionsAt(converted, at(3, 8));
    expect(back.apply(back.actions.find((a) => a.kind === "refactor.rewrite")!)).toBe(text);
  });

  it("extracts selected sibling tasks into a new phase, fixing references to them", async () => {
    const text = 'project "S" { start 2027-01-04 }\ntask build "B" {\n  task a "A" { duration 1d }\n  task b "B" { duration 1d  after a }\n  task c "C" { duration 1d  after b }\n}\ntask ship "S" { duration 1d  after build.b }\n';
    const { actions, apply } = await actionsAt(text, { start: { line: 2, character: 0 }, end: { line: 3, character: 37 } });
    const extract = actions.find((a) => a.kind === "refactor.extract")!;
    expect(extract.title).toBe("Extract 2 tasks into a new phase");
    const result = apply(extract);
    expect(result).toBe(
      'project "S" { start 2027-01-04 }\ntask build "B" {\n  task new_phase "New phase" {\n    task a "A" { duration 1d }\n    task b "B" { duration 1d  after a }\n  }\n  task c "C" { duration 1d  after build.new_phase.b }\n}\ntask ship "S" { duration 1d  after build.new_phase.b }\n',
    );
    // The refactored plan still checks clean.
    const uri = `file:///structure/extracted.plan`;
    expect((await client.open(uri, result)).diagnostics).toEqual([]);
  });
});
