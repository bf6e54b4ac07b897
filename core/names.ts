// "Did you mean …?": nearest names by edit distance, for unknown-name diagnostics.
import { compareText } from "./ast";

/** Optimal-string-alignment distance (a transposition costs 1), case-insensitive. */
export function editDistance(a: string, b: string): number {
  return boundedDistance(a.toLowerCase(), b.toLowerCase(), Infinity);
}

/**
 * The distance of `a` and `b`, exact when it is at most `limit`; otherwise some number
 * above `limit`, found as soon as it must be (a row of the table all above the limit
 * keeps every later row above it), so a long list of names is cheap to screen.
 */
function boundedDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  // Three rows of the table: i - 2 (for transpositions), i - 1 and i.
  let before = new Array<number>(b.length + 1).fill(0);
  let above = Array.from({ length: b.length + 1 }, (_, j) => j);
  let row = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    row[0] = i;
    let least = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(above[j]! + 1, row[j - 1]! + 1, above[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, before[j - 2]! + 1);
      row[j] = v;
      least = Math.min(least, v);
    }
    if (least > limit) return limit + 1;
    [before, above, row] = [above, row, before];
  }
  return above[b.length]!;
}

/** Up to `max` names close enough to `typed` to be a likely typo, nearest first. */
export function closestNames(typed: string, names: Iterable<string>, max = 3): string[] {
  const limit = typed.length <= 3 ? 1 : Math.ceil(typed.length * 0.4);
  const lower = typed.toLowerCase();
  // Each close name once (a list may repeat names); only the close ones are remembered.
  const close = new Map<string, number>();
  for (const name of names) {
    const dist = boundedDistance(lower, name.toLowerCase(), limit);
    if (dist <= limit && name !== typed && !close.has(name)) close.set(name, dist);
  }
  const scored = Array.from(close, ([name, dist]) => ({ name, dist }));
  scored.sort((x, y) => x.dist - y.dist || compareText(x.name, y.name));
  return scored.slice(0, max).map((s) => s.name);
}

/** " Did you mean `a` or `b`?" or "" — appended to messages. */
export function didYouMean(candidates: string[]): string {
  if (candidates.length === 0) return "";
  const quoted = candidates.map((c) => `\`${c}\``);
  const list = quoted.length === 1 ? quoted[0] : `${quoted.slice(0, -1).join(", ")} or ${quoted[quoted.length - 1]}`;
  return ` Did you mean ${list}?`;
}
