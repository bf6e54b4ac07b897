// What changed in a schedule's JSON between two analyses, and that change applied. The
// schedule panel holds the last schedule it was sent; after an edit it is sent this
// instead of the whole (13 MB on a 10k-task plan, where a keystroke in a name changes one
// task). Plain JSON in, plain JSON out: the server, the extension and the webview share it.
import type { ScheduleJson, SourceRangeJson } from "./json";

/** Lists that change element by element; the other sections are sent whole when they change. */
const LISTS = ["tasks", "resources", "bookings", "risks", "criticalPath"] as const;
const SECTIONS = ["project", "calendar"] as const;
/** Lists whose elements name where they are written (`source`), which moves with the lines above. */
const SOURCED = ["tasks", "resources", "risks"] as const;

type ListKey = (typeof LISTS)[number];
type SectionKey = (typeof SECTIONS)[number];
type SourcedKey = (typeof SOURCED)[number];

/** The elements `[start, end)` (after the splices) are as before but written `lines` lines lower (higher when negative). */
export interface Move {
  start: number;
  end: number;
  lines: number;
}

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
 * Elements only written elsewhere (the lines below an Enter) are not sent again: `moved`
 * says which, by runs, once the splices are applied.
 */
export type ScheduleDelta = { [K in ListKey]?: Splice<ScheduleJson[K][number]>[] } & { [K in SectionKey]?: ScheduleJson[K] } & {
  moved?: { [K in SourcedKey]?: Move[] };
};

type Sourced = { source: SourceRangeJson };

export function scheduleDelta(before: ScheduleJson, after: ScheduleJson): ScheduleDelta {
  const delta: Record<string, unknown> & Pick<ScheduleDelta, "moved"> = {};
  for (const key of SECTIONS) if (!sameJson(before[key], after[key])) delta[key] = after[key];
  for (const key of LISTS) {
    const sourced = (SOURCED as readonly string[]).includes(key);
    // How many lines lower the elements of `after` that only moved are written, noted as
    // the splices are found, so that each element is compared once.
    const lower = new Map<unknown, number>();
    const same = (a: unknown, b: unknown) => {
      const lines = linesMoved(a as Sourced, b as Sourced);
      if (lines) lower.set(b, lines);
      return lines !== undefined;
    };
    const splices = listDelta<unknown>(before[key], after[key], sourced ? same : sameJson);
    if (splices.length > 0) delta[key] = splices;
    const moves = movesOf(after[key], lower);
    if (moves.length > 0) (delta.moved ??= {})[key as SourcedKey] = moves;
  }
  return delta as ScheduleDelta;
}

/** `base` with `delta` applied: a new schedule; `base` and its lists are left as they were. */
export function applyScheduleDelta(base: ScheduleJson, delta: ScheduleDelta): ScheduleJson {
  const out: Record<string, unknown> = { ...base };
  for (const key of SECTIONS) if (delta[key] !== undefined) out[key] = delta[key];
  for (const key of LISTS) {
    const splices = delta[key] as Splice<unknown>[] | undefined;
    const moves = delta.moved?.[key as SourcedKey];
    if (!splices && !moves) continue;
    const list: unknown[] = [...base[key]];
    for (const s of splices ?? []) list.splice(s.start, s.deleteCount, ...s.items);
    for (const m of moves ?? []) {
      for (let i = m.start; i < m.end; i++) {
        const { source } = list[i] as Sourced;
        list[i] = { ...(list[i] as Sourced), source: { ...source, line: source.line + m.lines, endLine: source.endLine + m.lines } };
      }
    }
    out[key] = list;
  }
  return out as unknown as ScheduleJson;
}

/** How many lines lower `b` is written than `a`, when it is `a` but for that (0 when the same); undefined otherwise. */
function linesMoved(a: Sourced, b: Sourced): number | undefined {
  if (a === b) return 0;
  const [x, y] = [a.source, b.source];
  const lines = y.line - x.line;
  const moved = x.uri === y.uri && x.col === y.col && x.endCol === y.endCol && y.endLine - x.endLine === lines;
  return moved && sameJson(a, b, "source") ? lines : undefined;
}

/** The runs of elements of `after` that only moved, and by as many lines (`lower`); none of them is in a splice. */
function movesOf(after: readonly unknown[], lower: ReadonlyMap<unknown, number>): Move[] {
  const moves: Move[] = [];
  for (let i = 0; i < after.length; i++) {
    const lines = lower.get(after[i]);
    if (lines === undefined) continue;
    const last = moves[moves.length - 1];
    if (last && last.end === i && last.lines === lines) last.end++;
    else moves.push({ start: i, end: i + 1, lines });
  }
  return moves;
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

/** Deep equality of JSON values (objects with the same keys in any order); at the top, `except` that key. */
export function sameJson(a: unknown, b: unknown, except?: string): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i] && !sameJson(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  // Keys counted, not listed, and the same value skipped before a call: most values of a
  // task's JSON after an edit are the very ones before (comparing 10k tasks: 20 → 12 ms).
  const [x, y] = [a as Record<string, unknown>, b as Record<string, unknown>];
  let keys = 0;
  for (const k in x) {
    keys++;
    if (k !== except && x[k] !== y[k] && !sameJson(x[k], y[k])) return false;
  }
  for (const _ in y) keys--;
  return keys === 0;
}
