// Code actions: quick fixes from the engine's fix hints (did-you-mean, add a unit, assign
// a resource, drop a link of a cycle) and two refactorings (extract sibling tasks into a
// new phase; convert duration ↔ effort with the assignments' total share).
import { CodeActionKind, type CodeAction, type Range as LspRange, type TextEdit, type WorkspaceEdit } from "vscode-languageserver";
import type { TextDocument } from "vscode-languageserver-textdocument";
import type * as ast from "../../core/ast";
import { comparePos } from "../../core/ast";
import { LineMap } from "../../grammar/ranges";
import type { Analysis } from "../../core/analysis";
import type { Diagnostic } from "../../core/diagnostics";
import { offsetIn, toLspRange } from "../convert";
import { toLspDiagnostic } from "./diagnostics";

export const CODE_ACTION_KINDS = [CodeActionKind.QuickFix, CodeActionKind.RefactorExtract, CodeActionKind.RefactorRewrite];

type Read = (uri: string) => string | undefined;

const overlaps = (a: ast.Range, r: LspRange) =>
  !(a.end.line < r.start.line || (a.end.line === r.start.line && a.end.col < r.start.character) || a.start.line > r.end.line || (a.start.line === r.end.line && a.start.col > r.end.character));

export function codeActions(doc: TextDocument, analysis: Analysis, range: LspRange, read: Read): CodeAction[] {
  const actions: CodeAction[] = [];
  for (const d of analysis.diagnostics) if (d.uri === doc.uri && d.fix && overlaps(d.range, range)) actions.push(...quickFixes(doc, analysis, d, read));
  const astDoc = analysis.documents.get(doc.uri);
  if (astDoc) {
    const convert = convertLength(analysis, astDoc, range);
    if (convert) actions.push(convert);
    const extract = extractPhase(doc, analysis, astDoc, range);
    if (extract) actions.push(extract);
  }
  return actions;
}

function edit(uri: string, edits: TextEdit[]): WorkspaceEdit {
  return { changes: { [uri]: edits } };
}

function fix(title: string, d: Diagnostic, we: WorkspaceEdit, preferred = false): CodeAction {
  return { title, kind: CodeActionKind.QuickFix, diagnostics: [toLspDiagnostic(d)], edit: we, isPreferred: preferred };
}

function quickFixes(doc: TextDocument, analysis: Analysis, d: Diagnostic, read: Read): CodeAction[] {
  const hint = d.fix!;
  const range = toLspRange(d.range);
  switch (hint.kind) {
    case "replace":
      return hint.candidates.map((c, i) => fix(`Change to \`${c}\``, d, edit(doc.uri, [{ range, newText: c }]), i === 0));
    case "addUnit":
      return hint.units.map((u, i) => fix(`Add the unit \`${u}\``, d, edit(doc.uri, [{ range: { start: range.end, end: range.end }, newText: u }]), i === 0));
    case "assign": {
      const task = innermostTask(analysis.documents.get(doc.uri)?.tasks ?? [], d.range.start);
      const at = task?.effort ?? task?.duration;
      if (!task || !at) return [];
      const pos = toLspRange(at.range).end;
      return hint.resources.map((r, i) => fix(`Assign \`${r}\``, d, edit(doc.uri, [{ range: { start: pos, end: pos }, newText: `  assign ${r}` }]), i === 0));
    }
    case "dropLink":
      return hint.links.flatMap((link) => {
        const text = read(link.uri);
        const del = text === undefined ? undefined : linkDeletion(analysis, link.uri, link.range, text);
        return del ? [fix(`Remove the dependency ${link.label}`, d, edit(link.uri, [{ range: del, newText: "" }]))] : [];
      });
  }
}

function innermostTask(tasks: ast.Task[], at: ast.Pos): ast.Task | undefined {
  for (const t of tasks) {
    if (comparePos(t.range.start, at) <= 0 && comparePos(at, t.range.end) <= 0) return innermostTask(t.children, at) ?? t;
  }
  return undefined;
}

function allTasks(tasks: ast.Task[], out: ast.Task[] = []): ast.Task[] {
  for (const t of tasks) {
    out.push(t);
    allTasks(t.children, out);
  }
  return out;
}

/** The text to delete to drop one link: with its comma, or its whole `after` clause when alone. */
function linkDeletion(analysis: Analysis, uri: string, range: ast.Range, text: string): LspRange | undefined {
  const docAst = analysis.documents.get(uri);
  if (!docAst) return undefined;
  const lines = new LineMap(text);
  const pos = (offset: number) => {
    const { line, col } = lines.pos(offset);
    return { line, character: col };
  };
  const off = (p: ast.Pos) => lines.offset(p);
  for (const t of allTasks(docAst.tasks)) {
    const i = t.deps.findIndex((d) => comparePos(d.range.start, range.start) === 0 || comparePos(d.target.range.start, range.start) === 0);
    if (i < 0) continue;
    const dep = t.deps[i]!;
    const prev = t.deps[i - 1];
    const next = t.deps[i + 1];
    const [a, b] = [off(dep.range.start), off(dep.range.end)];
    if (prev && text.slice(off(prev.range.end), a).trim() === ",") return { start: pos(off(prev.range.end)), end: pos(b) };
    if (next && text.slice(b, off(next.range.start)).trim() === ",") return { start: pos(a), end: pos(off(next.range.start)) };
    const kw = /after\s*$/.exec(text.slice(0, a));
    if (!kw) return undefined;
    let start = a - kw[0].length;
    let end = b;
    while (start > 0 && (text[start - 1] === " " || text[start - 1] === "\t")) start--;
    const lineStart = text.lastIndexOf("\n", start - 1) + 1;
    const rest = /^[ \t]*(\r?\n|$)/.exec(text.slice(end));
    // A clause on a line of its own goes with its line.
    if (start === lineStart && rest) end += rest[0].length;
    return { start: pos(start), end: pos(end) };
  }
  return undefined;
}

