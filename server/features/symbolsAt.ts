// Symbol lookups shared by hover, definition, references and rename. A definition is
// identified across analyses by its file and position: two open plans importing the same
// shared file each have their own Definition object for one resource.
import type { Position } from "vscode-languageserver";
import type { Range } from "../../core/ast";
import type { Definition, Reference, SymbolTable } from "../../core/symbols";
import { contains } from "../convert";

export function defKey(d: { uri: string; range: Range }): string {
  return `${d.uri}#${d.range.start.line}:${d.range.start.col}`;
}

const taskIndex = new WeakMap<SymbolTable, Map<string, Definition>>();

/** Task definitions by full dotted id. */
function tasksById(table: SymbolTable): Map<string, Definition> {
  let m = taskIndex.get(table);
  if (!m) {
    m = new Map();
    for (const d of table.definitions) if (d.kind === "task") m.set(d.id, d);
    taskIndex.set(table, m);
  }
  return m;
}

/**
 * What segment `i` of a reference names: the last segment is the target; in a dotted task
 * path each earlier segment is an ancestor (`build.data`: `build` is data's parent).
 */
export function segmentTarget(table: SymbolTable, ref: Reference, i: number): Definition | undefined {
  const target = ref.target;
  if (!target) return undefined;
  const up = ref.segments.length - 1 - i;
  if (up === 0) return target;
  if (ref.kind !== "task") return undefined;
  const parts = target.id.split(".");
  if (up >= parts.length) return undefined;
  return tasksById(table).get(parts.slice(0, parts.length - up).join("."));
}

export interface SymbolHit {
  def: Definition;
  /** The identifier under the cursor (a definition's id or one reference segment). */
  range: Range;
  isDefinition: boolean;
}

/** The symbol under the cursor, if any. */
export function symbolAt(table: SymbolTable, uri: string, pos: Position): SymbolHit | undefined {
  for (const def of table.definitions) {
    if (def.uri === uri && contains(def.range, pos)) return { def, range: def.range, isDefinition: true };
  }
  for (const ref of table.references) {
    if (ref.uri !== uri || !contains(ref.range, pos)) continue;
    for (let i = 0; i < ref.segments.length; i++) {
      const seg = ref.segments[i]!;
      if (!contains(seg.range, pos)) continue;
      const def = segmentTarget(table, ref, i);
      if (def) return { def, range: seg.range, isDefinition: false };
    }
  }
  return undefined;
}

/** Every place (definition and reference segments) naming the definition with `key`, in one table. */
export function occurrences(table: SymbolTable, key: string): { uri: string; range: Range; isDefinition: boolean }[] {
  const out: { uri: string; range: Range; isDefinition: boolean }[] = [];
  for (const def of table.definitions) if (defKey(def) === key) out.push({ uri: def.uri, range: def.range, isDefinition: true });
  for (const ref of table.references) {
    if (!ref.target) continue;
    for (let i = 0; i < ref.segments.length; i++) {
      const def = segmentTarget(table, ref, i);
      if (def && defKey(def) === key) out.push({ uri: ref.uri, range: ref.segments[i]!.range, isDefinition: false });
    }
  }
  return out;
}
