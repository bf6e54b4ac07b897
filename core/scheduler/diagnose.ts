// Diagnostics that only a schedule can tell: missed deadlines (GANTRY307), negative slack
// against `finish no later than` / `start on` (GANTRY308), over-allocated resources
// (GANTRY402) and budgets exceeded (GANTRY403). Cycles are the validator's (GANTRY301).
import type { Range } from "../ast";
import { diag, type Diagnostic } from "../diagnostics";
import type { Cents, DayNumber, ResourceModel, TaskModel } from "../model";
import type { Bookings, ScheduleResult } from "../schedule";
import { workingBetween } from "../calendar";
import { formatDay, dayOfMinutes } from "../dates";
import { PLACED, type Backward, type Forward } from "./passes";
import { CHECKED, leavesOf, type Network } from "./network";
import { capacity, resourceWork } from "./cost";
import { drivingChain } from "./result";
import { sameItems } from "../reuse";

const ZERO: Range = { start: { line: 0, col: 0 }, end: { line: 0, col: 0 } };

/** "2", "0.5", "1.25": working days with at most two decimals. */
export function days(minutes: number, minutesPerDay: number): string {
  return String(Math.round((minutes / minutesPerDay) * 100) / 100);
}

function workingDays(minutes: number, minutesPerDay: number): string {
  const n = days(minutes, minutesPerDay);
  return `${n} working day${n === "1" ? "" : "s"}`;
}

