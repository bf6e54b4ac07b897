// Indices in one linear pass: grouping by an integer key (a stable counting sort), the
// compressed rows the scheduler's network, the leveler, the bookings and the edit index
// are read in; and where each task's subtree ends in the plan's pre-order.

/**
 * The index of each task's last descendant (itself for a leaf), `tasks` in pre-order with
 * the indices of their children: a subtree is the run from a task to there, so task a
 * contains task b when a < b <= last[a].
 */
export function lastDescendants(tasks: ArrayLike<{ readonly children: readonly number[] }>): Int32Array {
  const last = new Int32Array(tasks.length);
  for (let i = tasks.length - 1; i >= 0; i--) {
    const children = tasks[i]!.children;
    last[i] = children.length > 0 ? last[children[children.length - 1]!]! : i;
  }
  return last;
}

/**
 * The indices 0 … keys.length − 1 grouped by their key, each group in index order: group
 * g is `items[start[g]] … items[start[g + 1] − 1]`. An index with a negative key is left out.
 */
export function groupByKey(keys: ArrayLike<number>, groups: number): { start: Int32Array; items: Int32Array } {
  const start = new Int32Array(groups + 1);
  for (let k = 0; k < keys.length; k++) if (keys[k]! >= 0) start[keys[k]! + 1]!++;
  for (let g = 0; g < groups; g++) start[g + 1]! += start[g]!;
  const next = start.slice(0, groups);
  const items = new Int32Array(start[groups]!);
  for (let k = 0; k < keys.length; k++) if (keys[k]! >= 0) items[next[keys[k]!]!++] = k;
  return { start, items };
}
