// Language-server latency over the real stdio protocol on a generated 10k-task plan:
// open → first diagnostics (in five fresh servers), keystroke → fresh diagnostics (typing in a task's name, which
// keeps the schedule; retyping a duration's digit, which reschedules; Enter and Backspace,
// which move every line below; typing a new task's line, which breaks the syntax or adds
// a name at most keystrokes), completion, hover, what the editor and the schedule panel
// ask after a keystroke (semantic tokens and the schedule, as differences), peak RSS;
// then the same plan written as 10 files (the main one importing the others), typing in
// the main one: the server parses again only the file that changed.
//   npm run build && node scripts/run-ts.mjs bench/lsp.ts [tasks]
// The debounce is set to 0 so the figures are the server's own work; in the editor the
// default 150 ms debounce comes on top of the keystroke figure.
import { existsSync, readFileSync } from "node:fs";
import { dirname } from "node:path";
import { pathToFileURL } from "node:url";
import { generatePlan, planPath, writePlans, writeSplitPlan } from "./generate";
import { TestClient } from "../test/server/client";

const TASKS = Number(process.argv[2] ?? 10_000);
const ROUNDS = 40;

function stats(xs: number[]) {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
  return { p50: at(0.5), p95: at(0.95), max: s[s.length - 1]! };
}

async function time<T>(f: () => Promise<T>): Promise<[number, T]> {
  const t0 = performance.now();
  const r = await f();
  return [performance.now() - t0, r];
}

function peakRssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmHWM:\s+(\d+) kB/.exec(status)![1]) / 1024;
}

/** A task's declaration with a name: `task id "…`. */
const TASK_LINE = /^\s*task \w+ "/;

/** The first line after line `past` (maybe fractional) that matches `pattern`. */
function lineAfter(lines: string[], past: number, pattern: RegExp): number {
  return lines.findIndex((l, i) => i > past && pattern.test(l));
}

type Edit = { range: { start: { line: number; character: number }; end: { line: number; character: number } }; text: string };

/** `count` edits in turn, `edit(i)` the i-th: each one's time to fresh diagnostics. */
async function timedEdits(client: TestClient, uri: string, count: number, edit: (i: number) => Edit): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const [ms] = await time(async () => {
      const v = await client.change(uri, [edit(i)]);
      await client.diagnosticsFor(uri, v);
    });
    times.push(ms);
  }
  return times;
}

/** An edit typing `text` at `at`. */
const typing = (at: { line: number; character: number }, text: string): Edit => ({ range: { start: at, end: at }, text });

/** ROUNDS keystrokes at one place, each replacing `length` characters with `typed(i)`. */
function keystrokes(client: TestClient, uri: string, line: number, col: number, length: number, typed: (i: number) => string): Promise<number[]> {
  return timedEdits(client, uri, ROUNDS, (i) => ({ range: { start: { line, character: col }, end: { line, character: col + length } }, text: typed(i) }));
}

/** Types "x" into the name of a task in the second half of `lines`: the schedule stays as it was. */
function typeInto(client: TestClient, uri: string, lines: string[]): Promise<number[]> {
  const line = lineAfter(lines, lines.length / 2, TASK_LINE);
  return keystrokes(client, uri, line, lines[line]!.indexOf('"') + 1, 0, () => "x");
}

/**
 * Presses Enter at the end of a task's line, then Backspace, in turn: every line below
 * moves. A line in the third quarter, which the rounds before did not lengthen.
 */
function enterAndBack(client: TestClient, uri: string, lines: string[]): Promise<number[]> {
  const line = lineAfter(lines, (lines.length * 3) / 4, TASK_LINE);
  const end = { line, character: lines[line]!.length };
  return timedEdits(client, uri, ROUNDS, (i) => (i % 2 === 0 ? typing(end, "\n") : { range: { start: end, end: { line: line + 1, character: 0 } }, text: "" }));
}

/** The new task's line the last two typing rows type. */
const NEW_TASK_LINE = `task tnew "New task" { duration 3d  after t0 }`;

/**
 * Types a new task's line, a character at a time, in front of a task line near the end of
 * `lines`: most keystrokes leave the syntax broken, or add a name, and are analysed anew.
 */
function typeNewTask(client: TestClient, uri: string, lines: string[]): Promise<number[]> {
  const line = lineAfter(lines, (lines.length * 9) / 10, TASK_LINE);
  const indent = /^\s*/.exec(lines[line]!)![0];
  const typed = `${NEW_TASK_LINE}\n${indent}`;
  return timedEdits(client, uri, typed.length, (i) => typing({ line, character: indent.length + i }, typed[i]!));
}

