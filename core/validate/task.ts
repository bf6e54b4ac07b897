// `task` and `milestone` blocks: one valid length on leaves (GANTRY302/303/306), none on
// milestones (304) and phases (315), somebody to do the effort (305), shares within the
// resource's units (401), dates that can happen (309), constraints that agree (312),
// progress that adds up (313). Repeated fields (108) are the parser's.
import type * as ast from "../ast";
import { diag } from "../diagnostics";
import { dateDay, span } from "../lower";
import { assignmentTarget, type TaskEntry } from "../resolve";
import type { ValidateContext } from "./context";
import { q } from "./context";
import { checkMoney } from "./literals";

/** One task's own checks: they read the task, its resources and the project, no other task. */
export function validateTask(ctx: ValidateContext, t: TaskEntry): void {
  checkLength(ctx, t);
  checkAssignments(ctx, t);
  checkDates(ctx, t);
  checkConstraints(ctx, t);
  checkProgress(ctx, t);
  for (const c of t.node.costs) checkMoney(ctx, t.uri, c.amount);
  checkMoney(ctx, t.uri, t.node.budget);
  checkMoney(ctx, t.uri, t.node.spent);
  const prio = t.node.priority;
  if (prio && (prio.value < 0 || prio.value > 1000 || !Number.isInteger(prio.value))) {
    ctx.out.push(diag("GANTRY109", t.uri, prio.range, `A priority is a whole number from 0 to 1000 (default 500); ${prio.text} is not. Higher goes first when leveling.`));
  }
  const done = t.node.done;
  if (done && (done.value < 0 || done.value > 100)) {
    ctx.out.push(diag("GANTRY109", t.uri, done.range, `Progress is between 0% and 100%; ${done.value}% is not. Write how much of ${q(t.id)} is done.`));
  }
}

const LENGTH_KEYWORDS = new Set(["duration", "effort", "estimate"]);

function lengths(node: ast.Task): { keyword: string; node: ast.Node }[] {
  const given: { keyword: string; node: ast.Node }[] = [];
  if (node.duration) given.push({ keyword: "duration", node: node.duration });
  if (node.effort) given.push({ keyword: "effort", node: node.effort });
  if (node.estimate) given.push({ keyword: "estimate", node: node.estimate });
  return given;
}

/** How many lengths the task gives, without listing them (the usual answer is one). */
const lengthCount = (node: ast.Task) => (node.duration ? 1 : 0) + (node.effort ? 1 : 0) + (node.estimate ? 1 : 0);

function checkLength(ctx: ValidateContext, t: TaskEntry): void {
  const node = t.node;
  if (node.kind === "milestone") {
    for (const g of lengths(node)) {
      ctx.out.push(diag("GANTRY304", t.uri, g.node.range, `The milestone ${q(t.id)} has a \`${g.keyword}\`, but a milestone has no length. Delete it, or make ${q(t.id)} a \`task\`.`));
    }
    for (const a of node.assignments) {
      ctx.out.push(diag("GANTRY304", t.uri, a.range, `The milestone ${q(t.id)} has resources assigned, but a milestone takes no work. Delete the assignment, or make ${q(t.id)} a \`task\`.`));
    }
    return;
  }
  if (t.children.length > 0) {
    for (const g of lengths(node)) {
      ctx.out.push(
        diag("GANTRY315", t.uri, g.node.range, `${q(t.id)} is a phase: it takes its length from its tasks, so this \`${g.keyword}\` is ignored. Move it into a task inside the phase, or delete it.`),
      );
    }
    for (const a of node.assignments) {
      ctx.out.push(
        diag("GANTRY315", t.uri, a.range, `${q(t.id)} is a phase: its work comes from its tasks, so this assignment is ignored. Assign the resource to tasks inside the phase.`),
      );
    }
    return;
  }
  const count = lengthCount(node);
  if (count === 0) {
    // A length keyword whose value the parser could not read was reported there (GANTRY102/105).
    if (!node.fields.some((f) => LENGTH_KEYWORDS.has(f.keyword))) {
      ctx.out.push(
        diag("GANTRY302", t.uri, node.id!.range, `The task ${q(t.id)} has no length. Give it \`duration 5d\`, \`effort 10d\` with \`assign\`, or \`estimate 3d..5d..8d\` — or make it a \`milestone\`.`),
      );
    }
    return;
  }
  if (count > 1) {
    const [first, ...rest] = lengths(node);
    for (const g of rest) {
      ctx.out.push(
        diag("GANTRY306", t.uri, g.node.range, `The task ${q(t.id)} has both \`${first!.keyword}\` and \`${g.keyword}\`; a task takes exactly one length. Keep one and delete the other.`),
      );
    }
  }
  checkPositive(ctx, t, node.duration, "duration");
  checkPositive(ctx, t, node.effort, "effort");
  const e = node.estimate;
  if (e) {
    const o = span(e.optimistic, 480).minutes;
    const m = span(e.likely, 480).minutes;
    const p = span(e.pessimistic, 480).minutes;
    if (!(o <= m && m <= p) || p <= 0) {
      ctx.out.push(
        diag("GANTRY303", t.uri, e.range, `The estimate ${e.optimistic.text}..${e.likely.text}..${e.pessimistic.text} is not optimistic ≤ likely ≤ pessimistic. Order the three points from best to worst case.`),
      );
    }
  }
  if (node.effort && node.assignments.length === 0) {
    const resources = ctx.res.resources.map((r) => r.id);
    ctx.out.push(
      diag("GANTRY305", t.uri, node.effort.range, `The task ${q(t.id)} has an effort but nobody assigned to do it. Add \`assign ${resources[0] ?? "someone"}\`${resources.length ? "" : " (and define that resource)"}, or use \`duration\` instead.`, {
        fix: { kind: "assign", resources },
      }),
    );
  }
}

