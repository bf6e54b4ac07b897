// Name resolution: collects every definition of the plan and its imports (tasks as a WBS
// tree, resources, calendars and risks as flat namespaces), resolves every reference,
// and fills the symbol table. Reports unknown (201–203), ambiguous (204) and duplicate
// (205) names. Duplicates and id-less nodes (left by error recovery) are left out, so
// every entry here has a unique id and becomes one element of the PlanModel.
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
  /** The entry index each reference resolved to; absent when unknown or ambiguous. */
  refs: Map<ast.Ref, number>;
  symbols: SymbolTable;
  diagnostics: Diagnostic[];
}

const refText = (ref: ast.Ref) => ref.segments.map((s) => s.text).join(".");

export function resolve(docs: SourceDocument[]): Resolution {
  const r: Resolution = {
    tasks: [],
    resources: [],
    calendars: [],
    risks: [],
    refs: new Map(),
    symbols: { definitions: [], references: [] },
    diagnostics: [],
  };
  const defs = { task: [] as Definition[], resource: [] as Definition[], calendar: [] as Definition[], risk: [] as Definition[] };
  const topLevel: number[] = [];
  /** Children by name, per parent (undefined = the top level). */
  const byName = new Map<number | undefined, Map<string, number>>();
  const childNamed = (parent: number | undefined) => {
    let m = byName.get(parent);
    if (!m) byName.set(parent, (m = new Map()));
    return m;
  };

  const define = (kind: SymbolKind, id: string, localId: string, uri: string, ident: ast.Ident, node: ast.Node, index: number) => {
    const d: Definition = { kind, id, localId, uri, range: ident.range, fullRange: node.range, index };
    defs[kind].push(d);
    r.symbols.definitions.push(d);
  };

  const duplicate = (kind: string, id: string, uri: string, ident: ast.Ident, first: { uri: string; range: ast.Range }) =>
    r.diagnostics.push(
      diag("GANTRY205", uri, ident.range, `The ${kind} \`${id}\` is defined twice. Rename one of them; identifiers must be unique.`, {
        related: [{ uri: first.uri, range: first.range, message: `first definition of \`${id}\`` }],
      }),
    );

  // Tasks: a tree; imported files' top-level tasks join the main file's top level.
  const addTasks = (nodes: ast.Task[], uri: string, parent: number | undefined, siblings: number[]) => {
    for (const node of nodes) {
      if (!node.id) continue;
      const localId = node.id.text;
      const named = childNamed(parent);
      const clashIndex = named.get(localId);
      if (clashIndex !== undefined) {
        const clash = r.tasks[clashIndex]!;
        duplicate("task", clash.id, uri, node.id, { uri: clash.uri, range: clash.node.id!.range });
        continue;
      }
      const p = parent === undefined ? undefined : r.tasks[parent]!;
      const index = r.tasks.length;
      const entry: TaskEntry = {
        index,
        node,
        uri,
        id: p ? `${p.id}.${localId}` : localId,
        localId,
        parent,
        children: [],
        depth: p ? p.depth + 1 : 0,
        wbs: `${p ? `${p.wbs}.` : ""}${siblings.length + 1}`,
      };
      r.tasks.push(entry);
      siblings.push(index);
      named.set(localId, index);
      define("task", entry.id, localId, uri, node.id, node, index);
      addTasks(node.children, uri, index, entry.children);
    }
  };

  const flatIndex: Record<SymbolKind, Map<string, number>> = { task: new Map(), resource: new Map(), calendar: new Map(), risk: new Map() };

  // Flat namespaces shared across files.
  const addNamed = <N extends { id: ast.Ident | undefined } & ast.Node>(
    kind: SymbolKind,
    nodes: N[],
    uri: string,
    into: NamedEntry<N>[],
  ) => {
    for (const node of nodes) {
      if (!node.id) continue;
      const id = node.id.text;
      const clash = into[flatIndex[kind].get(id) ?? -1];
      if (clash) {
        duplicate(kind, id, uri, node.id, { uri: clash.uri, range: clash.node.id!.range });
        continue;
      }
      const index = into.length;
      into.push({ index, node, uri, id });
      flatIndex[kind].set(id, index);
      define(kind, id, id, uri, node.id, node, index);
    }
  };

  for (const { uri, document } of docs) {
    addTasks(document.tasks, uri, undefined, topLevel);
    addNamed("resource", document.resources, uri, r.resources);
    addNamed("calendar", document.calendars, uri, r.calendars);
    addNamed("risk", document.risks, uri, r.risks);
  }

  const findChild = (parent: number | undefined, name: string) => byName.get(parent)?.get(name);

  const report = (code: Code, uri: string, ref: ast.Ref, message: string, candidates: string[]) =>
    r.diagnostics.push(
      diag(code, uri, ref.range, message + didYouMean(candidates), candidates.length ? { fix: { kind: "replace", candidates } } : {}),
    );

  const record = (kind: SymbolKind, uri: string, ref: ast.Ref, index: number | undefined) => {
    if (index !== undefined) r.refs.set(ref, index);
    r.symbols.references.push({
      kind,
      uri,
      range: ref.range,
      segments: ref.segments.map((s) => ({ text: s.text, range: s.range })),
      target: index === undefined ? undefined : defs[kind][index],
    } satisfies Reference);
  };

  // A task's name as a candidate: its local id when that is unique, else its full path.
  const localCount = new Map<string, number>();
  for (const t of r.tasks) localCount.set(t.localId, (localCount.get(t.localId) ?? 0) + 1);
  const taskCandidates = (typed: string) => {
    const names = r.tasks.map((t) => (localCount.get(t.localId) === 1 && !typed.includes(".") ? t.localId : t.id));
    return closestNames(typed, names);
  };

  /** Resolves a task reference seen from inside `scope` (the parent of the referring task). */
  const resolveTask = (ref: ast.Ref, uri: string, scope: number | undefined): number | undefined => {
    const names = ref.segments.map((s) => s.text);
    if (names.length === 0) return undefined;
    let first: number | undefined;
    for (let s: number | undefined = scope; ; s = r.tasks[s]!.parent) {
      first = findChild(s, names[0]!);
      if (first !== undefined || s === undefined) break;
    }
    if (first !== undefined) {
      let at = first;
      for (let i = 1; i < names.length; i++) {
        const next = findChild(at, names[i]!);
        if (next === undefined) {
          const owner = r.tasks[at]!;
          const kids = owner.children.map((c) => r.tasks[c]!.localId);
          const cands = closestNames(names[i]!, kids).map((k) => `${names.slice(0, i).join(".")}.${k}`);
          report(
            "GANTRY201",
            uri,
            ref,
            `Unknown task \`${refText(ref)}\`: the phase \`${owner.id}\` has no task \`${names[i]}\`. Check the spelling or add the task to that phase.`,
            cands,
          );
          return undefined;
        }
        at = next;
      }
      return at;
    }
    // Fallback: a task anywhere whose path ends with the name as written.
    const matches = r.tasks.filter((t) => {
      let e: TaskEntry | undefined = t;
      for (let i = names.length - 1; i >= 0; i--) {
        if (!e || e.localId !== names[i]) return false;
        e = e.parent === undefined ? undefined : r.tasks[e.parent];
      }
      return true;
    });
    if (matches.length === 1) return matches[0]!.index;
    if (matches.length > 1) {
      const ids = matches.map((t) => t.id);
      r.diagnostics.push(
        diag(
          "GANTRY204",
          uri,
          ref.range,
          `The name \`${refText(ref)}\` is ambiguous: it names ${ids.map((i) => `\`${i}\``).join(", ")}. Write the full dotted path of the one you mean.`,
          { fix: { kind: "replace", candidates: ids }, related: matches.map((t) => ({ uri: t.uri, range: t.node.id!.range, message: `\`${t.id}\`` })) },
        ),
      );
      return undefined;
    }
    report("GANTRY201", uri, ref, `Unknown task \`${refText(ref)}\`: no task has that name. Check the spelling or define the task.`, taskCandidates(refText(ref)));
    return undefined;
  };

  const resolveFlat = <N>(kind: "resource" | "calendar", entries: NamedEntry<N>[], ref: ast.Ref, uri: string) => {
    const name = refText(ref);
    const found = entries[flatIndex[kind].get(name) ?? -1];
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

  for (const { uri, document } of docs) {
    if (document.project) calendarRef(document.project.calendar, uri);
    for (const p of document.extraProjects) calendarRef(p.calendar, uri);
  }
  for (const res of r.resources) calendarRef(res.node.calendar, res.uri);
  for (const t of r.tasks) {
    calendarRef(t.node.calendar, t.uri);
    for (const a of t.node.assignments) resourceRef(a.resource, t.uri);
    for (const d of t.node.deps) taskRef(d.target, t.uri, t.parent);
  }
  for (const risk of r.risks) {
    for (const a of risk.node.affects) taskRef(a, risk.uri, undefined);
    resourceRef(risk.node.owner, risk.uri);
  }
  return r;
}
