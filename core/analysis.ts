// The one entry point of the engine: a plan and its imports in, one immutable analysis
// out (ASTs, symbols, resolved model, schedule, every diagnostic). The CLI, the language
// server and the tests all call `analyze`.
import type * as ast from "./ast";
import type { Diagnostic } from "./diagnostics";
import type { PlanModel, DayNumber } from "./model";
import type { ScheduleResult } from "./schedule";
import type { SymbolTable } from "./symbols";

/** Where the engine reads documents. The server serves open buffers before the disk. */
export interface Host {
  /** The text of a document, or undefined when it does not exist or cannot be read. */
  read(uri: string): string | undefined;
  /** Imports must stay inside this folder (a path or file:// URI). */
  workspaceRoot: string | undefined;
}

export type LevelMode = "plan" | "off" | "on" | "optimize";

export interface AnalyzeOptions {
  /** "plan" (default) follows the plan's `leveling` field; "optimize" runs the search. */
  level?: LevelMode;
  /** Time budget for `optimize`, in milliseconds (default 1000). */
  optimizeMs?: number;
  /** Today, for completion and the chart's today line; not used for scheduling. */
  today?: DayNumber;
}

export interface Analysis {
  readonly uri: string;
  /** The main document first, then every imported one, keyed by URI. */
  readonly documents: ReadonlyMap<string, ast.Document>;
  /** URIs of every imported document (transitively). */
  readonly imports: readonly string[];
  readonly symbols: SymbolTable;
  readonly plan: PlanModel;
  readonly schedule: ScheduleResult;
  /** Every diagnostic of every stage, sorted by uri, then position. */
  readonly diagnostics: readonly Diagnostic[];
}
