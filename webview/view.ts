// What every tab gets from the app, and what it offers back.
import type { ScheduleJson } from "../core/json";
import type { Host } from "./host";
import type { UiState } from "./state";
import type { Tooltip } from "./tooltip";

export interface Ctx {
  host: Host;
  state: UiState;
  /** Persist `state` (debounced). */
  save(): void;
  tooltip: Tooltip;
  reveal(taskId: string): void;
}

export interface View {
  readonly root: HTMLElement;
  /** Draw this schedule; called when the tab is visible and its data changed. */
  update(data: ScheduleJson, today: Date): void;
  /** The tab is visible again with data it has already drawn. */
  shown?(): void;
}
