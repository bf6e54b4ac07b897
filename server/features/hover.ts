// Hovers: a task's computed dates and why it starts when it does, a resource's load and
// cost, a keyword's paragraph of docs/language.md.
import type { Hover } from "vscode-languageserver";
import type { Analysis } from "../../core/analysis";
import type { Definition } from "../../core/symbols";
import type { TaskModel } from "../../core/model";
import { formatDay } from "../../core/dates";
import { driverText } from "../../core/report/explain";
import { wordAt, formatMoney, formatSpan, isoDateTime, isoDay, toLspRange } from "../convert";
import { KEYWORD_DOCS } from "../keyword-docs";
import type { SymbolHit } from "./symbolsAt";

export function hover(analysis: Analysis | undefined, hit: SymbolHit | undefined, text: string, offset: number): Hover | null {
  if (hit && analysis) {
    const value = HOVERS[hit.def.kind](analysis, hit.def);
    return { contents: { kind: "markdown", value }, range: toLspRange(hit.range) };
  }
  const word = wordAt(text, offset);
  const doc = word && KEYWORD_DOCS[word];
  return doc ? { contents: { kind: "markdown", value: doc } } : null;
}

const HOVERS: Record<Definition["kind"], (analysis: Analysis, def: Definition) => string> = {
  task: taskHover,
  resource: resourceHover,
  calendar: calendarHover,
  risk: riskHover,
};

function definitionLine(def: Definition): string {
  return `**${def.kind}** \`${def.id}\``;
}

/** `file:///x.plan#L12`: a markdown link target to a line (1-based, as editors show). */
export function lineLink(uri: string, line: number): string {
  return `${uri}#L${line + 1}`;
}

function minutesPerDay(analysis: Analysis, task: TaskModel): number {
  return (task.calendar ?? analysis.plan.project.calendar).minutesPerDay;
}

function taskLink(analysis: Analysis, index: number): string {
  const t = analysis.plan.tasks[index];
  if (!t) return "?";
  const line = t.node.id?.range.start.line ?? t.node.range.start.line;
  return `[${t.id}](${lineLink(t.uri, line)})`;
}

function taskHover(analysis: Analysis, def: Definition): string {
  const task = analysis.plan.tasks[def.index];
  const s = analysis.schedule.tasks[def.index];
  if (!task) return definitionLine(def);
  const kind = task.milestone ? "milestone" : task.summary ? "phase" : "task";
  const head = `**${task.name}** — ${kind} \`${task.id}\``;
  if (!s || s.unscheduled) return `${head}\n\nNot scheduled (see the errors of this plan).`;
  const perDay = minutesPerDay(analysis, task);
  const currency = analysis.plan.project.currency;
  const rows: [string, string][] = [
    ["Start", isoDateTime(s.start)],
    ["Finish", isoDateTime(s.finish)],
    ["Duration", formatSpan(s.duration, perDay)],
    ["Total slack", formatSpan(s.totalSlack, perDay)],
    ["Critical", s.critical ? "yes" : "no"],
    ["Cost", formatMoney(s.cost, currency) + (task.budget !== undefined ? ` of ${formatMoney(task.budget, currency)} budget` : "")],
  ];
  if (task.assignments.length) {
    rows.push(["Resources", task.assignments.map((a) => `${analysis.plan.resources[a.resource]?.id ?? "?"} ${Math.round(a.share * 100)}%`).join(", ")]);
  }
  if (s.done > 0) rows.push(["Done", `${Math.round(s.done * 100)}%`]);
  const table = ["| | |", "|---|---|", ...rows.map(([k, v]) => `| ${k} | ${v} |`)].join("\n");
  return `${head}\n\n${table}\n\nStarts ${isoDay(s.start)}: ${driverText(analysis.plan, s.driver, (i) => taskLink(analysis, i))}.`;
}

function resourceHover(analysis: Analysis, def: Definition): string {
  const r = analysis.plan.resources[def.index];
  const load = analysis.schedule.resources.find((l) => l.resource === def.index);
  if (!r) return definitionLine(def);
  const perDay = new Map<number, number>();
  const { bookings } = analysis.schedule;
  for (const k of bookings.ofResource(def.index)) perDay.set(bookings.day(k), (perDay.get(bookings.day(k)) ?? 0) + bookings.minutes(k));
  let peak: [number, number] | undefined;
  for (const e of perDay) if (!peak || e[1] > peak[1]) peak = e;
  const currency = analysis.plan.project.currency;
  const rate = r.rate ? `${formatMoney(r.rate.cents, currency)}/${r.rate.per}` : "no rate";
  const lines = [
    `**${r.name}** — ${r.kind} \`${r.id}\`${r.role ? ` (${r.role})` : ""}`,
    "",
    `| | |`,
    `|---|---|`,
    `| Rate | ${rate} |`,
    `| Units | ${Math.round(r.units * 100)}% |`,
    `| Work | ${Math.round(((load?.work ?? 0) / 60) * 10) / 10} h |`,
    `| Peak day | ${peak ? `${formatDay(peak[0])} (${Math.round((peak[1] / 60) * 10) / 10} h)` : "—"} |`,
    `| Cost | ${formatMoney(load?.cost ?? 0, currency)} |`,
  ];
  return lines.join("\n");
}

function calendarHover(analysis: Analysis, def: Definition): string {
  const c = analysis.plan.calendars.find((x) => x.id === def.id);
  if (!c) return definitionLine(def);
  const days = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"].filter((_, i) => c.workdays[i]).join(", ");
  const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
  const hours = c.hours.map((h) => `${hhmm(h.from)}-${hhmm(h.to)}`).join(", ");
  return `**calendar** \`${c.id}\`\n\n${days}, ${hours} (${c.minutesPerDay / 60} h a day); ${c.holidays.length} holiday${c.holidays.length === 1 ? "" : "s"}`;
}

function riskHover(analysis: Analysis, def: Definition): string {
  const r = analysis.plan.risks[def.index];
  if (!r) return definitionLine(def);
  const currency = analysis.plan.project.currency;
  const perDay = analysis.plan.project.calendar.minutesPerDay;
  const impact = [r.costImpact !== undefined ? formatMoney(r.costImpact, currency) : undefined, r.scheduleImpact ? formatSpan(r.scheduleImpact.minutes, perDay) : undefined].filter(Boolean).join(", ");
  const exposure = [
    r.costImpact !== undefined ? formatMoney(Math.round(r.costImpact * r.probability), currency) : undefined,
    r.scheduleImpact ? formatSpan(r.scheduleImpact.minutes * r.probability, perDay) : undefined,
  ].filter(Boolean).join(", ");
  return [
    `**${r.name}** — risk \`${r.id}\` (${r.status})`,
    "",
    `| | |`,
    `|---|---|`,
    `| Probability | ${Math.round(r.probability * 100)}% |`,
    `| Impact | ${impact || "—"} |`,
    `| Exposure | ${exposure || "—"} |`,
    `| Affects | ${r.affects.map((i) => taskLink(analysis, i)).join(", ") || "—"} |`,
    `| Owner | ${r.owner !== undefined ? `\`${analysis.plan.resources[r.owner]?.id}\`` : "—"} |`,
  ].join("\n");
}
