// Completion from the parser's expectations at the cursor (`completionContext`): keywords,
// names of the expected kind, units, percentages, dates and snippets. Every item has a
// detail line.
import { CompletionItemKind, InsertTextFormat, type CompletionItem, type CompletionList, type Range as LspRange } from "vscode-languageserver";
import type { TextDocument } from "vscode-languageserver-textdocument";
import type * as ast from "../../core/ast";
import type { Analysis } from "../../core/analysis";
import type { TaskModel } from "../../core/model";
import { formatDay } from "../../core/dates";
import { completionContext } from "../../grammar/index";
import { finishDay, formatMoney, isoDay, offsetIn } from "../convert";
import { KEYWORD_DOCS } from "../keyword-docs";

const UNITS: [string, string][] = [
  ["h", "working hours"],
  ["d", "working days"],
  ["w", "working weeks (5 working days)"],
  ["mo", "working months (20 working days)"],
  ["eh", "elapsed hours"],
  ["ed", "elapsed days (24 h, weekends included)"],
  ["ew", "elapsed weeks (7 × 24 h)"],
  ["emo", "elapsed months (30 × 24 h)"],
];

const SNIPPETS: [string, string, string][] = [
  ["task", "new task", 'task ${1:id} "${2:Name}" {\n  duration ${3:5d}\n  after ${4:predecessor}\n}'],
  ["milestone", "new milestone", 'milestone ${1:id} "${2:Name}" {\n  after ${3:predecessor}\n}'],
  ["resource", "new resource", 'resource ${1:id} "${2:Name}" { role "${3:Role}"  rate ${4:100}/h }'],
  ["risk", "new risk", 'risk ${1:id} "${2:What could happen}" {\n  probability ${3:30}%\n  impact ${4:10000}, ${5:5d}\n  affects ${6:task}\n  owner ${7:resource}\n}'],
];

/**
 * `from`: where the top-level declaration around the cursor starts, when known: the
 * parser then reads only that declaration instead of the whole (maybe huge) file.
 */
export function complete(doc: TextDocument, offset: number, analysis: Analysis | undefined, today: number, from = 0): CompletionList {
  const text = doc.getText();
  const contextAt = (at: number) => completionContext(text.slice(from, at), at - from);
  const before = text.slice(Math.max(0, offset - 64), offset);
  const replace = (length: number): LspRange => ({ start: doc.positionAt(offset - length), end: doc.positionAt(offset) });
  // A number being typed (`5`, `50`, `5m`): complete the literal it starts, so ask what
  // the parser accepts where the number begins.
  const num = /(\d+(?:\.\d+)?)([a-z]*)$/.exec(before);
  const lead = before.slice(0, before.length - (num?.[0].length ?? 0));
  // Not inside a word, a date (`2027-0`), a time (`09:3`) or a date range.
  if (num && !/([\w.:]|\d-)$/.test(lead)) {
    return { isIncomplete: false, items: literalsAfterNumber(contextAt(offset - num[0].length).literals, num[1]!, replace(num[0].length), analysis) };
  }

  const ctx = contextAt(offset);
  const word = replace(ctx.prefix.length);
  const items: CompletionItem[] = [];
  for (const k of ctx.keywords) {
    items.push({ label: k, kind: CompletionItemKind.Keyword, detail: "keyword", documentation: docOf(k), textEdit: { range: word, newText: k }, sortText: `2${k}` });
  }
  if (ctx.keywords.includes("task")) {
    for (const [label, detail, body] of SNIPPETS) {
      if (!ctx.keywords.includes(label)) continue;
      items.push({ label: `${label}…`, kind: CompletionItemKind.Snippet, detail, insertTextFormat: InsertTextFormat.Snippet, textEdit: { range: word, newText: body }, filterText: label, sortText: `3${label}` });
    }
  }
  const out = { truncated: false };
  if (analysis && ctx.refKind) items.push(...names(analysis, ctx.refKind, ctx.enclosingTasks, ctx.qualifier ?? [], ctx.prefix, word, out));
  if (ctx.literals.includes("percent")) {
    for (const p of ["100%", "50%", "25%"]) items.push({ label: p, kind: CompletionItemKind.Value, detail: "share", textEdit: { range: word, newText: p }, sortText: `1${p}` });
  }
  if (ctx.literals.includes("date")) {
    const dates: [number | undefined, string][] = [
      [today, "today"],
      [analysis?.plan.project.start, "the project start"],
      [analysis?.plan.project.status, "the status date"],
    ];
    const dateWord = /[\d-]*$/.exec(before)![0];
    for (const [day, detail] of dates) {
      if (day === undefined || !Number.isFinite(day)) continue;
      items.push({ label: formatDay(day), kind: CompletionItemKind.Constant, detail, textEdit: { range: replace(dateWord.length), newText: formatDay(day) }, sortText: `0${detail}` });
    }
  }
  return { isIncomplete: out.truncated, items };
}

