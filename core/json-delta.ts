// What changed in a schedule's JSON between two analyses, and that change applied. The
// schedule panel holds the last schedule it was sent; after an edit it is sent this
// instead of the whole (13 MB on a 10k-task plan, where a keystroke in a name changes one
// task). Plain JSON in, plain JSON out: the server, the extension and the webview share it.
import type { ScheduleJson } from "./json";

/** Lists that change element by element; the other sections are sent whole when they change. */
const LISTS = ["tasks", "resources", "bookings", "risks", "criticalPath"] as const;
const SECTIONS = ["project", "calendar"] as const;

type ListKey = (typeof LISTS)[number];
type SectionKey = (typeof SECTIONS)[number];

/** Replace `deleteCount` elements at `start` with `items` (as `Array.prototype.splice`). */
export interface Splice<T> {
  start: number;
  deleteCount: number;
  items: T[];
}

/**
 * Per list, splices to apply in order; per section, its new value; absent where nothing
 * changed. A list of the same length gets one splice per run of changed elements; one
 * that grew or shrank, a single splice over what lies between its unchanged start and end.
 */
export type ScheduleDelta = { [K in ListKey]?: Splice<ScheduleJson[K][number]>[] } & { [K in SectionKey]?: ScheduleJson[K] };

export function scheduleDelta(before: ScheduleJson, after: ScheduleJson): ScheduleDelta {
  const delta: Record<string, unknown> = {};
  for (const key of SECTIONS) if (!sameJson(before[key], after[key])) delta[key] = after[key];
  for (const key of LISTS) {
    const splices = listDelta<unknown>(before[key], after[key]);
    if (splices.length > 0) delta[key] = splices;
  }
  return delta as ScheduleDelta;
}

/** `base` with `delta` applied: a new schedule; `base` and its lists are left as they were. */
export function applyScheduleDelta(base: ScheduleJson, delta: ScheduleDelta): ScheduleJson {
  const out: Record<string, unknown> = { ...base };
  for (const key of SECTIONS) if (delta[key] !== undefined) out[key] = delta[key];
  for (const key of LISTS) {
    const splices = delta[key] as Splice<unknown>[] | undefined;
    if (!splices) continue;
    const list: unknown[] = [...base[key]];
    for (const s of splices) list.splice(s.start, s.deleteCount, ...s.items);
    out[key] = list;
  }
  return out as unknown as ScheduleJson;
}

/**
 * Splices that turn `before` into `after`: when the lengths differ, one over what lies
 * between their common start and end; else one per run of changed elements, each keeping
 * the length, so that every start reads the same in `before` and as the splices apply.
 */
export function listDelta<T>(before: readonly T[], after: readonly T[], same: (a: T, b: T) => boolean = sameJson): Splice<T>[] {
  const n = Math.min(before.length, after.length);
  let head = 0;
  while (head < n && same(before[head]!, after[head]!)) head++;
  let tail = 0;
  while (tail < n - head && same(before[before.length - 1 - tail]!, after[after.length - 1 - tail]!)) tail++;
  if (before.length !== after.length) return [{ start: head, deleteCount: before.length - head - tail, items: after.slice(head, after.length - tail) }];
  // Same length: only the runs that differ (a moved task and its successors, not all between).
  const splices: Splice<T>[] = [];
  for (let i = head; i < after.length - tail; i++) {
    if (same(before[i]!, after[i]!)) continue;
    let end = i + 1;
    while (end < after.length - tail && !same(before[end]!, after[end]!)) end++;
    splices.push({ start: i, deleteCount: end - i, items: after.slice(i, end) });
    i = end;
  }
  return splices;
}

/** Deep equality of JSON values (objects with the same keys in any order). */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameJson(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  for (const k of ka) if (!sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false;
  return true;
}