/**
 * Types a new task's line as one usually does, on a line of its own: Enter at the end of a
 * task's line near the end of `lines` (the new line indented like it, as the editor does),
 * then the line a character at a time. Run after `typeNewTask`, which added a line above.
 */
function typeNewTaskOnItsOwnLine(client: TestClient, uri: string, lines: string[]): Promise<number[]> {
  const original = lineAfter(lines, (lines.length * 19) / 20, TASK_LINE);
  const line = original + 1;
  const indent = /^\s*/.exec(lines[original]!)![0];
  const end = { line, character: lines[original]!.length };
  const typed = NEW_TASK_LINE.replace("tnew", "tnew2");
  // Enter first, then the line.
  return timedEdits(client, uri, typed.length + 1, (i) => (i === 0 ? typing(end, `\n${indent}`) : typing({ line: line + 1, character: indent.length + i - 1 }, typed[i - 1]!)));
}

/** Retypes the digit of a task's duration in the second half of `lines`, a different one each time: every keystroke reschedules. */
function retypeDuration(client: TestClient, uri: string, lines: string[]): Promise<number[]> {
  const line = lineAfter(lines, lines.length / 2, /duration [1-9]d/);
  const col = lines[line]!.search(/duration [1-9]d/) + "duration ".length;
  const first = Number(lines[line]![col]);
  return keystrokes(client, uri, line, col, 1, (i) => String(((first + i) % 9) + 1));
}

/**
 * What the editor asks after each keystroke: the semantic tokens' difference from those it
 * has. Types into a task's name ROUNDS times; each time, the delta request's time and size.
 */
async function semanticDeltas(client: TestClient, uri: string, lines: string[]): Promise<{ times: number[]; numbers: number[] }> {
  type Answer = { resultId: string; data?: number[]; edits?: { data: number[] }[] };
  let { resultId } = await client.request<Answer>("textDocument/semanticTokens/full", { textDocument: { uri } });
  const line = lineAfter(lines, lines.length / 3, TASK_LINE);
  const at = { line, character: lines[line]!.indexOf('"') + 1 };
  const times: number[] = [];
  const numbers: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const v = await client.change(uri, [{ range: { start: at, end: at }, text: "x" }]);
    await client.diagnosticsFor(uri, v);
    const [ms, answer] = await time(() => client.request<Answer>("textDocument/semanticTokens/full/delta", { textDocument: { uri }, previousResultId: resultId }));
    resultId = answer.resultId;
    times.push(ms);
    numbers.push(answer.data?.length ?? answer.edits!.reduce((n, e) => n + e.data.length, 0));
  }
  return { times, numbers };
}

/**
 * What the schedule panel asks after each keystroke: the schedule, whole or as the
 * difference from the one it holds. Types into a task's name, retypes a duration's digit,
 * presses Enter at the end of a task's line and Backspace there (ROUNDS / 4 each, lines
 * below the first two); each time, both answers' time and size in bytes.
 */
async function panelFetches(client: TestClient, uri: string, lines: string[]): Promise<Record<"whole" | "difference", { times: number[]; bytes: number[] }>> {
  type Answer = { resultId: string };
  const out = { whole: { times: [] as number[], bytes: [] as number[] }, difference: { times: [] as number[], bytes: [] as number[] } };
  const ask = async (kind: keyof typeof out, since?: string) => {
    const [ms, answer] = await time(() => client.request<Answer>("gantry/schedule", { uri, since }));
    out[kind].times.push(ms);
    out[kind].bytes.push(JSON.stringify(answer).length);
    return answer.resultId;
  };
  let held = await ask("whole");
  const nameLine = lineAfter(lines, lines.length / 4, TASK_LINE);
  const name = { line: nameLine, character: lines[nameLine]!.indexOf('"') + 1 };
  const durationLine = lineAfter(lines, lines.length / 4, /duration [1-9]d/);
  const digit = { line: durationLine, character: lines[durationLine]!.search(/duration [1-9]d/) + "duration ".length };
  const enterLine = lineAfter(lines, lines.length / 3, TASK_LINE);
  const end = { line: enterLine, character: lines[enterLine]!.length };
  const changes = [
    () => ({ range: { start: name, end: name }, text: "x" }),
    (i: number) => ({ range: { start: digit, end: { ...digit, character: digit.character + 1 } }, text: String(((i >> 2) % 9) + 1) }),
    () => ({ range: { start: end, end }, text: "\n" }),
    () => ({ range: { start: end, end: { line: enterLine + 1, character: 0 } }, text: "" }),
  ];
  for (let i = 0; i < ROUNDS; i++) {
    const change = changes[i % 4]!(i);
    await client.diagnosticsFor(uri, await client.change(uri, [change]));
    await ask("difference", held);
    held = await ask("whole"); // the server's last sent, which the next difference is from
  }
  return out;
}

