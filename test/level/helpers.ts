// Shared by the leveling tests: the PSPLIB data location and an independent check that
// a schedule respects every link and every capacity.
import { fileURLToPath } from "node:url";
import { psplibAvailable, psplibDir } from "../../bench/psplib-data";
import type { Rcpsp } from "../../core/level/rcpsp";

export const repoRoot = fileURLToPath(new URL("../..", import.meta.url));

/** True when the PSPLIB data is missing and the tests may skip (never under CI). */
export function psplibMissing(): boolean {
  if (psplibAvailable(repoRoot)) return false;
  if (process.env.CI) throw new Error(`PSPLIB data not found at ${psplibDir(repoRoot)}: CI needs ../shared/data/psplib (or $GANTRY_PSPLIB)`);
  return true;
}

/** Every violation of a schedule: links (s[to] ≥ s[from] + lag), releases, and capacity per period. */
export function violations(p: Rcpsp, start: ArrayLike<number>): string[] {
  const out: string[] = [];
  for (let j = 0; j < p.n; j++) {
    if (start[j] < p.release[j]) out.push(`activity ${j} starts before its release`);
    for (let e = p.pred.off[j]; e < p.pred.off[j + 1]; e++) {
      const i = p.pred.act[e];
      if (start[j] < start[i] + p.pred.lag[e]) out.push(`link ${i} → ${j} broken`);
    }
  }
  let end = 0;
  for (let j = 0; j < p.n; j++) end = Math.max(end, start[j] + p.duration[j]);
  for (let t = 0; t < end; t++) {
    for (let r = 0; r < p.nRes; r++) {
      let used = 0;
      for (let j = 0; j < p.n; j++) if (start[j] <= t && t < start[j] + p.duration[j]) used += p.demand[j * p.nRes + r];
      if (used > p.capacity(r, t)) out.push(`resource ${r} over capacity at ${t}: ${used} > ${p.capacity(r, t)}`);
    }
  }
  return out;
}
