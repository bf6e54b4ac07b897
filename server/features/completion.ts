// Completion from the parser's expectations at the cursor (`completionContext`): keywords,
// names of the expected kind, units, percentages, dates and snippets. Every item has a
// detail line.
import { CompletionItemKind, InsertTextFormat, type CompletionItem, type CompletionList, type Range as LspRange } from "vscode-languageserver";
import type { TextDocument } from "vscode-languageserver-textdocument";
import type * as ast from "../../core/ast";
import { compareText } from "../../core/ast";
import { taskIdOrder, type Analysis } from "../../core/analysis";
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
  const self = enclosing.join(".");
  // Scopes from the nearest out, as the prefix their tasks' ids start with ("" for the top).
  const scopes: string[] = [];
  for (let i = enclosing.length - 1; i >= 0; i--) scopes.push(i === 0 ? "" : `${enclosing.slice(0, i).join(".")}.`);
  const q = qualifier.join(".");
  const tasks = plan.tasks;
  // A task's label: its id without its scope's prefix, or its own id after a qualifier.
  const label = (t: TaskModel, scope: number) => (q ? t.localId : scope < scopes.length ? t.id.slice(scopes[scope]!.length) : t.id);
  // Big plans: the nearest names that match what is typed, and the client asks again as the word grows.
  const typed = prefix.toLowerCase();
  const buckets = candidates(analysis, self, scopes, q);
  const chosen: { t: TaskModel; scope: number }[] = [];
  let matches = 0;
  for (let scope = 0; scope < buckets.length; scope++) {
    const from = q || scope === scopes.length ? 0 : scopes[scope]!.length;
    for (const i of buckets[scope]!) {
      const t = tasks[i]!;
      if (!subsequence(typed, q ? t.localId : t.id, from)) continue;
      matches++;
      if (chosen.length < MAX_TASK_ITEMS) chosen.push({ t, scope });
    }
  }
  out.truncated = matches > MAX_TASK_ITEMS;
  return chosen.map(({ t, scope }, i) => {
    const s = analysis.schedule.tasks[t.index];
    const name = label(t, scope);
    return {
      label: name,
      kind: t.milestone ? CompletionItemKind.Event : t.summary ? CompletionItemKind.Module : CompletionItemKind.Function,
      detail: s && !s.unscheduled ? `${isoDay(s.start)} → ${finishDay(s.start, s.finish)}` : "not scheduled",
      labelDetails: { description: t.name },
      textEdit: { range, newText: name },
      sortText: `1${String(q || scope < scopes.length ? scope : 99).padStart(2, "0")}${String(i).padStart(5, "0")}`,
    };
  });
}

/**
 * Where a task name may be completed from inside task `self` (after the qualifier `q`, if
 * any): the indices of the tasks it may name, by scope, nearest first, each in the order of
 * the labels (ids in order give it, since a scope's labels are its tasks' ids without the
 * prefix they share); a qualified name (`build.da|`) offers children by their own ids,
 * which come from several parents. The task itself and its ancestors cannot be its
 * predecessors. Kept by the plan's names (the id order an analysis shares with those after
 * edits that kept every name): while the list is cut short the client asks again at each
 * keystroke of the word, and sorting 10,000 tasks into scopes was most of each answer.
 */
function candidates(analysis: Analysis, self: string, scopes: string[], q: string): number[][] {
  const order = taskIdOrder(analysis);
  let known = candidateCache.get(order);
  if (!known) candidateCache.set(order, (known = new Map()));
  const key = `${self} ${q}`;
  const cached = known.get(key);
  if (cached) return cached;
  const tasks = analysis.plan.tasks;
  const isSelfOrAncestor = (id: string) => self.startsWith(id) && (self.length === id.length || self[id.length] === ".");
  const buckets: number[][] = Array.from({ length: q ? 1 : scopes.length + 1 }, () => []);
  for (const i of q ? tasks.keys() : order) {
    const t = tasks[i]!;
    if (self && isSelfOrAncestor(t.id)) continue;
    let scope = 0;
    if (q) {
      const parent = t.id.slice(0, Math.max(0, t.id.length - t.localId.length - 1));
      if (parent !== q && !parent.endsWith("." + q)) continue;
    } else {
      while (scope < scopes.length && !t.id.startsWith(scopes[scope]!)) scope++;
    }
    buckets[scope]!.push(i);
  }
  if (q) buckets[0]!.sort((a, b) => compareText(tasks[a]!.localId, tasks[b]!.localId));
  if (known.size >= CACHED_SCOPES) known.clear();
  known.set(key, buckets);
  return buckets;
}

/** Scopes kept per set of names: the few a user types in at a time. */
const CACHED_SCOPES = 16;
const candidateCache = new WeakMap<readonly number[], Map<string, number[][]>>();

/** Case-insensitive: are the characters of `typed` (lower case) found in order in `label` from `from`? (How editors filter.) */
function subsequence(typed: string, label: string, from = 0): boolean {
  if (!typed) return true;
  let i = 0;
  for (let j = from; j < label.length && i < typed.length; j++) if (label[j]!.toLowerCase() === typed[i]) i++;
  return i === typed.length;
}