export function money(cents: Cents): string {
  const sign = cents < 0 ? "-" : "";
  const abs = Math.abs(cents);
  const whole = Math.floor(abs / 100).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${sign}${whole}.${String(abs % 100).padStart(2, "0")}`;
}

function chainText(net: Network, result: ScheduleResult, task: number): string {
  return drivingChain(result.tasks, task).map((i) => net.plan.tasks[i]!.id).join(" → ");
}

/** A resource over its capacity: on which days, by which tasks (what GANTRY402 reports). */
export interface Overload {
  resource: number;
  days: [DayNumber, DayNumber][];
  involved: number[];
}

/** The schedule's findings; `overloads` come from `overAllocation`, which reads only the schedule. */
export function diagnose(net: Network, result: ScheduleResult, late: Backward, placed: Forward, overloads: readonly Overload[]): Diagnostic[] {
  const { plan, projectWork: pw } = net;
  const out: Diagnostic[] = [];
  const perDay = plan.project.calendar.minutesPerDay || 480;
  const label = (t: TaskModel) => `"${t.name}"`;

  for (let i = 0; i < plan.tasks.length; i++) {
    if (!(net.flags[i]! & CHECKED)) continue;
    const t = plan.tasks[i]!;
    const s = result.tasks[i]!;
    if (s.unscheduled) continue;
    if (t.deadline !== undefined && s.finish > (t.deadline + 1) * 1440) {
      // A finish at the very start of a working day (a milestone at 08:00) is still a day late.
      const deadlineEnd = (t.deadline + 1) * 1440;
      const over = workingBetween(pw, deadlineEnd, s.finish) || workingBetween(pw, deadlineEnd, (dayOfMinutes(s.finish) + 1) * 1440);
      out.push(
        diag("GANTRY307", t.uri, t.node.deadline?.range ?? t.node.range,
          `${label(t)} finishes on ${formatDay(dayOfMinutes(s.finish - 1))}, ${workingDays(over, perDay)} after its deadline ${formatDay(t.deadline)}. ` +
            `Driving chain: ${chainText(net, result, lastLeaf(net, result, t.index))}.`),
      );
    }
    if (t.summary) continue;
    for (const c of t.constraints) {
      if (c.day === undefined) continue;
      if (c.kind === "finishNoLaterThan" && s.earlyFinish > late.lateFinish[t.index]! && late.lateFinish[t.index]! < (c.day + 1) * 1440) {
        const over = workingBetween(pw, late.lateFinish[t.index]!, s.earlyFinish);
        out.push(
          diag("GANTRY308", t.uri, c.node.range,
            `${label(t)} cannot finish by ${formatDay(c.day)}: the logic finishes it on ${formatDay(dayOfMinutes(s.earlyFinish - 1))}, ` +
              `${workingDays(over, perDay)} of negative slack. Driving chain: ${chainText(net, result, t.index)}.`),
        );
      }
      const pushed = c.kind === "startOn" ? placed.overridden.get(t.index) : undefined;
      if (pushed?.kind === "predecessor") {
        out.push(
          diag("GANTRY308", t.uri, c.node.range,
            `${label(t)} must start on ${formatDay(c.day)}, but its predecessor ${plan.tasks[pushed.task]!.id} lets it start only later: negative slack. ` +
              `Driving chain: ${chainText(net, result, pushed.task)}.`),
        );
      }
    }
  }
  for (const o of overloads) out.push(overAllocated(net, o));
  out.push(...overBudget(net, result));
  return out;
}

/** The leaf that finishes last drives a task's finish (a leaf drives its own). */
function lastLeaf(net: Network, result: ScheduleResult, task: number): number {
  let best = -1;
  for (const c of leavesOf(net, task)) {
    if (!result.tasks[c]!.unscheduled && (best < 0 || result.tasks[c]!.finish >= result.tasks[best]!.finish)) best = c;
  }
  return best < 0 ? task : best;
}

function ranges(days: DayNumber[], bridge: (from: DayNumber, to: DayNumber) => boolean): [DayNumber, DayNumber][] {
  const out: [DayNumber, DayNumber][] = [];
  for (const d of days) {
    const last = out[out.length - 1];
    if (last && bridge(last[1], d)) last[1] = d;
    else out.push([d, d]);
  }
  return out;
}

/** How many day ranges and tasks a message lists: a big plan can have thousands. */
const LIST_LIMIT = 5;

/** "a, b, c, d, e and 7 more": only the items shown are turned into text. */
export function capped<T>(items: readonly T[], text: (item: T) => string, limit = LIST_LIMIT): string {
  const shown = items.slice(0, limit).map(text).join(", ");
  return items.length <= limit ? shown : `${shown} and ${items.length - limit} more`;
}

const rangeText = ([a, b]: [DayNumber, DayNumber]) => (a === b ? formatDay(a) : `${formatDay(a)}..${formatDay(b)}`);

// What one resource's days are, while it is checked (the days it has no booking are 0).
const BOOKED = 1;
const WITHIN = 2; // checked: within capacity
const OVER = 3;

/**
 * Days where a resource's booked minutes exceed its capacity, merged into ranges. Each
 * resource is summed in turn into one array over the booked days, in booking order.
 * Indexed loops over typed arrays: this runs on every keystroke that reschedules, over
 * every booking (65,000 on the 10k plan). After an edit (`prior`: the findings
 * before it, and the tasks placed again, see `Prior` in passes.ts) only the resources of
 * the tasks placed again, and the `dirty` ones (which lost tasks an edit removed or moved),
 * are summed; the others' findings are kept.
 */
export function overAllocation(net: Network, bookings: Bookings, exact: Float64Array, prior?: { overloads: readonly Overload[]; placed: Uint8Array; dirty: readonly number[] }): Overload[] {
  const { plan, asgOff, asgResource } = net;
  const again = new Uint8Array(plan.resources.length).fill(prior ? 0 : 1);
  for (const r of prior?.dirty ?? []) again[r] = 1;
  for (let i = 0; prior && i < plan.tasks.length; i++) {
    if (prior.placed[i]! & PLACED) for (let a = asgOff[i]!; a < asgOff[i + 1]!; a++) again[asgResource[a]!] = 1;
  }
  const kept: (Overload | undefined)[] = [];
  for (const o of prior?.overloads ?? []) if (!again[o.resource]) kept[o.resource] = o;
  const day = bookings.days();
  let first = Infinity;
  let last = -Infinity;
  for (let k = 0; k < day.length; k++) {
    if (!again[bookings.resource(k)]) continue;
    first = Math.min(first, day[k]!);
    last = Math.max(last, day[k]!);
  }
  const sum = new Float64Array(first > last ? 0 : last - first + 1);
  const state = new Uint8Array(sum.length);
  const out: Overload[] = [];
  for (let ri = 0; ri < plan.resources.length; ri++) {
    const r = plan.resources[ri]!;
    if (!again[ri]) {
      const o = kept[ri];
      if (o) out.push(o);
      continue;
    }
    const mine = bookings.ofResource(ri);
    if (mine.length === 0) continue;
    // The resource's days, as offsets from `first` (small integers, for the scan below).
    let lo = sum.length;
    let hi = -1;
    for (let j = 0; j < mine.length; j++) {
      const k = mine[j]!;
      const d = day[k]! - first;
      sum[d] += exact[k]!;
      state[d] = BOOKED;
      lo = Math.min(lo, d);
      hi = Math.max(hi, d);
    }
    const w = resourceWork(r);
    let overs = 0;
    for (let j = 0; j < mine.length; j++) {
      const d = day[mine[j]!]! - first;
      if (state[d] !== BOOKED) continue;
      // Exact demand; the tolerance only absorbs floating-point sums of shares.
      const isOver = sum[d]! > capacity(r, w, d + first) + 1e-6;
      state[d] = isOver ? OVER : WITHIN;
      if (isOver) overs++;
    }
    if (overs > 0) {
      // Its tasks come sorted: the bookings are task by task.
      const involved: number[] = [];
      for (let j = 0; j < mine.length; j++) {
        const k = mine[j]!;
        if (state[day[k]! - first] === OVER && involved[involved.length - 1] !== bookings.task(k)) involved.push(bookings.task(k));
      }
      const over: DayNumber[] = [];
      for (let d = lo; d <= hi; d++) if (state[d] === OVER) over.push(d + first);
      // Days in between with no demand and no capacity (weekends) do not split a range.
      const bridge = (a: DayNumber, z: DayNumber) => {
        for (let d = a + 1; d < z; d++) if (capacity(r, w, d) > 0 || state[d - first] !== 0) return false;
        return true;
      };
      out.push({ resource: ri, days: ranges(over, bridge), involved });
    }
    sum.fill(0, lo, hi + 1);
    state.fill(0, lo, hi + 1);
  }
  return out;
}

/**
 * What GANTRY402 said of each finding, and from which models. A finding kept after an edit
 * (see `overAllocation`) keeps its diagnostic while its resource and the tasks it names
 * are the same models: a plan can have hundreds, which a keystroke would make again.
 */
const said = new WeakMap<Overload, { r: ResourceModel; shown: readonly TaskModel[]; diagnostic: Diagnostic }>();

function overAllocated(net: Network, o: Overload): Diagnostic {
  const r = net.plan.resources[o.resource]!;
  const shown = o.involved.slice(0, LIST_LIMIT).map((i) => net.plan.tasks[i]!);
  const was = said.get(o);
  if (was && was.r === r && sameItems(was.shown, shown)) return was.diagnostic;
  const diagnostic = diag("GANTRY402", r.uri, r.node.id?.range ?? r.node.range,
    `${r.id} is over-allocated on ${capped(o.days, rangeText)} by ${capped(o.involved, (i) => net.plan.tasks[i]!.id)}: ` +
      `more work is booked than its capacity. Move a task, lower a share, or turn leveling on.`,
    { related: shown.map((t) => ({ uri: t.uri, range: t.node.id?.range ?? t.node.range, message: `${t.id} books ${r.id}` })) });
  said.set(o, { r, shown, diagnostic });
  return diagnostic;
}

function overBudget(net: Network, result: ScheduleResult): Diagnostic[] {
  const { plan } = net;
  const out: Diagnostic[] = [];
  const cur = plan.project.currency ? ` ${plan.project.currency}` : "";
  for (let i = 0; i < plan.tasks.length; i++) {
    if (!(net.flags[i]! & CHECKED)) continue;
    const t = plan.tasks[i]!;
    const s = result.tasks[i]!;
    if (t.budget === undefined || s.unscheduled || s.cost <= t.budget) continue;
    out.push(
      diag("GANTRY403", t.uri, t.node.budget?.range ?? t.node.range,
        `"${t.name}" costs ${money(s.cost)}${cur}, ${money(s.cost - t.budget)}${cur} over its budget of ${money(t.budget)}${cur}.`),
    );
  }
  const b = plan.project.budget;
  if (b !== undefined && result.cost > b) {
    const p = plan.project;
    out.push(
      diag("GANTRY403", p.uri ?? plan.tasks[0]?.uri ?? "", p.node?.budget?.range ?? p.node?.range ?? ZERO,
        `The project costs ${money(result.cost)}${cur}, ${money(result.cost - b)}${cur} over its budget of ${money(b)}${cur}.`),
    );
  }
  return out;
}