function checkPositive(ctx: ValidateContext, t: TaskEntry, d: ast.DurationLit | undefined, what: "duration" | "effort"): void {
  if (d && d.value <= 0) {
    ctx.out.push(
      diag("GANTRY303", t.uri, d.range, `A ${what} of ${d.text} leaves ${q(t.id)} without length. Give it a positive ${what}, or make it a \`milestone\` if it marks a point in time.`),
    );
  }
}

function checkAssignments(ctx: ValidateContext, t: TaskEntry): void {
  for (let i = 0; i < t.node.assignments.length; i++) {
    const a = t.node.assignments[i]!;
    if (!a.share) continue;
    const r = assignmentTarget(ctx.res, t, i);
    if (r === undefined) continue;
    const res = ctx.res.resources[r]!.node;
    const units = res.units ? ("text" in res.units ? res.units.value : res.units.value / 100) : 1;
    if (units > 0 && a.share.value / 100 > units + 1e-9) {
      const have = res.units && !("text" in res.units) ? `${res.units.value}%` : `${units} (${Math.round(units * 100)}%)`;
      ctx.out.push(
        diag("GANTRY401", t.uri, a.share.range, `${q(t.id)} assigns ${a.share.value}% of ${q(ctx.res.resources[r]!.id)}, which has only ${have}. Lower the share, or raise the resource's \`units\`.`),
      );
    }
    if (a.share.value <= 0) {
      ctx.out.push(diag("GANTRY109", t.uri, a.share.range, `An assignment share must be above 0%; ${a.share.value}% assigns nobody. Give a positive share or delete the assignment.`));
    }
  }
}

function checkDates(ctx: ValidateContext, t: TaskEntry): void {
  const n = t.node;
  const started = dateDay(n.started);
  const finished = dateDay(n.finished);
  const status = ctx.statusDate;
  if (started !== undefined && finished !== undefined && finished < started) {
    impossible(ctx, t, n.finished!, `${q(t.id)} finished on ${n.finished!.text}, before it started on ${n.started!.text}. Correct one of the two dates.`);
  }
  if (status !== undefined) {
    const statusText = ctx.project!.status!.text;
    if (started !== undefined && started > status) {
      impossible(ctx, t, n.started!, `${q(t.id)} started on ${n.started!.text}, after the status date ${statusText}: that has not happened yet. Correct the date, or move the status date.`);
    }
    if (finished !== undefined && finished > status) {
      impossible(ctx, t, n.finished!, `${q(t.id)} finished on ${n.finished!.text}, after the status date ${statusText}: that has not happened yet. Correct the date, or move the status date.`);
    }
  }
  const start = ctx.projectStart;
  if (start === undefined) return;
  const startText = ctx.project!.start!.text;
  for (let i = 0; i < n.constraints.length; i++) {
    const c = n.constraints[i]!;
    const day = dateDay(c.date);
    if (day === undefined || day >= start || c.kind === "startNoEarlierThan") continue;
    const what = c.kind === "startOn" ? "start on" : "finish by";
    impossible(ctx, t, c, `${q(t.id)} must ${what} ${c.date!.text}, before the project starts on ${startText}. Move the date on or after the project start.`);
  }
  const deadline = dateDay(n.deadline);
  if (deadline !== undefined && deadline < start) {
    impossible(ctx, t, n.deadline!, `The deadline ${n.deadline!.text} of ${q(t.id)} is before the project starts on ${startText}; it can never be met. Move the deadline.`);
  }
}