/** How many fresh servers open the plan (one of them the server the other rows use). */
const OPENS = 5;

/** Open → first diagnostics in fresh servers, one at a time. */
async function opensInFreshServers(uri: string, text: string, count: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const client = await TestClient.start({ debounceMs: 0 });
    times.push((await time(() => client.open(uri, text)))[0]);
    await client.stop();
  }
  return times;
}

/** The plan as 10 files in a fresh server: open → first diagnostics and keystrokes in the main file. */
async function splitPlanTimes(): Promise<{ open: number; keystroke: number[]; diagnostics: number }> {
  const file = writeSplitPlan(TASKS, 10);
  const text = readFileSync(file, "utf8");
  const uri = pathToFileURL(file).href;
  const client = await TestClient.start({ debounceMs: 0, rootUri: pathToFileURL(dirname(file)).href });
  const [open, first] = await time(() => client.open(uri, text));
  const keystroke = await typeInto(client, uri, text.split("\n"));
  await client.stop();
  return { open, keystroke, diagnostics: first.diagnostics.length };
}

async function main() {
  const file = planPath(TASKS);
  if (!existsSync(file)) writePlans([TASKS]);
  const text = readFileSync(file, "utf8");
  if (text !== generatePlan(TASKS)) writePlans([TASKS]);
  const uri = pathToFileURL(file).href;
  const lines = text.split("\n");

  const client = await TestClient.start({ debounceMs: 0 });
  const [openMs, first] = await time(() => client.open(uri, text));

  const keystroke = await typeInto(client, uri, lines);
  const rescheduling = await retypeDuration(client, uri, lines);
  const newlines = await enterAndBack(client, uri, lines);

  // Completion after `after ` and hover on task ids.
  const afterLine = lineAfter(lines, lines.length / 2, / after \w/);
  const afterCol = lines[afterLine]!.indexOf(" after ") + " after ".length;
  const completion: number[] = [];
  let items = 0;
  for (let i = 0; i < ROUNDS; i++) {
    const [ms, r] = await time(() => client.request<{ items: unknown[] }>("textDocument/completion", { textDocument: { uri }, position: { line: afterLine, character: afterCol } }));
    completion.push(ms);
    items = r.items.length;
  }
  const taskLines = lines.map((l, i) => [l, i] as const).filter(([l]) => /^\s*task \w+/.test(l)).map(([l, i]) => ({ line: i, character: l.indexOf("task ") + 6 }));
  const hover: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const position = taskLines[Math.floor((i * taskLines.length) / ROUNDS)]!;
    const [ms] = await time(() => client.request("textDocument/hover", { textDocument: { uri }, position }));
    hover.push(ms);
  }
  const mid = Math.floor(lines.length / 2);
  // Whole-document requests an editor sends on open and scroll (no goal; for the record).
  const whole: [string, string, unknown][] = [
    ["semantic tokens", "textDocument/semanticTokens/full", { textDocument: { uri } }],
    ["document symbols", "textDocument/documentSymbol", { textDocument: { uri } }],
    ["folding ranges", "textDocument/foldingRange", { textDocument: { uri } }],
    ["inlay hints (100 lines)", "textDocument/inlayHint", { textDocument: { uri }, range: { start: { line: mid, character: 0 }, end: { line: mid + 100, character: 0 } } }],
    ["code lenses", "textDocument/codeLens", { textDocument: { uri } }],
    ["formatting", "textDocument/formatting", { textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } }],
  ];
  const wholeTimes: [string, number[]][] = [];
  for (const [name, method, params] of whole) {
    const times: number[] = [];
    for (let i = 0; i < 5; i++) times.push((await time(() => client.request(method, params)))[0]);
    wholeTimes.push([name + " (ms)", times]);
  }
  const wholeTokens = (await client.request<{ data: number[] }>("textDocument/semanticTokens/full", { textDocument: { uri } })).data.length;
  const tokenDeltas = await semanticDeltas(client, uri, lines);
  // Last: it adds a line, which would move the places the rows above use.
  const newTask = await typeNewTask(client, uri, lines);
  const rss = peakRssMb(client.process.pid!);
  // After the peak is read, as the panel's row: for the record, without moving the figures before.
  const ownLine = await typeNewTaskOnItsOwnLine(client, uri, lines);
  // After the peak is read, so that it stays comparable with runs before the panel's row.
  const panel = await panelFetches(client, uri, lines);
  await client.stop();
  const opens = [openMs, ...(await opensInFreshServers(uri, text, OPENS - 1))];
  const split = await splitPlanTimes();

  const k = stats(keystroke);
  const c = stats(completion);
  const h = stats(hover);
  const f = (n: number) => n.toFixed(1).padStart(8);
  const row = (name: string, s: { p50: number; p95: number; max: number }, goal: string, ok: boolean) =>
    `${name.padEnd(34)}${f(s.p50)}${f(s.p95)}${f(s.max)}   ${goal.padEnd(12)}${ok ? "ok" : "MISSED"}`;
  console.log(`Language server over stdio, ${TASKS} tasks (${lines.length} lines), ${ROUNDS} rounds; ${first.diagnostics.length} diagnostics, ${items} completion items\n`);
  console.log(`${"measure".padEnd(34)}${"p50".padStart(8)}${"p95".padStart(8)}${"max".padStart(8)}   ${"goal".padEnd(12)}`);
  const op = stats(opens);
  console.log(row(`open → first diagnostics (ms, ${OPENS}×)`, op, "p50 ≤ 300", op.p50 <= 300));
  console.log(row("keystroke → fresh diagnostics (ms)", k, "p95 ≤ 100", k.p95 <= 100));
  const r = stats(rescheduling);
  console.log(row("  … in a duration: reschedules", r, "p95 ≤ 100", r.p95 <= 100));
  const e = stats(newlines);
  console.log(row("  … Enter / Backspace: lines move", e, "p95 ≤ 100", e.p95 <= 100));
  const n = stats(newTask);
  console.log(row("  … typing a new task's line", n, "p95 ≤ 100", n.p95 <= 100));
  // Which keystrokes the p95 is made of (the first ones that add or remove a task run cold code).
  const slowest = newTask.map((ms, k) => [ms, k] as const).sort((a, b) => b[0] - a[0]).slice(0, 3);
  console.log(`      slowest: ${slowest.map(([ms, k]) => `${JSON.stringify(`${NEW_TASK_LINE}\n`[k] ?? " ")} (keystroke ${k + 1}) ${ms.toFixed(0)} ms`).join(", ")}`);
  const o = stats(ownLine);
  console.log(row("    … on a line of its own", o, "p95 ≤ 100", o.p95 <= 100));
  console.log(row("completion (ms)", c, "p95 ≤ 20", c.p95 <= 20));
  console.log(row("hover (ms)", h, "p95 ≤ 20", h.p95 <= 20));
  for (const [name, times] of wholeTimes) console.log(row(name, stats(times), "—", true).replace(/ok$/, ""));
  console.log(row("semantic tokens after a keystroke", stats(tokenDeltas.times), "—", true).replace(/ok$/, "") + `(${stats(tokenDeltas.numbers).max} numbers sent, of ${wholeTokens})`);
  for (const kind of ["whole", "difference"] as const) {
    const mb = (b: number) => (b / 1e6).toFixed(b < 1e5 ? 3 : 1);
    const size = stats(panel[kind].bytes);
    console.log(row(`panel schedule, ${kind}`, stats(panel[kind].times), "—", true).replace(/ok$/, "") + `(${mb(size.p50)}–${mb(size.max)} MB)`);
  }
  console.log(`${"server peak RSS (MB)".padEnd(34)}${f(rss)}${f(rss)}${f(rss)}   ${"≤ 200".padEnd(12)}${rss <= 200 ? "ok" : "MISSED"}`);
  console.log(`\nThe same plan as 10 files, typing in the main one (${split.diagnostics} diagnostics; no goal, for the record)\n`);
  console.log(`${"open → first diagnostics (ms)".padEnd(34)}${f(split.open)}${f(split.open)}${f(split.open)}`);
  console.log(row("keystroke → fresh diagnostics (ms)", stats(split.keystroke), "", true).replace(/ok$/, ""));
}

void main();
