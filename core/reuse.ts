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
import type { Resolution, SourceDocument } from "./resolve";
import type { Definition } from "./symbols";
import { groupByKey } from "./group";

/** An edit that kept every name: the top-level tasks it replaced, and the counterparts of what later stages point at. */
export interface Edit {
  /** The top-level tasks replaced, old and new. */
  tasks: [ast.Task, ast.Task][];
  /** Old tasks and links → their counterparts. */
  nodes: Map<object, object>;
  /** The ranges that earlier findings point at → their counterparts. */
  ranges: Map<ast.Range, ast.Range>;
}

/**
 * The counterparts of an edit, when only tasks changed and every changed task kept its
 * names: the same documents in the same order, each the same or with the same
 * declarations but for tasks whose names, references and phases read as before.
 * Undefined when the edit changed anything else (an analysis from scratch follows).
 * `findings` are the earlier ones that will be kept: only their ranges are paired.
 */
export function counterparts(before: readonly SourceDocument[], after: readonly SourceDocument[], findings: readonly Diagnostic[]): Edit | undefined {
  if (!onlyTasksDiffer(before, after)) return undefined;
  const wanted = new Set<ast.Range>();
  for (const d of findings) {
    wanted.add(d.range);
    for (const r of d.related ?? []) wanted.add(r.range);
    if (d.fix?.kind === "dropLink") for (const l of d.fix.links) wanted.add(l.range);
  }
  const edit: Edit = { tasks: [], nodes: new Map(), ranges: new Map() };
  const pairing = new Pairing(edit, wanted);
  for (let i = 0; i < before.length; i++) {
    const x = before[i]!.document;
    const y = after[i]!.document;
    if (x === y) continue;
    if (x.tasks.length !== y.tasks.length) return undefined;
    for (let k = 0; k < x.tasks.length; k++) {
      const t = x.tasks[k]!;
      const u = y.tasks[k]!;
      if (t === u) continue;
      if (!sameNames(t, u)) return undefined;
      pairing.task(t, u);
      edit.tasks.push([t, u]);
    }
  }
  return edit;
}

/**
 * Whether the edit changed tasks only: the same documents in the same order, each the same
 * or with the same declarations but for its tasks.
 */
export function onlyTasksDiffer(before: readonly SourceDocument[], after: readonly SourceDocument[]): boolean {
  if (before.length !== after.length) return false;
  for (let i = 0; i < before.length; i++) {
    const a = before[i]!;
    const b = after[i]!;
    if (a.uri !== b.uri) return false;
    const x = a.document;
    const y = b.document;
    if (x === y) continue;
    if (x.project !== y.project || !sameItems(x.imports, y.imports) || !sameItems(x.extraProjects, y.extraProjects)) return false;
    if (!sameItems(x.calendars, y.calendars) || !sameItems(x.resources, y.resources) || !sameItems(x.risks, y.risks)) return false;
  }
  return true;
}

/**
 * After an edit of tasks only (`onlyTasksDiffer`), resolved again from scratch as `after`:
 * how many task entries, from the first, are where they were — each with the same parent in
 * the same document — when every reference outside tasks (calendars of the project and
 * resources, risks) resolved as before; undefined otherwise. All of them after a rename or
 * a reference that names another task; those before an added or removed task after one
 * that adds or removes tasks. The resources, calendars and risks are then as they were,
 * and the model of each task in its place is kept unless `relowered` says otherwise.
 */
export function placesKept(before: Resolution, after: Resolution): number | undefined {
  if (before.refs.size !== after.refs.size) return undefined;
  for (const [ref, index] of before.refs) if (after.refs.get(ref) !== index) return undefined;
  const n = Math.min(before.tasks.length, after.tasks.length);
  let k = 0;
  while (k < n && before.tasks[k]!.parent === after.tasks[k]!.parent && before.tasks[k]!.uri === after.tasks[k]!.uri) k++;
  return k;
}

/**
 * Whether task entry `k`, in its place (`placesKept`), must be lowered again: its node is
 * new, its path changed (it or a phase around it was renamed), one of its references now
 * resolves elsewhere (another task, or the same one at another index), or one of its links
 * is now left out or in (`dropped`: the links left out before and after). Lowering reads
 * nothing else that such an edit can change.
 */
