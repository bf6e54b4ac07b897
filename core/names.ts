// "Did you mean …?": nearest names by edit distance, for unknown-name diagnostics.

/** Optimal-string-alignment distance (a transposition costs 1), case-insensitive. */
export function editDistance(a: string, b: string): number {
  a = a.toLowerCase();
  b = b.toLowerCase();
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[a.length]![b.length]!;
}

/** Up to `max` names close enough to `typed` to be a likely typo, nearest first. */
export function closestNames(typed: string, names: Iterable<string>, max = 3): string[] {
  const limit = typed.length <= 3 ? 1 : Math.ceil(typed.length * 0.4);
  const scored: { name: string; dist: number }[] = [];
  for (const name of new Set(names)) {
    const dist = editDistance(typed, name);
    if (dist <= limit && name !== typed) scored.push({ name, dist });
  }
  scored.sort((x, y) => x.dist - y.dist || x.name.localeCompare(y.name));
  return scored.slice(0, max).map((s) => s.name);
}

/** " Did you mean `a` or `b`?" or "" — appended to messages. */
export function didYouMean(candidates: string[]): string {
  if (candidates.length === 0) return "";
  const quoted = candidates.map((c) => `\`${c}\``);
  const list = quoted.length === 1 ? quoted[0] : `${quoted.slice(0, -1).join(", ")} or ${quoted[quoted.length - 1]}`;
  return ` Did you mean ${list}?`;
}
