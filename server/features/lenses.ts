// Inlay hints (`start → finish` after each task's first line) and code lenses over each
// phase (span, cost against budget, slack) that opens the schedule panel.
import type { CodeLens, InlayHint, Range as LspRange } from "vscode-languageserver";
import type { TextDocument } from "vscode-languageserver-textdocument";
import type { Analysis } from "../../core/analysis";
import { finishDay, formatMoney, formatSpan, isoDay } from "../convert";

export function inlayHints(analysis: Analysis, doc: TextDocument, range: LspRange): InlayHint[] {
  const hints: InlayHint[] = [];
  const lines = new Set<number>();
  for (const t of analysis.plan.tasks) {
    if (t.uri !== doc.uri) continue;
    const line = t.node.range.start.line;
    if (line < range.start.line || line > range.end.line || lines.has(line)) continue;
    const s = analysis.schedule.tasks[t.index];
    if (!s || s.unscheduled) continue;
    lines.add(line);
    const start = isoDay(s.start);
    const finish = finishDay(s.start, s.finish);
    const endOfLine = doc.offsetAt({ line: line + 1, character: 0 });
    const lineText = doc.getText({ start: { line, character: 0 }, end: doc.positionAt(endOfLine) }).replace(/\r?\n$/, "");
    hints.push({
      position: { line, character: lineText.length },
      label: t.milestone || start === finish ? `◆ ${finish}` : `${start} → ${finish}`,
      paddingLeft: true,
    });
  }
  return hints;
}

/** Clicking a phase lens opens the schedule panel beside the plan (a command of client/extension.ts). */
export const OPEN_SCHEDULE = "gantry.openSchedule";

export function codeLenses(analysis: Analysis, uri: string): CodeLens[] {
  const currency = analysis.plan.project.currency;
  const lenses: CodeLens[] = [];
  for (const t of analysis.plan.tasks) {
    if (t.uri !== uri || !t.summary) continue;
    const s = analysis.schedule.tasks[t.index];
    if (!s || s.unscheduled) continue;
    const perDay = (t.calendar ?? analysis.plan.project.calendar).minutesPerDay;
    const budget = t.budget !== undefined ? ` of ${formatMoney(t.budget, currency)}${s.cost > t.budget ? " (over budget)" : ""}` : "";
    const title = [
      `${isoDay(s.start)} → ${finishDay(s.start, s.finish)} (${formatSpan(s.duration, perDay)})`,
      `cost ${formatMoney(s.cost, currency)}${budget}`,
      `slack ${formatSpan(s.totalSlack, perDay)}${s.critical ? " · critical" : ""}`,
    ].join("  ·  ");
    const line = t.node.range.start.line;
    lenses.push({ range: { start: { line, character: 0 }, end: { line, character: 0 } }, command: { title, command: OPEN_SCHEDULE } });
  }
  return lenses;
}
