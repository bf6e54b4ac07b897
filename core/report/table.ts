// The readable schedule table of `gantry schedule`: one row per task, names indented by
// WBS depth, lengths and slack in working days of the project calendar.
import type { ScheduleJson } from "../json";

const HEAD = ["WBS", "ID", "Name", "Start", "Finish", "Duration", "Slack", "Critical"];
/** Columns aligned right (numbers). */
const RIGHT = new Set([5, 6]);

function days(hours: number, hoursPerDay: number): string {
  const d = Math.round((hours / hoursPerDay) * 100) / 100;
  return `${Object.is(d, -0) ? 0 : d}d`;
}

const when = (iso: string) => iso.replace("T", " ");

export function scheduleTable(json: ScheduleJson): string {
  const perDay = json.calendar.hoursPerDay || 8;
  const rows = json.tasks.map((t) => [
    t.wbs,
    t.id,
    `${"  ".repeat(t.depth)}${t.name}`,
    t.unscheduled ? "—" : when(t.start),
    t.unscheduled ? "—" : when(t.finish),
    t.milestone ? "milestone" : days(t.durationHours, perDay),
    t.unscheduled ? "—" : days(t.totalSlack, perDay),
    t.unscheduled ? "unscheduled" : t.critical ? "yes" : "",
  ]);
  const widths = HEAD.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (RIGHT.has(i) ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join("  ")
      .trimEnd();
  const p = json.project;
  const cost = `${p.cost.toFixed(2)}${p.currency ? ` ${p.currency}` : ""}`;
  const budget = p.budget === null ? "" : ` of budget ${p.budget.toFixed(2)}`;
  const title = `${p.name}: ${when(p.start)} → ${when(p.finish)}, ${days(p.durationHours, perDay)}, cost ${cost}${budget}${p.leveled ? " (leveled)" : ""}`;
  return [title, "", line(HEAD), ...rows.map(line)].join("\n") + "\n";
}
