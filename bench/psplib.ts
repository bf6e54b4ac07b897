// PSPLIB yardstick for the leveling kernel. Run from the repo root:
//   node scripts/run-ts.mjs bench/psplib.ts [--sets j30,j60,j120] [--modes fast,optimize]
//        [--budget 1000] [--schedules N] [--limit N] [--shard k/m]
// Per set and mode: average % over the CPM bound, % over the optimum / best known, the
// share of instances at the best known, and milliseconds per instance.
import { parsePsplib, psplibRcpsp } from "../core/level/psplib";
import { solve } from "../core/level/search";
import { instances, psplibAvailable, psplibDir, readInstance, references, type PsplibSet } from "./psplib-data";

function flag(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

const sets = flag("sets", "j30,j60,j120").split(",") as PsplibSet[];
const modes = flag("modes", "fast,optimize").split(",") as ("fast" | "optimize")[];
const budget = Number(flag("budget", "1000"));
const limit = Number(flag("limit", "0"));
/** A schedule budget for optimize instead of time: load-independent and deterministic. */
const scheduleBudget = Number(flag("schedules", "0"));
const [shard, shards] = flag("shard", "0/1").split("/").map(Number);

if (!psplibAvailable()) {
  console.error(`PSPLIB data not found at ${psplibDir()} (run from the repo root or set GANTRY_PSPLIB)`);
  process.exit(1);
}

/** `limit` instances spread evenly over the set (every parameter group gets its share). */
function pick(names: string[]): string[] {
  const chosen = limit > 0 && limit < names.length ? Array.from({ length: limit }, (_, i) => names[Math.floor((i * names.length) / limit)]) : names;
  return chosen.filter((_, i) => i % shards === shard);
}

const pct = (x: number) => x.toFixed(2).padStart(7);
console.log(`set   mode       budget   n    %>CPM   %>best  at best   ms/inst  max ms  schedules/inst`);
for (const set of sets) {
  const refs = references(set);
  const names = pick(instances(set));
  for (const mode of modes) {
    let overCpm = 0, overBest = 0, atBest = 0, ms = 0, maxMs = 0, schedules = 0;
    for (const name of names) {
      const p = psplibRcpsp(parsePsplib(readInstance(set, name)));
      const ref = refs.get(name)!;
      const t0 = performance.now();
      const r = solve(p, scheduleBudget > 0 ? { mode, budgetMs: 1e9, maxSchedules: scheduleBudget } : { mode, budgetMs: budget });
      const dt = performance.now() - t0;
      overCpm += (100 * (r.makespan - ref.cpm)) / ref.cpm;
      overBest += (100 * (r.makespan - ref.best)) / ref.best;
      if (r.makespan <= ref.best) atBest++;
      ms += dt;
      maxMs = Math.max(maxMs, dt);
      schedules += r.schedules;
    }
    const n = names.length;
    console.log(
      `${set.padEnd(5)} ${mode.padEnd(9)} ${(mode === "fast" ? "-" : scheduleBudget > 0 ? `${scheduleBudget / 1000}k sch` : `${budget}ms`).padStart(7)} ${String(n).padStart(4)} ${pct(overCpm / n)} ${pct(overBest / n)}  ${pct((100 * atBest) / n)}% ${(ms / n).toFixed(1).padStart(8)} ${maxMs.toFixed(1).padStart(7)} ${Math.round(schedules / n).toString().padStart(10)}`,
    );
  }
}