/** Duration ↔ effort on the task under the cursor: effort = duration × total share. */
function convertLength(analysis: Analysis, docAst: ast.Document, range: LspRange): CodeAction | undefined {
  const offsetTask = allTasks(docAst.tasks).filter((t) => t.children.length === 0 && overlaps(t.range, range));
  const task = offsetTask.length === 1 ? offsetTask[0]! : undefined;
  if (!task) return undefined;
  const model = analysis.plan.tasks.find((m) => m.node === task);
  const share = model?.assignments.reduce((s, a) => s + a.share, 0) ?? 0;
  const from = task.duration ? "duration" : task.effort ? "effort" : undefined;
  const lit = task.duration ?? task.effort;
  const field = task.fields.find((f) => f.keyword === from);
  if (!from || !lit || lit.elapsed || !field || share <= 0 || (task.duration && task.effort)) return undefined;
  const to = from === "duration" ? "effort" : "duration";
  const value = Math.round((from === "duration" ? lit.value * share : lit.value / share) * 100) / 100;
  const newText = `${to} ${value}${lit.unit}`;
  const r = { start: { line: field.range.start.line, character: field.range.start.col }, end: toLspRange(lit.range).end };
  const uri = model!.uri;
  return { title: `Convert to ${newText} (total share ${Math.round(share * 100)}%)`, kind: CodeActionKind.RefactorRewrite, edit: edit(uri, [{ range: r, newText }]) };
}

/** Wrap the sibling tasks inside the selection in a new phase, fixing references to them. */
function extractPhase(doc: TextDocument, analysis: Analysis, docAst: ast.Document, range: LspRange): CodeAction | undefined {
  if (range.start.line === range.end.line && range.start.character === range.end.character) return undefined;
  const [from, to] = [doc.offsetAt(range.start), doc.offsetAt(range.end)];
  const off = (p: ast.Pos) => offsetIn(doc, p);
  const siblingsOf = (list: ast.Task[], parent: ast.Task | undefined): { parent: ast.Task | undefined; chosen: ast.Task[]; siblings: ast.Task[] } | undefined => {
    const chosen = list.filter((t) => off(t.range.start) >= from && off(t.range.end) <= to);
    if (chosen.length) return { parent, chosen, siblings: list };
    for (const t of list) if (off(t.range.start) <= from && to <= off(t.range.end)) return siblingsOf(t.children, t);
    return undefined;
  };
  const found = siblingsOf(docAst.tasks, undefined);
  if (!found) return undefined;
  const { parent, chosen, siblings } = found;
  const taken = new Set(siblings.map((t) => t.id?.text));
  let id = "new_phase";
  for (let n = 2; taken.has(id); n++) id = `new_phase${n}`;
  const parentModel = parent ? analysis.plan.tasks.find((m) => m.node === parent) : undefined;
  const prefix = parentModel ? `${parentModel.id}.` : "";

  const firstLine = chosen[0]!.range.start.line;
  const lastLine = chosen[chosen.length - 1]!.range.end.line;
  const indent = /^[ \t]*/.exec(doc.getText({ start: { line: firstLine, character: 0 }, end: { line: firstLine + 1, character: 0 } }))![0];
  // The phase header and the first line's extra indentation: one insertion.
  const edits: TextEdit[] = [{ range: { start: { line: firstLine, character: 0 }, end: { line: firstLine, character: 0 } }, newText: `${indent}task ${id} "New phase" {\n  ` }];
  for (let l = firstLine + 1; l <= lastLine; l++) {
    if (doc.getText({ start: { line: l, character: 0 }, end: { line: l + 1, character: 0 } }).trim()) edits.push({ range: { start: { line: l, character: 0 }, end: { line: l, character: 0 } }, newText: "  " });
  }
  const end = doc.positionAt(off(chosen[chosen.length - 1]!.range.end));
  edits.push({ range: { start: end, end }, newText: `\n${indent}}` });

  // References to moved tasks: rewrite dotted ones and those from outside to the new full path.
  const moved = chosen.map((t) => analysis.plan.tasks.find((m) => m.node === t)?.id).filter((x): x is string => !!x);
  const [groupFrom, groupTo] = [off(chosen[0]!.range.start), off(chosen[chosen.length - 1]!.range.end)];
  const changes: Record<string, TextEdit[]> = { [doc.uri]: edits };
  for (const ref of analysis.symbols.references) {
    const target = ref.target?.kind === "task" ? ref.target.id : undefined;
    const root = target && moved.find((m) => target === m || target.startsWith(m + "."));
    if (!target || !root) continue;
    const inside = ref.uri === doc.uri && off(ref.range.start) >= groupFrom && off(ref.range.end) <= groupTo;
    if (inside && ref.segments.length === 1) continue;
    (changes[ref.uri] ??= []).push({ range: toLspRange(ref.range), newText: `${prefix}${id}.${target.slice(prefix.length)}` });
  }
  return { title: `Extract ${chosen.length} task${chosen.length > 1 ? "s" : ""} into a new phase`, kind: CodeActionKind.RefactorExtract, edit: { changes } };
}
