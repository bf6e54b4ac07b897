// Maps between editor positions and the tasks of a schedule, via each task's `source`
// range. Free of `vscode` so the rules stay plain data.
import type { ScheduleJson, SourceRangeJson, TaskJson } from "../core/json";

const contains = (r: SourceRangeJson, line: number, col: number): boolean =>
  (line > r.line || (line === r.line && col >= r.col)) &&
  (line < r.endLine || (line === r.endLine && col <= r.endCol));

/** The innermost task (deepest in the WBS) of `uri` whose source range holds the position. */
export function taskAt(data: ScheduleJson, uri: string, line: number, col: number): TaskJson | null {
  let best: TaskJson | null = null;
  for (const t of data.tasks) {
    if (t.source.uri === uri && contains(t.source, line, col) && (!best || t.depth > best.depth)) best = t;
  }
  return best;
}

export function taskById(data: ScheduleJson, id: string): TaskJson | null {
  return data.tasks.find((t) => t.id === id) ?? null;
}
