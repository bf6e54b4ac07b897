// What an analysis after an edit can keep from the one before. An edit inside tasks that
// keeps every name — a task's name, a length, a note, a date, a comment — leaves the
// resolution's indices as they were: the same tasks, ids, phases and references, only
// some AST nodes new. The parse keeps the top-level declarations the edit did not touch
// as the same objects (grammar/index.ts), so the new ones are found by identity, and each
// is paired with its old counterpart node by node. Everything the earlier stages made
// from names alone (resolution, link checks) is then carried over with the nodes and
// ranges swapped for their counterparts; everything a task's own fields decide (its
// checks, its model) is made again for the new tasks only.
import type * as ast from "./ast";
import type { Diagnostic } from "./diagnostics";
import type { TaskModel } from "./model";
import type { RefIndex, Resolution, SourceDocument } from "./resolve";
import type { Definition } from "./symbols";

/** Old AST objects (nodes, identifiers, references, ranges) → their counterparts after the edit. */
export type Counterparts = Map<object, object>;

/** An edit that kept every name: the top-level tasks it replaced, and every old object's counterpart. */
export interface Edit {
  same: Counterparts;
  /** The top-level tasks replaced, old and new. */
  tasks: [ast.Task, ast.Task][];
}

/**
 * The counterparts of an edit, when only tasks changed and every changed task kept its
 * names: the same documents in the same order, each the same or with the same
 * declarations but for tasks whose names, references and phases read as before.
 * Undefined when the edit changed anything else (an analysis from scratch follows).
 */
export function counterparts(before: readonly SourceDocument[], after: readonly SourceDocument[]): Edit | undefined {
  if (before.length !== after.length) return undefined;
  const same: Counterparts = new Map();
  const tasks: [ast.Task, ast.Task][] = [];
  for (let i = 0; i < before.length; i++) {
    const a = before[i]!;
    const b = after[i]!;
    if (a.uri !== b.uri) return undefined;
    if (a.document === b.document) continue;
    const x = a.document;
    const y = b.document;
    if (x.project !== y.project || !sameItems(x.imports, y.imports) || !sameItems(x.extraProjects, y.extraProjects)) return undefined;
    if (!sameItems(x.calendars, y.calendars) || !sameItems(x.resources, y.resources) || !sameItems(x.risks, y.risks)) return undefined;
    if (x.tasks.length !== y.tasks.length) return undefined;
    for (let k = 0; k < x.tasks.length; k++) {
      const t = x.tasks[k]!;
      const u = y.tasks[k]!;
      if (t === u) continue;
      if (!sameNames(t, u)) return undefined;
      pairTask(t, u, same);
      tasks.push([t, u]);
    }
  }
  return { same, tasks };
}

function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Whether two tasks define and reference the same names in the same places (what resolution reads). */
function sameNames(a: ast.Task, b: ast.Task): boolean {
  if (a.id?.text !== b.id?.text || !sameRef(a.calendar, b.calendar)) return false;
  if (a.assignments.length !== b.assignments.length || a.deps.length !== b.deps.length || a.children.length !== b.children.length) return false;
  for (let i = 0; i < a.assignments.length; i++) if (!sameRef(a.assignments[i]!.resource, b.assignments[i]!.resource)) return false;
  for (let i = 0; i < a.deps.length; i++) if (!sameRef(a.deps[i]!.target, b.deps[i]!.target)) return false;
  for (let i = 0; i < a.children.length; i++) if (!sameNames(a.children[i]!, b.children[i]!)) return false;
  return true;
}

function sameRef(a: ast.Ref | undefined, b: ast.Ref | undefined): boolean {
  if (!a || !b) return a === b;
  if (a.segments.length !== b.segments.length) return false;
  for (let i = 0; i < a.segments.length; i++) if (a.segments[i]!.text !== b.segments[i]!.text) return false;
  return true;
}

const pair = (same: Counterparts, a: ast.Node, b: ast.Node) => {
  same.set(a, b);
  same.set(a.range, b.range);
};