/** Units and `%` glued to a number, as the slot where the number starts accepts them. */
function literalsAfterNumber(literals: string[], number: string, range: LspRange, analysis: Analysis | undefined): CompletionItem[] {
  const items: CompletionItem[] = [];
  if (literals.includes("duration") || literals.includes("unit")) {
    const perDay = analysis ? analysis.plan.project.calendar.minutesPerDay / 60 : 8;
    UNITS.forEach(([u, meaning], i) => {
      const detail = u === "d" ? `${meaning} (${perDay} h on the project calendar)` : meaning;
      items.push({ label: number + u, kind: CompletionItemKind.Unit, detail, textEdit: { range, newText: number + u }, sortText: `0${i}` });
    });
  }
  if (literals.includes("percent")) items.push({ label: `${number}%`, kind: CompletionItemKind.Unit, detail: "percentage", textEdit: { range, newText: `${number}%` }, sortText: "0" });
  if (literals.includes("rate")) {
    for (const per of ["h", "d"]) items.push({ label: `${number}/${per}`, kind: CompletionItemKind.Unit, detail: per === "h" ? "per working hour" : "per working day", textEdit: { range, newText: `${number}/${per}` }, sortText: `1${per}` });
  }
  return items;
}

/** The start of the top-level declaration containing `offset` (0 when none or unknown). */
export function declarationStart(doc: ast.Document | undefined, text: TextDocument, offset: number): number {
  if (!doc) return 0;
  const nodes: ast.Node[] = [...doc.imports, ...(doc.project ? [doc.project] : []), ...doc.calendars, ...doc.resources, ...doc.tasks, ...doc.risks];
  const off = (p: ast.Pos) => offsetIn(text, p);
  let start = 0;
  for (const n of nodes) {
    const [from, to] = [off(n.range.start), off(n.range.end)];
    if (from <= offset && offset <= to) return from;
    if (to <= offset) start = Math.max(start, to);
  }
  return start;
}

function docOf(keyword: string) {
  const value = KEYWORD_DOCS[keyword];
  return value ? { kind: "markdown" as const, value } : undefined;
}

/** Ids of the expected kind; tasks by the shortest name that resolves from the cursor's scope. */
/** At most this many task names per answer (the list is marked incomplete beyond). */
const MAX_TASK_ITEMS = 200;

