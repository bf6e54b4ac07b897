// The symbol table of an analysis: every definition and every reference, with ranges,
// across the main document and its imports. Go-to-definition, find references, rename,
// document/workspace symbols and hovers are all lookups in it.
import type { Range } from "./ast";

export type SymbolKind = "task" | "resource" | "calendar" | "risk";

export interface Definition {
  kind: SymbolKind;
  /** Full id: a task's dotted path ("build.data"); otherwise the identifier. */
  id: string;
  /** The identifier as written at the definition ("data"). */
  localId: string;
  uri: string;
  /** Range of the identifier at the definition. */
  range: Range;
  /** Range of the whole definition (its block included). */
  fullRange: Range;
  /** Index into the PlanModel array of that kind. */
  index: number;
}

export interface Reference {
  kind: SymbolKind;
  uri: string;
  /** Range of the whole reference as written (`build.data`). */
  range: Range;
  /** Range of each segment, for renaming one segment of a dotted path. */
  segments: { text: string; range: Range }[];
  /** The definition it resolves to; undefined when unknown or ambiguous. */
  target: Definition | undefined;
}

export interface SymbolTable {
  definitions: Definition[];
  references: Reference[];
}