/** Pairs two tasks with the same names (see `sameNames`), node by node, down their phases. */
function pairTask(a: ast.Task, b: ast.Task, same: Counterparts): void {
  pair(same, a, b);
  if (a.id && b.id) pair(same, a.id, b.id);
  if (a.calendar && b.calendar) pairRef(a.calendar, b.calendar, same);
  for (let i = 0; i < a.assignments.length; i++) {
    pair(same, a.assignments[i]!, b.assignments[i]!);
    pairRef(a.assignments[i]!.resource, b.assignments[i]!.resource, same);
  }
  for (let i = 0; i < a.deps.length; i++) {
    pair(same, a.deps[i]!, b.deps[i]!);
    pairRef(a.deps[i]!.target, b.deps[i]!.target, same);
  }
  for (let i = 0; i < a.children.length; i++) pairTask(a.children[i]!, b.children[i]!, same);
}

function pairRef(a: ast.Ref, b: ast.Ref, same: Counterparts): void {
  pair(same, a, b);
  for (let i = 0; i < a.segments.length; i++) pair(same, a.segments[i]!, b.segments[i]!);
}

/**
 * The references of an edited resolution: those of the edited tasks in a map of their
 * own over the map of the last resolution from scratch, which is not copied. The old
 * references the edit replaced are left in the base map, unreachable: their nodes are
 * no longer in any document.
 */
class EditedRefs implements RefIndex {
  private constructor(
    private readonly base: Map<ast.Ref, number>,
    private readonly moved: Map<ast.Ref, number>,
  ) {}

  static after(refs: RefIndex, same: Counterparts): EditedRefs {
    const [base, earlier] = refs instanceof EditedRefs ? [refs.base, refs.moved] : [refs as Map<ast.Ref, number>, undefined];
    const moved = new Map<ast.Ref, number>();
    // References moved by an earlier edit stay moved, unless this edit replaced them again.
    if (earlier) for (const [ref, index] of earlier) if (!same.has(ref)) moved.set(ref, index);
    for (const [old, now] of same) {
      const index = refs.get(old as ast.Ref);
      if (index !== undefined) moved.set(now as ast.Ref, index);
    }
    return new EditedRefs(base, moved);
  }

  get(ref: ast.Ref): number | undefined {
    return this.moved.get(ref) ?? this.base.get(ref);
  }
}

const swap = <T extends object>(same: Counterparts, x: T): T => (same.get(x) as T | undefined) ?? x;

/**
 * Where each top-level task's entries lie, and which references point at each task
 * entry: made on the first edit after a resolution from scratch, then handed on, since
 * edits that keep every name move no entry and no reference.
 */
interface Spans {
  /** Each top-level task with entries: its entries [from, to) (its phase's tasks follow it). */
  top: Map<ast.Task, [number, number]>;
  /** The references whose target is task entry k: `targetedBy[targetStart[k] … targetStart[k + 1])`. */
  targetStart: Int32Array;
  targetedBy: Int32Array;
}

const spansOf = new WeakMap<Resolution, Spans>();

function spans(r: Resolution): Spans {
  let s = spansOf.get(r);
  if (s) return s;
  const top = new Map<ast.Task, [number, number]>();
  let open: [number, number] | undefined;
  for (const t of r.tasks) {
    if (t.parent === undefined) top.set(t.node, (open = [t.index, t.index + 1]));
    else open![1] = t.index + 1;
  }
  const n = r.tasks.length;
  const refs = r.symbols.references;
  const targetStart = new Int32Array(n + 1);
  for (const ref of refs) if (ref.target?.kind === "task") targetStart[ref.target.index + 1]++;
  for (let k = 0; k < n; k++) targetStart[k + 1] += targetStart[k]!;
  const next = targetStart.slice(0, n);
  const targetedBy = new Int32Array(targetStart[n]!);
  refs.forEach((ref, j) => {
    if (ref.target?.kind === "task") targetedBy[next[ref.target.index]!++] = j;
  });
  spansOf.set(r, (s = { top, targetStart, targetedBy }));
  return s;
}

/**
 * The resolution of the edited documents: the same indices, the new nodes and ranges.
 * Only the parts of the replaced top-level tasks are made again — their entries,
 * definitions and references, and the references pointing at them — the rest is shared.
 */
