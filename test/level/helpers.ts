// Shared by the leveling tests: the PSPLIB data location and an independent check that
// a schedule respects every link and every capacity.
import { fileURLToPath } from "node:url";
import { psplibAvailable, psplibDir } from "../../bench/psplib-data";
import type { Rcpsp } from "../../core/level/rcpsp";
import type { Analysis } from "../../core/analysis";
import { capacityOn } from "../../core/scheduler/cost";

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
      for (let j = 0; j < p.n; j++) {
        if (start[j] <= t && t < start[j] + p.duration[j]) for (let k = p.reqOff[j]; k < p.reqOff[j + 1]; k++) if (p.reqRes[k] === r) used += p.reqQty[k];
      }
      if (used > p.capacity(r, t)) out.push(`resource ${r} over capacity at ${t}: ${used} > ${p.capacity(r, t)}`);
    }
  }
  return out;
}

/** Booked minutes above a resource's capacity, per "resource day" (none when leveled). */
export function overAllocations(a: Analysis): string[] {
  const out: string[] = [];
  for (const load of a.schedule.resources) {
    const resource = a.plan.resources[load.resource]!;
    const booked = new Map<number, number>();
    for (const b of a.schedule.bookings) if (b.resource === load.resource) booked.set(b.day, (booked.get(b.day) ?? 0) + b.minutes);
    for (const [day, m] of booked) if (m > capacityOn(resource, day) + 1e-6) out.push(`${resource.id} day ${day}: ${m} > ${capacityOn(resource, day)}`);
  }
  return out;
}

/** Moments where the tasks running on a resource ask more than its units (minute precision). */
export function overlaps(a: Analysis): string[] {
  const out: string[] = [];
  for (const r of a.plan.resources) {
    const events: [number, number][] = [];
    for (const t of a.plan.tasks) {
      if (t.summary) continue;
      const s = a.schedule.tasks[t.index]!;
      if (s.finish <= s.start) continue;
      for (const as of t.assignments) if (as.resource === r.index) events.push([s.start, as.share], [s.finish, -as.share]);
    }
    events.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
    let load = 0;
    for (const [t, d] of events) {
      load += d;
      if (load > r.units + 1e-9) out.push(`${r.id} at ${t}: ${load} > ${r.units}`);
    }
  }
  return out;
}
