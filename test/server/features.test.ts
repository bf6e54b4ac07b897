// Data-driven LSP feature tests over a real stdio connection. Each fixture under
// fixtures/ names its requests on its first line (`# lsp: hover, rename=newId`) and marks
// the cursor with `<|>`; the answers are compared with `<name>.expected.json` beside it
// (rewritten only when GANTRY_UPDATE=1).
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyEdits, ROOT, TestClient } from "./client";

const FIXTURES = join(ROOT, "test/server/fixtures");
const BASE = pathToFileURL(FIXTURES).href + "/";
const UPDATE = process.env["GANTRY_UPDATE"] === "1";

/** Fixture URIs made relative, so expectations do not depend on the checkout path. */
function relative(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value ?? null).split(BASE).join(""));
}

interface Completion {
  label: string;
  detail?: string;
  sortText?: string;
  textEdit?: { newText: string };
}

interface Range {
  start: { line: number; character: number };
  end: { line: number; character: number };
}
interface Location {
  uri: string;
  range: Range;
}

/** `file.plan:3:5-10` (zero-based line and columns, as LSP counts). */
function where(l: Location | null): string | null {
  return l && `${l.uri}:${l.range.start.line}:${l.range.start.character}-${l.range.end.character}`;
}


async function run(client: TestClient, uri: string, text: string, op: string, arg: string | undefined, position: { line: number; character: number }): Promise<unknown> {
  const at = { textDocument: { uri }, position };
  switch (op) {
    case "completion": {
      const list = await client.request<{ items: Completion[] }>("textDocument/completion", at);
      for (const i of list.items) expect(i.detail, i.label).toBeTruthy();
      return list.items
        .sort((a, b) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label))
        .map((i) => `${i.label} — ${i.detail}${i.textEdit && i.textEdit.newText !== i.label ? ` ⇒ ${JSON.stringify(i.textEdit.newText)}` : ""}`);
    }
    case "hover": {
      const h = await client.request<{ contents: { value: string } } | null>("textDocument/hover", at);
      return h?.contents.value ?? null;
    }
    case "definition":
      return where(await client.request<Location>("textDocument/definition", at));
    case "references":
      return (await client.request<Location[]>("textDocument/references", { ...at, context: { includeDeclaration: true } })).map(where);
    case "prepareRename":
      return client.request<{ range: Range; placeholder: string }>("textDocument/prepareRename", at).then(
        (r) => `${where({ uri, range: r.range })} ${r.placeholder}`,
        (e: Error) => ({ error: e.message }),
      );
    case "rename": {
      // The renamed texts of every file touched.
      const edit = await client.request<{ changes: Record<string, { range: Range; newText: string }[]> }>("textDocument/rename", { ...at, newName: arg });
      return Object.fromEntries(Object.entries(edit.changes).map(([u, edits]) => [u, applyEdits(u === uri ? text : readFileSync(fileURLToPath(u), "utf8"), edits).split("\n")]));
    }
    default:
      throw new Error(`unknown op ${op}`);
  }
}

const fixtures = readdirSync(FIXTURES).filter((f) => f.endsWith(".plan"));

describe("LSP features (fixtures)", () => {
  let client: TestClient;
  beforeAll(async () => {
    execFileSync("npm", ["run", "build"], { cwd: ROOT, stdio: "ignore" });
    client = await TestClient.start({ rootUri: pathToFileURL(FIXTURES).href });
  });
  afterAll(() => client?.stop());

  it.each(fixtures)("%s", async (name) => {
    const raw = readFileSync(join(FIXTURES, name), "utf8");
    const ops = /^# lsp: (.+)$/m.exec(raw)![1]!.split(",").map((s) => s.trim().split("="));
    const offset = raw.indexOf("<|>");
    const text = raw.replace("<|>", "");
    const before = text.slice(0, offset);
    const position = { line: before.split("\n").length - 1, character: offset - (before.lastIndexOf("\n") + 1) };
    const uri = BASE + name;
    await client.open(uri, text);
    const actual: Record<string, unknown> = {};
    for (const [op, arg] of ops) actual[arg ? `${op}=${arg}` : op!] = relative(await run(client, uri, text, op!, arg, position));
    await client.close(uri);

    const expectedFile = join(FIXTURES, name.replace(/\.plan$/, ".expected.json"));
    if (UPDATE) writeFileSync(expectedFile, JSON.stringify(actual, null, 2) + "\n");
    expect(existsSync(expectedFile), `${expectedFile} is missing: run with GANTRY_UPDATE=1`).toBe(true);
    expect(actual).toEqual(JSON.parse(readFileSync(expectedFile, "utf8")));
  });
});

describe("task names from several places in one plan", () => {
  let client: TestClient;
  beforeAll(async () => {
    execFileSync("npm", ["run", "build"], { cwd: ROOT, stdio: "ignore" });
    client = await TestClient.start();
  });
  afterAll(() => client?.stop());

  it("offers each place its own names, nearest first, in turn and again", async () => {
    const lines = [
      'project "P" { start 2027-01-04 }',
      'task build "Build" {',
      '  task api "API" { duration 2d }',
      '  task ui "UI" { duration 2d  after  }',
      "}",
      'task docs "Docs" { duration 1d  after  }',
      'task ship "Ship" { duration 1d  after build. }',
    ];
    const uri = "file:///scopes/plan.plan";
    await client.open(uri, lines.join("\n"));
    const labels = async (line: number, character = lines[line]!.lastIndexOf(" }")) => {
      const list = await client.request<{ items: Completion[] }>("textDocument/completion", { textDocument: { uri }, position: { line, character } });
      return list.items.filter((i) => i.sortText?.startsWith("1")).sort((a, b) => a.sortText!.localeCompare(b.sortText!)).map((i) => i.label);
    };
    const inUi = ["api", "docs", "ship"]; // not build, which holds ui
    const inDocs = ["build", "build.api", "build.ui", "ship"];
    const afterBuild = ["api", "ui"];
    const inShip = ["build", "build.api", "build.ui", "docs"];
    for (let round = 0; round < 2; round++) {
      expect(await labels(3)).toEqual(inUi);
      expect(await labels(5)).toEqual(inDocs);
      expect(await labels(6)).toEqual(afterBuild);
      expect(await labels(6, lines[6]!.indexOf("build."))).toEqual(inShip);
    }
  });
});