export function rebaseResolution(r: Resolution, edit: Edit): Resolution {
  const { same } = edit;
  const { top, targetStart, targetedBy } = spans(r);
  const { definitionOf, referenceStart } = r.layout;
  const tasks = r.tasks.slice();
  const definitions = r.symbols.definitions.slice();
  const references = r.symbols.references.slice();
  const moved = new Map<Definition, Definition>();
  const nextTop = new Map(top);
  const replaced: [number, number][] = [];
  for (const [old, now] of edit.tasks) {
    const span = top.get(old);
    if (!span) continue; // no entries: no id, or a duplicate
    nextTop.delete(old);
    nextTop.set(now, span);
    replaced.push(span);
    for (let k = span[0]; k < span[1]; k++) {
      tasks[k] = { ...tasks[k]!, node: swap(same, tasks[k]!.node) };
      const d = definitions[definitionOf[k]!]!;
      const moves = Object.freeze({ ...d, range: swap(same, d.range), fullRange: swap(same, d.fullRange) });
      definitions[definitionOf[k]!] = moves;
      moved.set(d, moves);
    }
  }
  // Each reference made again from the old one: its ranges moved, its target the moved definition.
  const rebase = (j: number) => {
    const ref = r.symbols.references[j]!;
    const range = swap(same, ref.range);
    const target = ref.target && (moved.get(ref.target) ?? ref.target);
    references[j] = Object.freeze({ ...ref, range, segments: range === ref.range ? ref.segments : ref.segments.map((x) => swap(same, x)), target });
  };
  for (const [from, to] of replaced) {
    for (let j = referenceStart[from]!; j < referenceStart[to]!; j++) rebase(j);
    for (let i = targetStart[from]!; i < targetStart[to]!; i++) rebase(targetedBy[i]!);
  }
  const symbols = { definitions: Object.freeze(definitions), references: Object.freeze(references) } as Resolution["symbols"];
  const rebased: Resolution = { ...r, tasks, refs: EditedRefs.after(r.refs, same), symbols, diagnostics: r.diagnostics.map((d) => rebaseDiagnostic(d, same)) };
  spansOf.set(rebased, { top: nextTop, targetStart, targetedBy });
  return rebased;
}

/** A finding about names, with its ranges moved to their counterparts. */
export function rebaseDiagnostic(d: Diagnostic, same: Counterparts): Diagnostic {
  const moves = (r: ast.Range) => same.has(r);
  if (!moves(d.range) && !d.related?.some((r) => moves(r.range)) && !(d.fix?.kind === "dropLink" && d.fix.links.some((l) => moves(l.range)))) return d;
  const now: Diagnostic = { ...d, range: swap(same, d.range) };
  if (d.related) now.related = d.related.map((r) => ({ ...r, range: swap(same, r.range) }));
  if (d.fix?.kind === "dropLink") now.fix = { ...d.fix, links: d.fix.links.map((l) => ({ ...l, range: swap(same, l.range) })) };
  return now;
}

/**
 * Whether the scheduler sees two models of a task as one: they differ at most in what no
 * date, cost or finding but a message depends on (name, notes, AST nodes).
 */
export function sameForScheduling(a: TaskModel, b: TaskModel): boolean {
  for (const key in a) {
    const k = key as keyof TaskModel;
    if (k === "name" || k === "notes" || k === "node") continue;
    if (!sameValue(a[k], b[k])) return false;
  }
  return true;
}

/** Deep equality of model values; AST nodes (`node` fields) and calendars are compared by identity. */
function sameValue(x: unknown, y: unknown): boolean {
  if (x === y) return true;
  if (typeof x !== "object" || typeof y !== "object" || x === null || y === null) return false;
  if (Array.isArray(x)) return Array.isArray(y) && x.length === y.length && x.every((v, i) => sameValue(v, y[i]));
  if ("workdays" in x) return false; // a calendar: the same object or not the same
  const a = x as Record<string, unknown>;
  const b = y as Record<string, unknown>;
  for (const k in a) if (k !== "node" && !sameValue(a[k], b[k])) return false;
  for (const k in b) if (!(k in a)) return false;
  return true;
}
