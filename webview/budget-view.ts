// The Budget tab: budget against planned (and actual) cost per phase, cost by category
// and by resource, and the cumulative planned cost over time with the budget line.
import { axisBottom, axisLeft } from "d3-axis";
import { format } from "d3-format";
import { scaleLinear, scaleTime } from "d3-scale";
import { select } from "d3-selection";
import { line } from "d3-shape";
import { timeDay } from "d3-time";
import type { ScheduleJson } from "../core/json";
import { hbarChart, legend, type HBarRow } from "./charts";
import { costByCategory, costCurve } from "./costs";
import { el, onClick } from "./dom";
import { money } from "./format";
import { parseLocal } from "./time";
import type { Ctx, View } from "./view";

/** More phases than this and the chart keeps the ones with budgets and the top levels. */
const MAX_PHASES = 60;

export class BudgetView implements View {
  readonly root = el("section", "view budget-view");

  constructor(private readonly ctx: Ctx) {
    const id = (e: Event) => (e.target as Element).closest(".hrow[data-id]")?.getAttribute("data-id") ?? null;
    onClick(this.root, id, (e) => this.ctx.reveal(id(e)!));
  }

  update(data: ScheduleJson, today: Date): void {
    const cur = data.project.currency, p = data.project;
    const width = Math.max(640, this.root.clientWidth - 32);
    const summary = el("div", "summary-line");
    summary.append(
      el("span", "", `Planned cost ${money(p.cost, cur)}`),
      el("span", "", p.budget !== null ? `Budget ${money(p.budget, cur)}` : "No project budget"),
    );
    if (p.actualCost !== null) summary.append(el("span", "", `Actual ${money(p.actualCost, cur)}`));
    if (p.budget !== null && p.cost > p.budget) summary.append(el("span", "flag", `Over budget by ${money(p.cost - p.budget, cur)}`));

    let phases = data.tasks.filter((t) => t.summary || t.budget !== null);
    if (phases.length > MAX_PHASES) phases = phases.filter((t) => t.budget !== null || t.depth === 0).slice(0, MAX_PHASES);
    const phaseRows: HBarRow[] = phases.map((t) => {
      const over = t.budget !== null && (t.cost > t.budget || (t.actualCost ?? 0) > t.budget);
      const bars = [{ cls: "cost", value: t.cost }];
      if (t.budget !== null) bars.unshift({ cls: "budget", value: t.budget });
      if (t.actualCost !== null) bars.push({ cls: "actual", value: t.actualCost });
      const note = t.budget === null ? money(t.cost, cur)
        : over ? `⚠ over by ${money(Math.max(t.cost, t.actualCost ?? 0) - t.budget, cur)}`
        : `${money(t.cost, cur)} of ${money(t.budget, cur)}`;
      return { id: t.id, label: `${t.wbs} ${t.name}`, bars, note, flagged: over };
    });
    const simple = (label: string, value: number): HBarRow => ({ label, bars: [{ cls: "cost", value }], note: money(value, cur) });

    this.root.replaceChildren(
      summary,
      legend([["budget", "Budget"], ["cost", "Planned cost"], ["actual", "Actual cost"], ["over", "Over budget"]]),
      hbarChart("Phases: budget and cost", phaseRows, width),
      el("div", "chart-row"),
      sCurve(data, width, today),
    );
    const row = this.root.querySelector(".chart-row")!;
    row.append(
      hbarChart("Cost by category", costByCategory(data).map((c) => simple(c.label, c.value)), width / 2 - 8),
      hbarChart("Cost by resource", data.resources.map((r) => simple(r.name, r.cost)), width / 2 - 8),
    );
  }
}

function sCurve(data: ScheduleJson, width: number, today: Date): HTMLElement {
  const box = el("figure", "chart s-curve");
  box.append(el("figcaption", "chart-title", "Cumulative planned cost"));
  const pts = costCurve(data).map((p) => ({ t: parseLocal(p.day), v: p.cumulative }));
  const m = { top: 12, right: 90, bottom: 28, left: 80 }, h = 240;
  const start = parseLocal(data.project.start), finish = timeDay.ceil(parseLocal(data.project.finish));
  const budget = data.project.budget;
  const x = scaleTime().domain([start, finish]).range([m.left, width - m.right]);
  const y = scaleLinear().domain([0, Math.max(1, budget ?? 0, ...pts.map((p) => p.v)) * 1.05]).range([h - m.bottom, m.top]).nice();
  const svg = select(box).append("svg").attr("class", "curve").attr("width", width).attr("height", h);
  svg.append("g").attr("class", "axis").attr("transform", `translate(0,${h - m.bottom})`).call(axisBottom(x).ticks(8));
  svg.append("g").attr("class", "axis").attr("transform", `translate(${m.left},0)`).call(axisLeft(y).ticks(6).tickFormat(format("~s")));
  // Cost lands at the end of its day: a step from the start at 0.
  const steps = [{ t: start, v: 0 }, ...pts.map((p) => ({ t: timeDay.offset(p.t, 1), v: p.v }))];
  svg.append("path").attr("class", "curve-line").datum(steps)
    .attr("d", line<{ t: Date; v: number }>().x((p) => x(p.t)).y((p) => y(p.v)));
  if (budget !== null) {
    svg.append("line").attr("class", "budget-line").attr("x1", m.left).attr("x2", width - m.right).attr("y1", y(budget)).attr("y2", y(budget));
    svg.append("text").attr("class", "budget-label").attr("x", width - m.right + 4).attr("y", y(budget) + 4).text("Budget");
  }
  if (today >= start && today <= finish) {
    svg.append("line").attr("class", "today-line").attr("x1", x(today)).attr("x2", x(today)).attr("y1", m.top).attr("y2", h - m.bottom);
  }
  return box;
}
