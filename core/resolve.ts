// Name resolution: collects every definition of the plan and its imports (tasks as a WBS
// tree, resources, calendars and risks as flat namespaces), resolves every reference,
// and fills the symbol table. Reports unknown (201–203), ambiguous (204) and duplicate
// (205) names. Duplicates and id-less nodes (left by error recovery) are left out, so
// every entry here has a unique id and becomes one element of the PlanModel.
// Definitions and references are frozen as made (their parts come frozen from the
// parser), so the analysis's deep freeze skips them.
import type * as ast from "./ast";
import { diag, type Code, type Diagnostic } from "./diagnostics";
import { closestNames, didYouMean } from "./names";
import type { Definition, Reference, SymbolKind, SymbolTable } from "./symbols";

export interface SourceDocument {
  uri: string;
  document: ast.Document;
}

export interface TaskEntry {
  index: number;
  node: ast.Task;
  uri: string;
  id: string; // dotted path
  localId: string;
  parent: number | undefined;
  children: number[];
  depth: number;
  wbs: string;
}

export interface NamedEntry<N> {
  index: number;
  node: N;
  uri: string;
  id: string;
}

export interface Resolution {
  tasks: TaskEntry[]; // pre-order: the PlanModel order
  resources: NamedEntry<ast.Resource>[];
  calendars: NamedEntry<ast.Calendar>[];
  risks: NamedEntry<ast.Risk>[];
  /**
   * The entry index each reference outside tasks (the project's and resources' calendars,
   * risks) resolved to; absent when unknown or ambiguous. A task's references are read by
   * position instead (`calendarTarget`, `assignmentTarget`, `linkTarget`): no lookup by node,
   * and an edit that keeps every name rewrites them in place (core/reuse.ts).
   */
  refs: ReadonlyMap<ast.Ref, number>;
  symbols: SymbolTable;
  diagnostics: Diagnostic[];
  /** Where each task's part of the symbol table lies (an edit replaces just those parts: core/reuse.ts). */
  layout: {
    /** Task entry k's definition is `symbols.definitions[definitionOf[k]]`. */
    definitionOf: Int32Array;
    /** The references written in task entry k: `symbols.references[referenceStart[k] … referenceStart[k + 1])`. */
    referenceStart: Int32Array;
    /** Task entry k's children by name (undefined for a leaf). */
    childrenNamed: readonly (ReadonlyMap<string, number> | undefined)[];
  };
}

/** The entry the reference at position `j` of those written in task entry `t` resolved to. */
function targetAt(r: Resolution, t: TaskEntry, j: number): number | undefined {
  return r.symbols.references[r.layout.referenceStart[t.index]! + j]!.target?.index;
}

// A task's references come in the order `resolve` records them: its calendar, if it names
// one, then each assignment's resource, then each link's target.

/** The calendar task entry `t` names resolved to; undefined without one, or when unknown. */
export function calendarTarget(r: Resolution, t: TaskEntry): number | undefined {
  return t.node.calendar ? targetAt(r, t, 0) : undefined;
}

/** The resource of assignment `i` of task entry `t`; undefined when unknown. */
export function assignmentTarget(r: Resolution, t: TaskEntry, i: number): number | undefined {
  return targetAt(r, t, (t.node.calendar ? 1 : 0) + i);
}

/** The predecessor of link `i` of task entry `t`; undefined when unknown or ambiguous. */
export function linkTarget(r: Resolution, t: TaskEntry, i: number): number | undefined {
  return targetAt(r, t, (t.node.calendar ? 1 : 0) + t.node.assignments.length + i);
}

/** A reference as written (`build.data`), or its first `count` segments. */
function refText(ref: ast.Ref, count = ref.segments.length): string {
  const segments = ref.segments;
  let text = count > 0 ? segments[0]!.text : "";
  for (let i = 1; i < count; i++) text += `.${segments[i]!.text}`;
  return text;
}

/**
 * How many of the tasks an ambiguous name could mean its diagnostic names, in its message,
 * related locations and quick fixes: in a large plan a name like `t0` can mean a thousand.
 */
const AMBIGUOUS_LISTED = 5;