function names(analysis: Analysis, kind: "task" | "resource" | "calendar", enclosing: string[], qualifier: string[], prefix: string, range: LspRange, out: { truncated: boolean }): CompletionItem[] {
  const plan = analysis.plan;
  const currency = plan.project.currency;
  if (kind === "resource") {
    return plan.resources.map((r) => ({
      label: r.id,
      kind: CompletionItemKind.Variable,
      detail: [r.role ?? r.name, r.rate ? `${formatMoney(r.rate.cents, currency)}/${r.rate.per}` : "no rate"].join(" · "),
      textEdit: { range, newText: r.id },
      sortText: `1${r.id}`,
    }));
  }
  if (kind === "calendar") {
    return plan.calendars.map((c) => ({
      label: c.id,
      kind: CompletionItemKind.Struct,
      detail: `${c.workdays.filter(Boolean).length} days a week, ${c.minutesPerDay / 60} h a day`,
      textEdit: { range, newText: c.id },
      sortText: `1${c.id}`,
    }));
  }
  // The task being edited and its ancestors cannot be its predecessors.
  const self = enclosing.join(".");
  const scopes: string[] = [];
  for (let i = enclosing.length - 1; i >= 0; i--) scopes.push(enclosing.slice(0, i).join("."));
  const q = qualifier.join(".");
  // The nearest names first, each scope in the order of the labels: ids in order give it,
  // since a scope's labels are its tasks' ids without the prefix they share. A qualified
  // name (`build.da|`) offers children by their own ids, which come from several parents.
  const buckets: { t: TaskModel; label: string }[][] = Array.from({ length: q ? 1 : scopes.length + 1 }, () => []);
  for (const t of q ? analysis.plan.tasks : tasksById(analysis)) {
    if (self && (self === t.id || self.startsWith(t.id + "."))) continue;
    let scope: number;
    let label: string;
    if (q) {
      const parent = t.id.slice(0, Math.max(0, t.id.length - t.localId.length - 1));
      if (parent !== q && !parent.endsWith("." + q)) continue;
      [label, scope] = [t.localId, 0];
    } else {
      scope = scopes.findIndex((s) => s === "" || t.id.startsWith(s + "."));
      label = scope < 0 || scopes[scope] === "" ? t.id : t.id.slice(scopes[scope]!.length + 1);
      if (scope < 0) scope = scopes.length;
    }
    if (subsequence(prefix, label)) buckets[scope]!.push({ t, label });
  }
  if (q) buckets[0]!.sort((a, b) => (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
  // Big plans: the nearest names, and the client asks again as the word grows.
  const chosen: { t: TaskModel; label: string; scope: number }[] = [];
  for (let scope = 0; scope < buckets.length && chosen.length < MAX_TASK_ITEMS; scope++) {
    for (const c of buckets[scope]!) {
      if (chosen.length === MAX_TASK_ITEMS) break;
      chosen.push({ ...c, scope: q || scope < scopes.length ? scope : 99 });
    }
  }
  out.truncated = buckets.reduce((n, b) => n + b.length, 0) > MAX_TASK_ITEMS;
  return chosen.map(({ t, label, scope }, i) => {
    const s = analysis.schedule.tasks[t.index];
    return {
      label,
      kind: t.milestone ? CompletionItemKind.Event : t.summary ? CompletionItemKind.Module : CompletionItemKind.Function,
      detail: s && !s.unscheduled ? `${isoDay(s.start)} → ${finishDay(s.start, s.finish)}` : "not scheduled",
      labelDetails: { description: t.name },
      textEdit: { range, newText: label },
      sortText: `1${String(scope).padStart(2, "0")}${String(i).padStart(5, "0")}`,
    };
  });
}

/** Each analysis's tasks in the order of their ids, sorted once (analyses are immutable). */
const TASKS_BY_ID = new WeakMap<Analysis, readonly TaskModel[]>();

function tasksById(analysis: Analysis): readonly TaskModel[] {
  let tasks = TASKS_BY_ID.get(analysis);
  if (!tasks) {
    tasks = [...analysis.plan.tasks].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    TASKS_BY_ID.set(analysis, tasks);
  }
  return tasks;
}

/** Case-insensitive: are the characters of `typed` found in order in `label`? (How editors filter.) */
function subsequence(typed: string, label: string): boolean {
  if (!typed) return true;
  const a = typed.toLowerCase();
  const b = label.toLowerCase();
  let i = 0;
  for (let j = 0; j < b.length && i < a.length; j++) if (b[j] === a[i]) i++;
  return i === a.length;
}
