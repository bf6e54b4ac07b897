// Priority rules for building activity lists, as keys where smaller goes first, and
// regret-based biased random sampling around a key.
import { latestFinishes, topoOrder, type Rcpsp } from "./rcpsp";
import { eligibleOrder } from "./sgs";
import type { Random } from "./random";

export type RuleName = "LFT" | "LST" | "MTS" | "GRPW";

export function ruleKeys(p: Rcpsp, rule: RuleName, lft: Int32Array = latestFinishes(p)): Float64Array {
  const key = new Float64Array(p.n);
  for (let j = 0; j < p.n; j++) {
    switch (rule) {
      case "LFT": key[j] = lft[j]; break;
      case "LST": key[j] = lft[j] - p.duration[j]; break;
      case "GRPW": {
        let w = p.duration[j];
        for (let e = p.succ.off[j]; e < p.succ.off[j + 1]; e++) w += p.duration[p.succ.act[e]];
        key[j] = -w;
        break;
      }
      case "MTS": break;
    }
  }
  if (rule === "MTS") {
    const total = totalSuccessors(p);
    for (let j = 0; j < p.n; j++) key[j] = -total[j];
  }
  return key;
}

/** Number of (transitive) successors of each activity, with bit sets. */
function totalSuccessors(p: Rcpsp): Int32Array {
  const words = (p.n + 31) >>> 5;
  const sets = new Uint32Array(p.n * words);
  const order = topoOrder(p);
  const count = new Int32Array(p.n);
  for (let k = p.n - 1; k >= 0; k--) {
    const j = order[k];
    for (let e = p.succ.off[j]; e < p.succ.off[j + 1]; e++) {
      const s = p.succ.act[e];
      sets[j * words + (s >>> 5)] |= 1 << (s & 31);
      for (let w = 0; w < words; w++) sets[j * words + w] |= sets[s * words + w];
    }
    for (let w = 0; w < words; w++) {
      let x = sets[j * words + w];
      while (x) {
        x &= x - 1;
        count[j]++;
      }
    }
  }
  return count;
}

/** The list of a deterministic rule: the best eligible activity first. */
export function ruleList(p: Rcpsp, key: ArrayLike<number>): Int32Array {
  const rank = p.rank;
  return eligibleOrder(p, (a, b) => key[a] - key[b] || (rank ? rank[a] - rank[b] : 0) || a - b, new Int32Array(p.n));
}

/**
 * Regret-based biased random sampling: among eligible activities, pick j with
 * probability ∝ (max key − key[j] + 1)^alpha.
 */
export function sampleList(p: Rcpsp, key: ArrayLike<number>, random: Random, alpha = 1): Int32Array {
  const n = p.n;
  const missing = new Int32Array(n);
  const eligible = new Int32Array(n);
  let count = 0;
  for (let j = 0; j < n; j++) {
    missing[j] = p.pred.off[j + 1] - p.pred.off[j];
    if (missing[j] === 0) eligible[count++] = j;
  }
  const weight = new Float64Array(n);
  const out = new Int32Array(n);
  for (let k = 0; k < n; k++) {
    let max = -Infinity;
    for (let i = 0; i < count; i++) if (key[eligible[i]] > max) max = key[eligible[i]];
    let sum = 0;
    for (let i = 0; i < count; i++) {
      const regret = max - key[eligible[i]] + 1;
      const w = alpha === 1 ? regret : Math.pow(regret, alpha);
      weight[i] = w;
      sum += w;
    }
    let x = random() * sum;
    let bi = 0;
    while (bi < count - 1 && x >= weight[bi]) x -= weight[bi++];
    const j = eligible[bi];
    eligible[bi] = eligible[--count];
    out[k] = j;
    for (let e = p.succ.off[j]; e < p.succ.off[j + 1]; e++) if (--missing[p.succ.act[e]] === 0) eligible[count++] = p.succ.act[e];
  }
  return out;
}