/**
 * The tasks' indices by local id, in plan order. A function of its own: as a branch of the
 * closure that asks for it (made again at every resolution), V8 de-optimised that closure
 * at every analysis after an edit that changed a name.
 */
function groupByLocalId(tasks: readonly TaskEntry[]): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (let i = 0; i < tasks.length; i++) {
    const t = tasks[i]!;
    const list = out.get(t.localId);
    if (list) list.push(t.index);
    else out.set(t.localId, [t.index]);
  }
  return out;
}

/**
 * Resolves the names of `docs` (the main document first, then its imports). Given the
 * resolution of the same documents before an edit, the leading top-level tasks the edit
 * left as they were (the same nodes, in the same places) keep their entries and
 * definitions, and every resource, calendar and risk its definition: the same objects,
 * as resolving from scratch would make them again.
 */
export function resolve(docs: SourceDocument[], previous?: Resolution): Resolution {
  const refs = new Map<ast.Ref, number>();
  const r: Resolution = {
    tasks: [],
    resources: [],
    calendars: [],
    risks: [],
    refs,
    symbols: { definitions: [], references: [] },
    diagnostics: [],
    layout: { definitionOf: new Int32Array(0), referenceStart: new Int32Array(0), childrenNamed: [] },
  };
  const definitionOf: number[] = [];
  const defs = { task: [] as Definition[], resource: [] as Definition[], calendar: [] as Definition[], risk: [] as Definition[] };
  const topLevel: number[] = [];
  /** Top-level tasks by name. */
  const topNamed = new Map<string, number>();
  /** Children by name, by the index of their parent (undefined for a leaf). */
  const childrenNamed: (ReadonlyMap<string, number> | undefined)[] = [];
  const findChild = (parent: number | undefined, name: string) => (parent === undefined ? topNamed : childrenNamed[parent])?.get(name);

  // The previous definitions of resources, calendars and risks, by kind and index.
  const before = { task: [] as Definition[], resource: [] as Definition[], calendar: [] as Definition[], risk: [] as Definition[] };
  for (let i = 0; previous && i < previous.symbols.definitions.length; i++) {
    const d = previous.symbols.definitions[i]!;
    if (d.kind !== "task") before[d.kind][d.index] = d;
  }
  const add = (d: Definition) => {
    if (d.kind === "task") definitionOf[d.index] = r.symbols.definitions.length;
    defs[d.kind].push(d);
    r.symbols.definitions.push(d);
  };
  const define = (kind: SymbolKind, id: string, localId: string, uri: string, ident: ast.Ident, node: ast.Node, index: number) => {
    const was = before[kind][index];
    const same = was && was.id === id && was.uri === uri && was.range === ident.range && was.fullRange === node.range;
    add(same ? was : Object.freeze({ kind, id, localId, uri, range: ident.range, fullRange: node.range, index }));
  };

  /** How many task entries, from the first, `adopt` took. */
  let adopted = 0;
  /**
   * Takes the previous entries of the top-level task `node` and its subtasks, when it is the
   * next one there was: the same node then has the same subtree, and the same tasks before
   * it, so it resolves as it did. Returns whether it did.
   */
  const adopt = (node: ast.Task, uri: string): boolean => {
    const old = previous!.tasks;
    const from = r.tasks.length;
    const first = old[from];
    if (!first || first.node !== node || first.uri !== uri || first.parent !== undefined) return false;
    let to = from + 1;
    while (to < old.length && old[to]!.parent !== undefined) to++;
    for (let k = from; k < to; k++) {
      r.tasks.push(old[k]!);
      childrenNamed.push(previous!.layout.childrenNamed[k]);
      add(previous!.symbols.definitions[previous!.layout.definitionOf[k]!]!);
    }
    topLevel.push(from);
    topNamed.set(first.localId, from);
    adopted = to;
    return true;
  };

  const duplicate = (kind: string, id: string, uri: string, ident: ast.Ident, first: { uri: string; range: ast.Range }) =>
    r.diagnostics.push(
      diag("GANTRY205", uri, ident.range, `The ${kind} \`${id}\` is defined twice. Rename one of them; identifiers must be unique.`, {
        related: [{ uri: first.uri, range: first.range, message: `first definition of \`${id}\`` }],
      }),
    );

  // Tasks: a tree; imported files' top-level tasks join the main file's top level.
  // The loops over tasks are indexed: they run once per analysis, mostly before the JIT has
  // optimised them, and a `for … of` there allocates an iterator result per element.
  const addTasks = (nodes: ast.Task[], uri: string, parent: TaskEntry | undefined, siblings: number[], named: Map<string, number>, from = 0) => {
    for (let k = from; k < nodes.length; k++) {
      const node = nodes[k]!;
      if (!node.id) continue;
      const localId = node.id.text;
      const clashIndex = named.get(localId);
      if (clashIndex !== undefined) {
        const clash = r.tasks[clashIndex]!;
        duplicate("task", clash.id, uri, node.id, { uri: clash.uri, range: clash.node.id!.range });
        continue;
      }
      const index = r.tasks.length;
      const position = siblings.length + 1;
      const entry: TaskEntry = {
        index,
        node,
        uri,
        id: parent ? `${parent.id}.${localId}` : localId,
        localId,
        parent: parent?.index,
        children: [],
        depth: parent ? parent.depth + 1 : 0,
        wbs: parent ? `${parent.wbs}.${position}` : `${position}`,
      };
      const kids = node.children.length > 0 ? new Map<string, number>() : undefined;
      r.tasks.push(entry);
      childrenNamed.push(kids);
      siblings.push(index);
      named.set(localId, index);
      define("task", entry.id, localId, uri, node.id, node, index);
      if (kids) addTasks(node.children, uri, entry, entry.children, kids);
    }
  };

  const flatIndex: Record<Exclude<SymbolKind, "task">, Map<string, number>> = { resource: new Map(), calendar: new Map(), risk: new Map() };

  // Flat namespaces shared across files.
  const addNamed = <N extends { id: ast.Ident | undefined } & ast.Node>(
    kind: Exclude<SymbolKind, "task">,
    nodes: N[],
    uri: string,
    into: NamedEntry<N>[],
  ) => {
    for (const node of nodes) {
      if (!node.id) continue;
      const id = node.id.text;
      const clashIndex = flatIndex[kind].get(id);
      if (clashIndex !== undefined) {
        const clash = into[clashIndex]!;
        duplicate(kind, id, uri, node.id, { uri: clash.uri, range: clash.node.id!.range });
        continue;
      }
      const index = into.length;
      into.push({ index, node, uri, id });
      flatIndex[kind].set(id, index);
      define(kind, id, id, uri, node.id, node, index);
    }
  };

  /** Whether the tasks so far are the previous resolution's leading ones. */
  let adopting = previous !== undefined;
  for (const { uri, document } of docs) {
    let k = 0;
    // A top-level task without an id makes no entry, now as before.
    for (; adopting && k < document.tasks.length; k++) if (document.tasks[k]!.id && !(adopting = adopt(document.tasks[k]!, uri))) break;
    addTasks(document.tasks, uri, undefined, topLevel, topNamed, k);
    addNamed("resource", document.resources, uri, r.resources);
    addNamed("calendar", document.calendars, uri, r.calendars);
    addNamed("risk", document.risks, uri, r.risks);
  }

  const report = (code: Code, uri: string, ref: ast.Ref, message: string, candidates: string[]) =>
    r.diagnostics.push(
      diag(code, uri, ref.range, message + didYouMean(candidates), candidates.length ? { fix: { kind: "replace", candidates } } : {}),
    );

  /** Whether references are recorded for tasks, which are read by position (not put in `refs`). */
  let inTasks = false;
  /**
   * Where the previous resolution recorded its reference in the place of the one `record`
   * makes next, if it has one there (-1 otherwise): one made from the same AST reference,
   * resolved to the same definition, is kept.
   */
  let cursor = -1;
  // The reference's segments are the parser's frozen identifiers: `{ text, range }` each.
  const record = (kind: SymbolKind, uri: string, ref: ast.Ref, index: number | undefined) => {
    if (index !== undefined && !inTasks) refs.set(ref, index);
    const target = index === undefined ? undefined : defs[kind][index];
    const was = cursor >= 0 ? previous!.symbols.references[cursor++] : undefined;
    const same = was && was.segments === ref.segments && was.range === ref.range && was.target === target && was.uri === uri && was.kind === kind;
    r.symbols.references.push(same ? was : (Object.freeze({ kind, uri, range: ref.range, segments: ref.segments, target }) as Reference));
  };

  /** Tasks by local id, in plan order; made on the first reference that needs it. */
  let byLocalId: Map<string, number[]> | undefined;
  const tasksNamed = (localId: string): readonly number[] => (byLocalId ??= groupByLocalId(r.tasks)).get(localId) ?? [];

  // A task's name as a candidate: its local id when that is unique (and the name typed is
  // not dotted), else its full path. The two lists are made once, on the first typo.
  const candidateLists: [string[]?, string[]?] = [];
  const taskCandidates = (typed: string) => {
    const dotted = typed.includes(".") ? 1 : 0;
    const names = (candidateLists[dotted] ??= r.tasks.map((t) => (tasksNamed(t.localId).length === 1 && !dotted ? t.localId : t.id)));
    return closestNames(typed, names);
  };

  /** Whether the path of task `index` ends with the reference's segments. */
  const endsWith = (index: number, ref: ast.Ref) => {
    let at: number | undefined = index;
    for (let i = ref.segments.length - 1; i >= 0; i--) {
      if (at === undefined || r.tasks[at]!.localId !== ref.segments[i]!.text) return false;
      at = r.tasks[at]!.parent;
    }
    return true;
  };

  /**
   * The `limit` tasks of `tasks` (in plan order) nearest to a reference made inside `scope`:
   * by the depth of the deepest phase they share with it, then in plan order. Picked in one
   * pass, without sorting them all: a name like `t0` can mean a thousand.
   */
  const nearest = (tasks: readonly number[], scope: number | undefined, limit: number): number[] => {
    const shares = new Map<number, number>();
    for (let s = scope; s !== undefined; s = r.tasks[s]!.parent) shares.set(s, r.tasks[s]!.depth + 1);
    const shared = (i: number) => {
      for (let a: number | undefined = i; a !== undefined; a = r.tasks[a]!.parent) {
        const depth = shares.get(a);
        if (depth !== undefined) return depth;
      }
      return 0;
    };
    const best: number[] = [];
    const depths: number[] = [];
    for (let k = 0; k < tasks.length; k++) {
      const depth = shared(tasks[k]!);
      // Later tasks go after earlier ones of the same depth.
      let at = best.length;
      while (at > 0 && depths[at - 1]! < depth) at--;
      if (at >= limit) continue;
      best.splice(at, 0, tasks[k]!);
      depths.splice(at, 0, depth);
      if (best.length > limit) {
        best.pop();
        depths.pop();
      }
    }
    return best;
  };

  /** Resolves a task reference seen from inside `scope` (the parent of the referring task). */
  const resolveTask = (ref: ast.Ref, uri: string, scope: number | undefined): number | undefined => {
    // No closure in here: one that captured a parameter would make V8 allocate a context at
    // every call (23,000 a resolution on the 10k plan); what reports a miss is apart.
    const segments = ref.segments;
    if (segments.length === 0) return undefined;
    let first: number | undefined;
    for (let s: number | undefined = scope; ; s = r.tasks[s]!.parent) {
      first = findChild(s, segments[0]!.text);
      if (first !== undefined || s === undefined) break;
    }
    if (first === undefined) return byLastName(ref, uri, scope);
    let at = first;
    for (let i = 1; i < segments.length; i++) {
      const next = findChild(at, segments[i]!.text);
      if (next === undefined) return noSuchChild(ref, uri, at, i);
      at = next;
    }
    return at;
  };

  /** Reports that the phase `at`, where segment `i` of `ref` was to be found, has no such task. */
  const noSuchChild = (ref: ast.Ref, uri: string, at: number, i: number): undefined => {
    const name = ref.segments[i]!.text;
    const owner = r.tasks[at]!;
    const kids = owner.children.map((c) => r.tasks[c]!.localId);
    const cands = closestNames(name, kids).map((k) => `${refText(ref, i)}.${k}`);
    report(
      "GANTRY201",
      uri,
      ref,
      `Unknown task \`${refText(ref)}\`: the phase \`${owner.id}\` has no task \`${name}\`. Check the spelling or add the task to that phase.`,
      cands,
    );
    return undefined;
  };

  /** A name not found around where it is used: a task anywhere whose path ends with it as written. */
  const byLastName = (ref: ast.Ref, uri: string, scope: number | undefined): number | undefined => {
    const matches = tasksNamed(ref.segments[ref.segments.length - 1]!.text).filter((i) => endsWith(i, ref));
    if (matches.length === 1) return matches[0]!;
    if (matches.length > 1) {
      const found = nearest(matches, scope, AMBIGUOUS_LISTED).map((i) => r.tasks[i]!);
      const ids = found.map((t) => t.id);
      const listed = ids.map((i) => `\`${i}\``).join(", ");
      const names = matches.length > found.length ? `${matches.length} tasks, the nearest of them ${listed}` : listed;
      r.diagnostics.push(
        diag(
          "GANTRY204",
          uri,
          ref.range,
          `The name \`${refText(ref)}\` is ambiguous: it names ${names}. Write the full dotted path of the one you mean.`,
          { fix: { kind: "replace", candidates: ids }, related: found.map((t) => ({ uri: t.uri, range: t.node.id!.range, message: `\`${t.id}\`` })) },
        ),
      );
      return undefined;
    }
    report("GANTRY201", uri, ref, `Unknown task \`${refText(ref)}\`: no task has that name. Check the spelling or define the task.`, taskCandidates(refText(ref)));
    return undefined;
  };

  const resolveFlat = <N>(kind: "resource" | "calendar", entries: NamedEntry<N>[], ref: ast.Ref, uri: string) => {
    const name = refText(ref);
    const index = flatIndex[kind].get(name);
    const found = index === undefined ? undefined : entries[index];
    if (!found && ref.segments.length > 0) {
      const code = kind === "resource" ? "GANTRY202" : "GANTRY203";
      const how = kind === "resource" ? "add a `resource` block (or import the file that has it)" : "add a `calendar` block (or import the file that has it)";
      report(code, uri, ref, `Unknown ${kind} \`${name}\`. Check the spelling or ${how}.`, closestNames(name, entries.map((e) => e.id)));
    }
    record(kind, uri, ref, found?.index);
  };
  const calendarRef = (ref: ast.Ref | undefined, uri: string) => ref && resolveFlat("calendar", r.calendars, ref, uri);
  const resourceRef = (ref: ast.Ref | undefined, uri: string) => ref && resolveFlat("resource", r.resources, ref, uri);
  const taskRef = (ref: ast.Ref, uri: string, scope: number | undefined) => record("task", uri, ref, resolveTask(ref, uri, scope));

  // The references outside tasks come first and those in risks last, where they were when
  // only tasks changed; an adopted task's are where they were.
  if (previous) cursor = 0;
  for (const { uri, document } of docs) {
    if (document.project) calendarRef(document.project.calendar, uri);
    for (const p of document.extraProjects) calendarRef(p.calendar, uri);
  }
  for (const res of r.resources) calendarRef(res.node.calendar, res.uri);
  const referenceStart = new Int32Array(r.tasks.length + 1);
  inTasks = true;
  for (let i = 0; i < r.tasks.length; i++) {
    const t = r.tasks[i]!;
    const { calendar, assignments, deps } = t.node;
    referenceStart[t.index] = r.symbols.references.length;
    cursor = i < adopted ? previous!.layout.referenceStart[i]! : -1;
    calendarRef(calendar, t.uri);
    for (let k = 0; k < assignments.length; k++) resourceRef(assignments[k]!.resource, t.uri);
    for (let k = 0; k < deps.length; k++) taskRef(deps[k]!.target, t.uri, t.parent);
  }
  referenceStart[r.tasks.length] = r.symbols.references.length;
  inTasks = false;
  r.layout = { definitionOf: Int32Array.from(definitionOf), referenceStart, childrenNamed };
  cursor = previous ? previous.layout.referenceStart[previous.tasks.length]! : -1;
  for (const risk of r.risks) {
    for (const a of risk.node.affects) taskRef(a, risk.uri, undefined);
    resourceRef(risk.node.owner, risk.uri);
  }
  // Their elements are frozen as made: frozen lists are not walked by the analysis's deep freeze.
  Object.freeze(r.symbols.definitions);
  Object.freeze(r.symbols.references);
  return r;
}