function impossible(ctx: ValidateContext, t: TaskEntry, node: ast.Node, message: string): void {
  ctx.out.push(diag("GANTRY309", t.uri, node.range, message));
}

const startOf = (c: ast.Constraint) => c.kind === "startOn" || c.kind === "startNoEarlierThan";

function checkConstraints(ctx: ValidateContext, t: TaskEntry): void {
  const cs = t.node.constraints;
  if (cs.length < 2) return;
  for (let i = 1; i < cs.length; i++) {
    const c = cs[i]!;
    for (const other of cs.slice(0, i)) {
      const kinds = new Set([c.kind, other.kind]);
      const a = dateDay(other.date);
      const b = dateDay(c.date);
      if (kinds.has("asLateAsPossible") && kinds.size === 2 && (kinds.has("startOn") || kinds.has("startNoEarlierThan"))) {
        clash(ctx, t, c, other, `${q(t.id)} is both pinned to a start date and placed as late as possible. Keep one of the two constraints.`);
      } else if (startOf(c) && startOf(other) && (kinds.has("startOn") || a !== b)) {
        clash(ctx, t, c, other, `${q(t.id)} has two start constraints; only one can hold. Keep one of them.`);
      } else if (c.kind === other.kind && c.kind === "finishNoLaterThan" && a !== b) {
        clash(ctx, t, c, other, `${q(t.id)} has two different finish-no-later-than dates. Keep the one that applies.`);
      } else if (kinds.has("finishNoLaterThan") && (kinds.has("startOn") || kinds.has("startNoEarlierThan")) && a !== undefined && b !== undefined) {
        const [startDay, finishDay] = startOf(c) ? [b, a] : [a, b];
        if (startDay > finishDay) {
          clash(ctx, t, c, other, `${q(t.id)} must start on or after one date but finish by an earlier one; both cannot hold. Move one of the dates.`);
        }
      }
    }
  }
}

/**
 * Two constraints of `t` that cannot both hold. Apart: a closure in `checkConstraints` would
 * capture its parameters, and V8 would allocate a context at each call (once per task).
 */
function clash(ctx: ValidateContext, t: TaskEntry, c: ast.Constraint, other: ast.Constraint, message: string): void {
  ctx.out.push(diag("GANTRY312", t.uri, c.range, message, { related: [{ uri: t.uri, range: other.range, message: "the other constraint" }] }));
}

function checkProgress(ctx: ValidateContext, t: TaskEntry): void {
  const n = t.node;
  if (t.children.length > 0) return;
  const done = n.done?.value;
  // A reached milestone is a date and nothing else: `finished` implies done, no `started`.
  const reached = n.kind === "milestone" && n.finished !== undefined;
  if (n.finished && done === undefined && !reached) {
    inconsistent(ctx, t, n.finished, `${q(t.id)} is finished but says nothing about progress. Add \`done 100%\`.`);
  } else if (n.finished && done !== undefined && done < 100) {
    inconsistent(ctx, t, n.done!, `${q(t.id)} is finished but only ${done}% done. Make it \`done 100%\`, or remove \`finished\` if work remains.`);
  } else if (done === 100 && !n.finished) {
    inconsistent(ctx, t, n.done!, `${q(t.id)} is 100% done but has no finish date. Add \`finished YYYY-MM-DD\`.`);
  }
  if (done !== undefined && done > 0 && !n.started && !reached && ctx.statusDate !== undefined) {
    inconsistent(ctx, t, n.done!, `${q(t.id)} is ${done}% done but has no start date. Add \`started YYYY-MM-DD\`.`);
  }
}

function inconsistent(ctx: ValidateContext, t: TaskEntry, node: ast.Node, message: string): void {
  ctx.out.push(diag("GANTRY313", t.uri, node.range, message));
}
