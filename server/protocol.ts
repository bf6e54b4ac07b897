// Custom LSP methods between the extension client and the language server (plain types,
// no LSP library imports, so both sides and the tests can share them).
import type { ScheduleJson } from "../core/json";
import type { ScheduleDelta } from "../core/json-delta";

/**
 * The Node.js flags the language server runs with: the client starts it with them, and so do
 * the tests and the benchmark.
 * - A young generation of 16 MB from the start (V8 starts at 1 MB and doubles it as it goes):
 *   the first analysis of a plan, whose AST and models all stay alive, then goes through
 *   fewer scavenges, each of which copies what is alive. Opening the 10k-task plan takes
 *   about a tenth less (bench/lsp.ts: 421–444 ms against 463–511).
 * - The old generation grows by half of what a full collection leaves alive, where V8 would
 *   let it grow up to fourfold. Each analysis after an edit leaves the one before it as
 *   garbage in the old generation, and a server that lets it pile up holds twice the memory
 *   it needs: peak RSS over bench/lsp.ts 248–291 MB against 399–423, for keystroke p95s 5–15 ms
 *   longer, and an open of a 100k-task plan about a sixth longer (2.9 s against 2.4).
 */
export const SERVER_EXEC_ARGV: readonly string[] = ["--min-semi-space-size=16", "--heap-growing-percent=50"];

/** Request: the latest schedule of a plan. */
export const ScheduleRequest = "gantry/schedule";
export interface ScheduleParams {
  uri: string;
  /** The `resultId` of the schedule the client holds: the answer may then be a `delta` from it. */
  since?: string;
}
export interface ScheduleResponse {
  uri: string;
  /** The document version the analysis was computed from. */
  version: number;
  /** True when the current text has syntax errors and `data` is the last good schedule. */
  stale: boolean;
  errorCount: number;
  /** Names this schedule (to send back as `since`); absent when there is none. */
  resultId?: string;
  /** The whole schedule; null when there is none, or when `delta` is given. */
  data: ScheduleJson | null;
  /** What changed since the schedule named by `since` (core/json-delta.ts, `applyScheduleDelta`). */
  delta?: ScheduleDelta;
}

/** Notification from the server: a plan's analysis changed (fetch it with ScheduleRequest). */
export const ScheduleChangedNotification = "gantry/scheduleChanged";
export interface ScheduleChangedParams {
  uri: string;
  version: number;
}

/** Notification from the server: summary for the status bar. */
export const StatusNotification = "gantry/status";
export interface StatusParams {
  uri: string;
  finish: string | null; // ISO date of the project finish
  criticalPathDays: number | null;
  errorCount: number;
}

/** Request (tests, benchmarks): counters of the analysis scheduler. */
export const DebugStatsRequest = "gantry/debugStats";
export interface DebugStatsParams {
  /** When given, `published` counts only this document's diagnostics publications. */
  uri?: string;
}
export interface DebugStatsResponse {
  /** Analyses run since the server started (every plan, every trigger). */
  analyses: number;
  /** Documents those analyses parsed: one whose text had not changed is not parsed again. */
  parses: number;
  /**
   * Analyses that kept what names decide from the one before (an edit that kept every
   * name), and of those, how many also kept the schedule (core/reuse.ts).
   */
  keptNames: number;
  keptSchedule: number;
  /** publishDiagnostics notifications sent (for `uri` when given). */
  published: number;
  /** Analyses scheduled but superseded by a newer edit before they ran. */
  superseded: number;
  /** The version of the last diagnostics published for `uri` (null when none). */
  lastPublishedVersion: number | null;
}

/** Request (tests, benchmarks): the server's memory use, after an optional forced GC. */
export const DebugMemoryRequest = "gantry/debugMemory";
export interface DebugMemoryResponse {
  rss: number; // bytes
  heapUsed: number; // bytes
  openDocuments: number;
  cachedAnalyses: number;
}

/** initializationOptions the server understands (all optional). */
export interface InitializationOptions {
  /** Delay between the last edit and the analysis, in ms (default 150). */
  debounceMs?: number;
  /** Today as YYYY-MM-DD, for date completion (tests pin it; default: the clock). */
  today?: string;
}
