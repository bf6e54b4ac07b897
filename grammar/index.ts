// Public face of the parser. STUB: the grammar engineer replaces the bodies.
import type * as ast from "../core/ast";
import type { Diagnostic } from "../core/diagnostics";

export interface ParseResult {
  document: ast.Document;
  /** Lexing and parsing errors (GANTRY1xx), with exact ranges and plain-words messages. */
  diagnostics: Diagnostic[];
}

/** What may come at a cursor position: for completion. */
export interface CompletionContext {
  /** Keywords (and link types) the parser accepts at the cursor, from its own expectations. */
  keywords: string[];
  /** The kind of name expected at the cursor, if a reference is expected. */
  refKind: "task" | "resource" | "calendar" | undefined;
  /** Literal kinds the parser accepts at the cursor. */
  literals: ("duration" | "date" | "percent" | "number" | "rate" | "string" | "time" | "identifier" | "unit")[];
  /** The partial word before the cursor (replaced by the completion). */
  prefix: string;
  /** Ids of the enclosing tasks, outermost first, for relative task names. */
  enclosingTasks: string[];
}

export function parse(_text: string, _uri: string): ParseResult {
  throw new Error("parser not built yet");
}

export function completionContext(_text: string, _offset: number): CompletionContext {
  throw new Error("parser not built yet");
}
