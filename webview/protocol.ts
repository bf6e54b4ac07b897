// The one message protocol between the extension (client/) and the schedule panel
// (webview/). Both sides import these types; both validate what arrives with the guards
// below, because a webview message is untrusted input.
import type { ScheduleJson } from "../core/json";
import type { ScheduleDelta } from "../core/json-delta";

export type ViewName = "gantt" | "budget" | "resources" | "risks";
export type Zoom = "day" | "week" | "month" | "quarter";

/** What comes with each schedule. `stale` = the text is broken now; this is the last good schedule. */
export interface ScheduleAbout {
  uri: string;
  version: number;
  stale: boolean;
  errorCount: number;
  today: string;
}

/** Extension → webview. */
export type HostMessage =
  /** A fresh analysis. */
  | ({ type: "schedule"; data: ScheduleJson } & ScheduleAbout)
  /** A fresh analysis as what changed since the schedule sent before (core/json-delta.ts). */
  | ({ type: "scheduleDelta"; delta: ScheduleDelta } & ScheduleAbout)
  /** The editor cursor is on this task (null: on none). */
  | { type: "highlight"; taskId: string | null }
  /** Settings the panel follows. */
  | { type: "config"; defaultZoom: Zoom }
  /** Export the whole chart (every row, the full span). */
  | { type: "export"; format: "svg" | "png" };

/** Webview → extension. */
export type WebviewMessage =
  | { type: "ready" }
  /** Reveal and select this task in its document (a bar or a risk link was clicked). */
  | { type: "reveal"; taskId: string }
  /** An export finished: SVG text, or a PNG as base64. */
  | { type: "exported"; format: "svg" | "png"; data: string }
  /** The user asked for an export from the panel's own button. */
  | { type: "requestExport"; format: "svg" | "png" };

const isObj = (x: unknown): x is Record<string, unknown> => typeof x === "object" && x !== null;
const isStr = (x: unknown): x is string => typeof x === "string";
const ZOOMS: readonly string[] = ["day", "week", "month", "quarter"];
const FORMATS: readonly string[] = ["svg", "png"];

const isAbout = (x: Record<string, unknown>): boolean =>
  isStr(x.uri) && typeof x.version === "number" && typeof x.stale === "boolean" && typeof x.errorCount === "number" && isStr(x.today);

export function isHostMessage(x: unknown): x is HostMessage {
  if (!isObj(x)) return false;
  switch (x.type) {
    case "schedule":
      return isAbout(x) && isObj(x.data) && isObj(x.data.project) && Array.isArray(x.data.tasks);
    case "scheduleDelta":
      return isAbout(x) && isObj(x.delta);
    case "highlight":
      return x.taskId === null || isStr(x.taskId);
    case "config":
      return ZOOMS.includes(x.defaultZoom as string);
    case "export":
      return FORMATS.includes(x.format as string);
    default:
      return false;
  }
}

export function isWebviewMessage(x: unknown): x is WebviewMessage {
  if (!isObj(x)) return false;
  switch (x.type) {
    case "ready":
      return true;
    case "reveal":
      return isStr(x.taskId);
    case "exported":
      return FORMATS.includes(x.format as string) && isStr(x.data);
    case "requestExport":
      return FORMATS.includes(x.format as string);
    default:
      return false;
  }
}
