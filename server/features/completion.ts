// Completion from the parser's expectations at the cursor (`completionContext`): keywords,
// names of the expected kind, units, percentages, dates and snippets. Every item has a
// detail line.
import { CompletionItemKind, InsertTextFormat, type CompletionItem, type Range as LspRange } from "vscode-languageserver";
import type { TextDocument } from "vscode-languageserver-textdocument";
import type { Analysis } from "../../core/analysis";
import { formatDay } from "../../core/dates";
import { completionContext } from "../../grammar/index";
import { finishDay, formatMoney, isoDay } from "../convert";
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

export function complete(doc: TextDocument, offset: number, analysis: Analysis | undefined, today: number): CompletionItem[] {
  const text = doc.getText();
  const before = text.slice(Math.max(0, offset - 64), offset);
  const replace = (length: number): LspRange => ({ start: doc.positionAt(offset - length), end: doc.positionAt(offset) });
  // A number being typed (`5`, `50`, `5m`): complete the literal it starts, so ask what
  // the parser accepts where the number begins.
  const num = /(\d+(?:\.\d+)?)([a-z]*)$/.exec(before);
  const lead = before.slice(0, before.length - (num?.[0].length ?? 0));
  // Not inside a word, a date (`2027-0`), a time (`09:3`) or a date range.
  if (num && !/([\w.:]|\d-)$/.test(lead)) return literalsAfterNumber(completionContext(text, offset - num[0].length).literals, num[1]!, replace(num[0].length), analysis);

  const ctx = completionContext(text, offset);
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
  if (analysis && ctx.refKind) items.push(...names(analysis, ctx.refKind, ctx.enclosingTasks, ctx.qualifier ?? [], word));
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
  return items;
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

function docOf(keyword: string) {
  const value = KEYWORD_DOCS[keyword];
  return value ? { kind: "markdown" as const, value } : undefined;
}

/** Ids of the expected kind; tasks by the shortest name that resolves from the cursor's scope. */
function names(analysis: Analysis, kind: "task" | "resource" | "calendar", enclosing: string[], qualifier: string[], range: LspRange): CompletionItem[] {
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
  const items: CompletionItem[] = [];
  for (const t of plan.tasks) {
    if (self && (self === t.id || self.startsWith(t.id + "."))) continue;
    let scope = scopes.findIndex((s) => s === "" || t.id.startsWith(s + "."));
    let label = scope < 0 || scopes[scope] === "" ? t.id : t.id.slice(scopes[scope]!.length + 1);
    if (qualifier.length) {
      // `build.da|`: only the children of a task named by the qualifier, by their own id.
      const parent = t.id.slice(0, Math.max(0, t.id.length - t.localId.length - 1));
      const q = qualifier.join(".");
      if (parent !== q && !parent.endsWith("." + q)) continue;
      [label, scope] = [t.localId, 0];
    }
    const s = analysis.schedule.tasks[t.index];
    const when = s && !s.unscheduled ? `${isoDay(s.start)} → ${finishDay(s.start, s.finish)}` : "not scheduled";
    items.push({
      label,
      kind: t.milestone ? CompletionItemKind.Event : t.summary ? CompletionItemKind.Module : CompletionItemKind.Function,
      detail: when,
      labelDetails: { description: t.name },
      textEdit: { range, newText: label },
      sortText: `1${String(scope < 0 ? 9 : scope).padStart(2, "0")}${label}`,
    });
  }
  return items;
}