export function relowered(before: Resolution, after: Resolution, k: number, dropped: [ReadonlySet<ast.Dependency>, ReadonlySet<ast.Dependency>]): boolean {
  const a = before.tasks[k]!;
  const b = after.tasks[k]!;
  // The same node has the same children: an edit that added or removed one replaced it.
  if (a.node !== b.node || a.id !== b.id) return true;
  // The same node: the same references, written in the same order.
  const from = before.layout.referenceStart[k]!;
  const to = before.layout.referenceStart[k + 1]!;
  const shift = after.layout.referenceStart[k]! - from;
  for (let j = from; j < to; j++) if (before.symbols.references[j]!.target?.index !== after.symbols.references[j + shift]!.target?.index) return true;
  // A link the validators now leave out (a cycle closed by a rename), or no longer do.
  const deps = b.node.deps;
  for (let i = 0; i < deps.length; i++) if (dropped[0].has(deps[i]!) !== dropped[1].has(deps[i]!)) return true;
  return false;
}

/** Whether two lists hold the same items (by identity) in the same order. */
export function sameItems<T>(a: ArrayLike<T>, b: ArrayLike<T>): boolean {
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

/** Pairs two tasks with the same names (see `sameNames`), node by node, down their phases. */
class Pairing {
  constructor(
    private readonly edit: Edit,
    private readonly wanted: ReadonlySet<ast.Range>,
  ) {}

  task(a: ast.Task, b: ast.Task): void {
    this.edit.nodes.set(a, b);
    this.range(a, b);
    if (a.id && b.id) this.range(a.id, b.id);
    if (a.calendar && b.calendar) this.range(a.calendar, b.calendar);
    for (let i = 0; i < a.assignments.length; i++) this.range(a.assignments[i]!.resource, b.assignments[i]!.resource);
    for (let i = 0; i < a.deps.length; i++) {
      this.edit.nodes.set(a.deps[i]!, b.deps[i]!);
      this.range(a.deps[i]!, b.deps[i]!);
      this.range(a.deps[i]!.target, b.deps[i]!.target);
    }
    for (let i = 0; i < a.children.length; i++) this.task(a.children[i]!, b.children[i]!);
  }

  private range(a: ast.Node, b: ast.Node): void {
    if (this.wanted.has(a.range)) this.edit.ranges.set(a.range, b.range);
  }
}

const swap = <T extends object>(map: ReadonlyMap<T, T>, x: T): T => map.get(x) ?? x;

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
  const refs = r.symbols.references;
  const target = new Int32Array(refs.length);
  for (let j = 0; j < refs.length; j++) target[j] = refs[j]!.target?.kind === "task" ? refs[j]!.target!.index : -1;
  const { start: targetStart, items: targetedBy } = groupByKey(target, r.tasks.length);
  spansOf.set(r, (s = { top, targetStart, targetedBy }));
  return s;
}

/**
 * The resolution of the edited documents: the same indices, the new nodes and ranges.
 * Only the parts of the replaced top-level tasks are made again — their entries,
 * definitions and references, and the references pointing at them — the rest is shared.
 */
export function rebaseResolution(r: Resolution, edit: Edit): Resolution {
  const { top, targetStart, targetedBy } = spans(r);
  const { definitionOf, referenceStart } = r.layout;
  // Copied by spreading: `slice` of a frozen array takes V8's slow path (8× slower).
  const tasks = [...r.tasks];
  const definitions = [...r.symbols.definitions];
  const references = [...r.symbols.references];
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
      const node = edit.nodes.get(tasks[k]!.node) as ast.Task;
      tasks[k] = { ...tasks[k]!, node };
      const d = definitions[definitionOf[k]!]!;
      const moves = Object.freeze({ ...d, range: node.id!.range, fullRange: node.range });
      definitions[definitionOf[k]!] = moves;
      moved.set(d, moves);
    }
  }
  const retarget = (j: number) => {
    const ref = r.symbols.references[j]!;
    const target = ref.target && (moved.get(ref.target) ?? ref.target);
    if (target !== ref.target) references[j] = Object.freeze({ ...ref, target });
  };
  for (const [from, to] of replaced) for (let i = targetStart[from]!; i < targetStart[to]!; i++) retarget(targetedBy[i]!);
  // The references written in a replaced task, made again from its new node, in the order
  // resolve records them: its calendar, its assignments' resources, its links' targets.
  for (const [from, to] of replaced) {
    for (let k = from; k < to; k++) {
      let j = referenceStart[k]!;
      const rewrite = (now: ast.Ref | undefined) => {
        if (!now) return;
        const ref = r.symbols.references[j]!;
        const target = ref.target && (moved.get(ref.target) ?? ref.target);
        references[j++] = Object.freeze({ ...ref, range: now.range, segments: now.segments, target });
      };
      const node = tasks[k]!.node;
      rewrite(node.calendar);
      for (const a of node.assignments) rewrite(a.resource);
      for (const d of node.deps) rewrite(d.target);
    }
  }
  const symbols = { definitions: Object.freeze(definitions), references: Object.freeze(references) } as Resolution["symbols"];
  const diagnostics = r.diagnostics.map((d) => rebaseDiagnostic(d, edit.ranges));
  const rebased: Resolution = { ...r, tasks, symbols, diagnostics };
  spansOf.set(rebased, { top: nextTop, targetStart, targetedBy });
  return rebased;
}

