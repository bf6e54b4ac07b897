// The panel's UI state. It survives schedule updates (kept in memory) and webview
// reloads (vscode.setState / getState), and is validated on the way in because a stale
// state from an older version may have another shape.
import type { ViewName, Zoom } from "./protocol";

export interface UiState {
  tab: ViewName;
  zoom: Zoom;
  /** The time at the left edge of the chart, ISO local; null = the project start. */
  viewStart: string | null;
  scrollTop: number;
  collapsed: string[];
  selected: string | null;
  /** Resource view bucket size. */
  bucket: "day" | "week";
}

export const DEFAULT_STATE: UiState = {
  tab: "gantt", zoom: "week", viewStart: null, scrollTop: 0, collapsed: [], selected: null, bucket: "week",
};

const TABS: readonly string[] = ["gantt", "budget", "resources", "risks"];
const ZOOMS: readonly string[] = ["day", "week", "month", "quarter"];

export function restoreState(saved: unknown): UiState {
  const s = (typeof saved === "object" && saved !== null ? saved : {}) as Record<string, unknown>;
  const str = (x: unknown) => (typeof x === "string" ? x : null);
  return {
    tab: TABS.includes(s.tab as string) ? (s.tab as ViewName) : DEFAULT_STATE.tab,
    zoom: ZOOMS.includes(s.zoom as string) ? (s.zoom as Zoom) : DEFAULT_STATE.zoom,
    viewStart: str(s.viewStart),
    scrollTop: typeof s.scrollTop === "number" && s.scrollTop >= 0 ? s.scrollTop : 0,
    collapsed: Array.isArray(s.collapsed) ? s.collapsed.filter((x): x is string => typeof x === "string") : [],
    selected: str(s.selected),
    bucket: s.bucket === "day" ? "day" : "week",
  };
}
