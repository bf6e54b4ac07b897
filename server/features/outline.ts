// Structure of a document: the WBS outline (document symbols), workspace symbols,
// folding ranges (blocks and comment runs) and selection ranges.
import { FoldingRangeKind, SymbolKind, type DocumentSymbol, type FoldingRange, type Position, type SelectionRange, type WorkspaceSymbol } from "vscode-languageserver";
import type { TextDocument } from "vscode-languageserver-textdocument";
import type * as ast from "../../core/ast";
import type { Analysis } from "../../core/analysis";
import type { TaskModel } from "../../core/model";
import { sameItems } from "../../core/reuse";
import type { TaskSchedule } from "../../core/schedule";
import type { PlanState } from "../session";
import { contains, finishDay, isoDay, size, toLspRange } from "../convert";
import { defKey } from "./symbolsAt";

const KIND = { task: SymbolKind.Event, phase: SymbolKind.Namespace, milestone: SymbolKind.Constant, resource: SymbolKind.Object, calendar: SymbolKind.Struct, risk: SymbolKind.Key, project: SymbolKind.Module } as const;

function symbol(name: string, detail: string, kind: SymbolKind, node: ast.Node, id: ast.Ident | undefined, children?: DocumentSymbol[]): DocumentSymbol {
  const s: DocumentSymbol = { name: name || "(unnamed)", detail, kind, range: toLspRange(node.range), selectionRange: toLspRange((id ?? node).range) };
  if (children?.length) s.children = children;
  return s;
}

/**
 * Each task's symbol as last made, and what it was made from. The editor asks for the
 * outline again after edits (breadcrumbs, the Outline view): a task whose node, model and
 * schedule are the same objects, on the same line (so are all its positions), and whose
 * children kept theirs, keeps its symbol.
 */
const made = new WeakMap<ast.Task, { line: number; model: TaskModel | undefined; schedule: TaskSchedule | undefined; symbol: DocumentSymbol }>();

export function documentSymbols(analysis: Analysis, uri: string): DocumentSymbol[] {
  const doc = analysis.documents.get(uri);
  if (!doc) return [];
  const models = new Map<ast.Task, TaskModel>();
  for (const t of analysis.plan.tasks) models.set(t.node, t);
  const task = (t: ast.Task): DocumentSymbol => {
    const children = t.children.map(task);
    const m = models.get(t);
    const s = m ? analysis.schedule.tasks[m.index] : undefined;
    const line = t.range.start.line;
    const was = made.get(t);
    if (was && was.line === line && was.model === m && was.schedule === s && sameItems(was.symbol.children ?? [], children)) return was.symbol;
    const when = s && !s.unscheduled ? ` · ${isoDay(s.start)} → ${finishDay(s.start, s.finish)}` : "";
    const detail = `${m?.wbs ?? ""} ${t.name?.value ?? ""}${when}`.trim();
    const kind = t.kind === "milestone" ? KIND.milestone : t.children.length ? KIND.phase : KIND.task;
    const symbolNow = symbol(t.id?.text ?? "", detail, kind, t, t.id, children);
    made.set(t, { line, model: m, schedule: s, symbol: symbolNow });
    return symbolNow;
  };
  const out: DocumentSymbol[] = [];
  if (doc.project) out.push(symbol(doc.project.name?.value ?? "project", "project", KIND.project, doc.project, undefined));
  for (const c of doc.calendars) out.push(symbol(c.id?.text ?? "", "calendar", KIND.calendar, c, c.id));
  for (const r of doc.resources) out.push(symbol(r.id?.text ?? "", r.name?.value ?? "resource", KIND.resource, r, r.id));
  for (const t of doc.tasks) out.push(task(t));
  for (const r of doc.risks) out.push(symbol(r.id?.text ?? "", r.name?.value ?? "risk", KIND.risk, r, r.id));
  return out.sort((a, b) => a.range.start.line - b.range.start.line);
}

/** Case-insensitive subsequence match, as editors filter symbol names. */
function matches(query: string, name: string): boolean {
  const q = query.toLowerCase();
  const n = name.toLowerCase();
  let i = 0;
  for (const ch of n) if (ch === q[i]) i++;
  return i === q.length;
}

export function workspaceSymbols(states: PlanState[], query: string): WorkspaceSymbol[] {
  const seen = new Set<string>();
  const out: WorkspaceSymbol[] = [];
  for (const s of states) {
    for (const d of s.analysis.symbols.definitions) {
      const key = defKey(d);
      if (seen.has(key) || !matches(query, d.id)) continue;
      seen.add(key);
      const task = d.kind === "task" ? s.analysis.plan.tasks[d.index] : undefined;
      const kind = task ? (task.milestone ? KIND.milestone : task.summary ? KIND.phase : KIND.task) : KIND[d.kind];
      out.push({ name: d.id, kind, location: { uri: d.uri, range: toLspRange(d.range) }, containerName: task?.name ?? d.kind });
    }
  }
  return out;
}

/** Every block node of a document, outermost first. */
function blocks(doc: ast.Document): ast.Node[] {
  const out: ast.Node[] = [];
  const task = (t: ast.Task) => {
    out.push(t);
    t.children.forEach(task);
  };
  if (doc.project) out.push(doc.project);
  out.push(...doc.calendars, ...doc.resources, ...doc.risks);
  doc.tasks.forEach(task);
  return out;
}

export function foldingRanges(doc: ast.Document, text: string): FoldingRange[] {
  const out: FoldingRange[] = [];
  for (const b of blocks(doc)) {
    if (b.range.end.line > b.range.start.line) out.push({ startLine: b.range.start.line, endLine: b.range.end.line });
  }
  // Runs of two or more whole-line comments.
  const lines = text.split("\n");
  let runStart = -1;
  for (let i = 0; i <= lines.length; i++) {
    const isComment = i < lines.length && lines[i]!.trimStart().startsWith("#");
    if (isComment && runStart < 0) runStart = i;
    if (!isComment && runStart >= 0) {
      if (i - 1 > runStart) out.push({ startLine: runStart, endLine: i - 1, kind: FoldingRangeKind.Comment });
      runStart = -1;
    }
  }
  return out;
}

export function selectionRanges(analysis: Analysis, text: TextDocument, positions: Position[]): SelectionRange[] {
  const uri = text.uri;
  const doc = analysis.documents.get(uri);
  const candidates: ast.Range[] = [];
  if (doc) {
    candidates.push(doc.range, ...blocks(doc).map((b) => b.range));
    const fields = (t: ast.Task) => {
      for (const f of t.fields) candidates.push(f.range, ...(f.clause ? [f.clause] : []));
      t.children.forEach(fields);
    };
    doc.tasks.forEach(fields);
  }
  for (const d of analysis.symbols.definitions) if (d.uri === uri) candidates.push(d.range, d.fullRange);
  for (const r of analysis.symbols.references) if (r.uri === uri) candidates.push(r.range, ...r.segments.map((s) => s.range));
  return positions.map((p) => {
    const hits = candidates.filter((r) => contains(r, p)).sort((a, b) => size(b, text) - size(a, text));
    let chain: SelectionRange | undefined;
    let last = -1;
    for (const r of hits) {
      if (size(r, text) === last) continue;
      last = size(r, text);
      chain = chain ? { range: toLspRange(r), parent: chain } : { range: toLspRange(r) };
    }
    return chain ?? { range: { start: p, end: p } };
  });
}