/** A finding about names, with its ranges moved to their counterparts. */
export function rebaseDiagnostic(d: Diagnostic, ranges: ReadonlyMap<ast.Range, ast.Range>): Diagnostic {
  const moves = (r: ast.Range) => ranges.has(r);
  if (!moves(d.range) && !d.related?.some((r) => moves(r.range)) && !(d.fix?.kind === "dropLink" && d.fix.links.some((l) => moves(l.range)))) return d;
  const now: Diagnostic = { ...d, range: swap(ranges, d.range) };
  if (d.related) now.related = d.related.map((r) => ({ ...r, range: swap(ranges, r.range) }));
  if (d.fix?.kind === "dropLink") now.fix = { ...d.fix, links: d.fix.links.map((l) => ({ ...l, range: swap(ranges, l.range) })) };
  return now;
}

/** What no date, cost or finding but a message depends on. */
const MESSAGE_ONLY: readonly (keyof TaskModel)[] = ["name", "notes", "node"];
const UNSCHEDULED: ReadonlySet<string> = new Set(MESSAGE_ONLY);
/** …and a task's length as written, which the scheduler's network reads of each task alone. */
const LENGTH: ReadonlySet<string> = new Set([...MESSAGE_ONLY, "lengthKind", "span", "estimate"] satisfies (keyof TaskModel)[]);

/**
 * Whether the scheduler sees two models of a task as one: they differ at most in what no
 * date, cost or finding but a message depends on (name, notes, AST nodes).
 */
export function sameForScheduling(a: TaskModel, b: TaskModel): boolean {
  return sameBut(a, b, UNSCHEDULED);
}

/**
 * Whether two models of a task work alike: on the same calendar, for the same resources at
 * the same assignments (what the bookings kept from before an edit are of).
 */
export function sameWork(a: TaskModel, b: TaskModel): boolean {
  return a.calendar === b.calendar && a.assignments.length === b.assignments.length && a.assignments.every((x, k) => x.resource === b.assignments[k]!.resource);
}

/** Whether two models of a task differ at most in their length and in what `sameForScheduling` ignores. */
export function sameButLength(a: TaskModel, b: TaskModel): boolean {
  return sameBut(a, b, LENGTH);
}

function sameBut(a: TaskModel, b: TaskModel, ignored: ReadonlySet<string>): boolean {
  for (const k in a) {
    if (ignored.has(k)) continue;
    if (!sameValue(a[k as keyof TaskModel], b[k as keyof TaskModel])) return false;
  }
  return true;
}

/** Deep equality of model values; AST nodes (`node` fields) and calendars are compared by identity. */
function sameValue(x: unknown, y: unknown): boolean {
  if (x === y) return true;
  if (typeof x !== "object" || typeof y !== "object" || x === null || y === null) return false;
  if (Array.isArray(x)) {
    if (!Array.isArray(y) || x.length !== y.length) return false;
    // Indexed: `every` would make a closure per array, for each of the tasks an edit changed.
    for (let i = 0; i < x.length; i++) if (!sameValue(x[i], y[i])) return false;
    return true;
  }
  if ("workdays" in x) return false; // a calendar: the same object or not the same
  const a = x as Record<string, unknown>;
  const b = y as Record<string, unknown>;
  for (const k in a) if (k !== "node" && !sameValue(a[k], b[k])) return false;
  for (const k in b) if (!(k in a)) return false;
  return true;
}
