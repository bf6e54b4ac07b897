// Custom LSP methods between the extension client and the language server (plain types,
// no LSP library imports, so both sides and the tests can share them).
import type { ScheduleJson } from "../core/json";

/** Request: the latest schedule of a plan. */
export const ScheduleRequest = "gantry/schedule";
export interface ScheduleParams {
  uri: string;
}
export interface ScheduleResponse {
  uri: string;
  /** The document version the analysis was computed from. */
  version: number;
  /** True when the current text has syntax errors and `data` is the last good schedule. */
  stale: boolean;
  errorCount: number;
  data: ScheduleJson | null;
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
