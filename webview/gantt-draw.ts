// Draws the Gantt chart into an SVG: the WBS tree on the left, the two-tier time axis on
// top, and the bars, arrows, shading and marker lines in content coordinates (x = time
// scale, y = row × ROW_H) inside a group moved by the scroll offset. Only the rows and
// days inside the viewport (plus a margin) are drawn; the export calls the same function
// with a viewport that covers everything.
import type { ScaleTime } from "d3-scale";
import { select } from "d3-selection";
import { timeDay, timeMonday, timeMonth, timeYear, type TimeInterval } from "d3-time";
import { timeFormat } from "d3-time-format";
import type { CalendarJson } from "../core/json";
import { child, type AnySel } from "./dom";
import type { Bar, GanttModel, Link } from "./gantt-model";
import { BAR_H, HEADER_H, PX_PER_HOUR, ROW_H, linkEnds, pathOf, routeLink, rowMid } from "./geometry";
import type { Zoom } from "./protocol";
import { formatDay, formatLocal, parseLocal, weekday } from "./time";

export interface GanttScene {
  model: GanttModel;
  /** Bumped for each new schedule: what an element was drawn from is stale after it. */
  rev: number;
  x: ScaleTime<number, number>;
  zoom: Zoom;
  selected: string | null;
  highlighted: string | null;
  today: Date | null;
  status: Date | null;
}

export interface Viewport {
  /** Prefix for element ids (clip paths, markers), unique per SVG in a document. */
  idPrefix: string;
  treeW: number;
  /** Size of the whole SVG. */
  width: number;
  height: number;
  scrollLeft: number;
  scrollTop: number;
  /** Extra pixels drawn around the view so a small scroll shows no gap. */
  margin: number;
}

const TREE_INDENT = 14;

/**
 * What each element was last drawn from. Content coordinates do not move with the scroll,
 * so while panning only the rows that come into view need drawing.
 */
const drawnFrom = new WeakMap<Element, string>();
function stale(node: Element, key: string): boolean {
  if (drawnFrom.get(node) === key) return false;
  drawnFrom.set(node, key);
  return true;
}
/**
 * What a row is drawn from. Selection and highlight only toggle classes on what is drawn:
 * drawing a row again replaces its elements, and would lose a click landing on them.
 */
const rowKey = (s: GanttScene, b: Bar) => `${s.rev}|${s.zoom}|${b.row}`;
const mark = (el: AnySel, s: GanttScene, b: Bar) =>
  el.classed("selected", b.task.id === s.selected).classed("highlighted", b.task.id === s.highlighted);
const NAME_X = 58;

export function drawGantt(svgEl: SVGSVGElement, s: GanttScene, vp: Viewport): void {
  const svg = select(svgEl)
    .attr("width", vp.width)
    .attr("height", vp.height)
    .attr("data-t0", formatLocal(s.x.domain()[0]))
    .attr("data-px-per-hour", PX_PER_HOUR[s.zoom])
    .attr("data-row-h", ROW_H)
    .attr("data-header-h", HEADER_H)
    .attr("data-tree-w", vp.treeW)
    .attr("data-zoom", s.zoom);
  const chartW = Math.max(0, vp.width - vp.treeW), bodyH = Math.max(0, vp.height - HEADER_H);
  drawDefs(svg, vp, chartW, bodyH);

  const firstRow = Math.max(0, Math.floor((vp.scrollTop - vp.margin) / ROW_H));
  const lastRow = Math.min(s.model.rows.length - 1, Math.ceil((vp.scrollTop + bodyH + vp.margin) / ROW_H));
  const rows = s.model.rows.slice(firstRow, lastRow + 1);
  const left = vp.scrollLeft - vp.margin, right = vp.scrollLeft + chartW + vp.margin;

  const area = child(svg, "g", "chart-area")
    .attr("clip-path", `url(#${vp.idPrefix}clip-chart)`)
    .attr("transform", `translate(${vp.treeW},${HEADER_H})`);
  const content = child(area, "g", "chart-content").attr("transform", `translate(${-vp.scrollLeft},${-vp.scrollTop})`);
  drawRowBands(child(content, "g", "row-bands"), s, rows, left, right);
  drawShading(child(content, "g", "shade"), s, s.model.data.calendar, left, right, vp.scrollTop, vp.scrollTop + bodyH);
  drawGrid(child(content, "g", "grid"), s, left, right, vp.scrollTop, vp.scrollTop + bodyH);
  drawLinks(child(content, "g", "links"), s, firstRow, lastRow, vp.idPrefix);
  drawBars(child(content, "g", "bars"), s, rows.filter((b) => barInView(s, b, left, right)));
  drawMarkers(child(content, "g", "markers"), s, vp.scrollTop, vp.scrollTop + bodyH, left, right);

  const tree = child(svg, "g", "tree-area")
    .attr("clip-path", `url(#${vp.idPrefix}clip-tree)`)
    .attr("transform", `translate(0,${HEADER_H})`);
  drawTree(child(tree, "g", "tree-content").attr("transform", `translate(0,${-vp.scrollTop})`), s, rows, vp.treeW);

  const head = child(svg, "g", "head-area");
  child(head, "rect", "head-bg").attr("width", vp.width).attr("height", HEADER_H);
  const treeHead = child(head, "g", "tree-head");
  child(treeHead, "text", "head-wbs").attr("x", 6).attr("y", HEADER_H - 10).text("WBS");
  child(treeHead, "text", "head-name").attr("x", NAME_X - 12).attr("y", HEADER_H - 10).text("Task");
  const axis = child(head, "g", "axis-area")
    .attr("clip-path", `url(#${vp.idPrefix}clip-head)`)
    .attr("transform", `translate(${vp.treeW},0)`);
  drawAxis(child(axis, "g", "axis-content").attr("transform", `translate(${-vp.scrollLeft},0)`), s, vp.scrollLeft, vp.scrollLeft + chartW);
  child(svg, "line", "divider").attr("x1", vp.treeW).attr("x2", vp.treeW).attr("y1", 0).attr("y2", vp.height);
  child(svg, "line", "head-rule").attr("x1", 0).attr("x2", vp.width).attr("y1", HEADER_H).attr("y2", HEADER_H);
}

function drawDefs(svg: AnySel, vp: Viewport, chartW: number, bodyH: number): void {
  const defs = child(svg, "defs", "defs");
  const clip = (name: string, w: number, h: number) =>
    child(child(defs, "clipPath", name).attr("id", vp.idPrefix + name), "rect", "clip-rect").attr("width", w).attr("height", h);
  clip("clip-chart", chartW, bodyH);
  clip("clip-tree", Math.max(0, vp.treeW - 4), bodyH);
  clip("clip-head", chartW, HEADER_H);
  for (const kind of ["normal", "critical"]) {
    child(defs, "marker", `arrow-${kind}`)
      .attr("id", `${vp.idPrefix}arrow-${kind}`)
      .attr("viewBox", "0 0 8 8").attr("refX", 8).attr("refY", 4)
      .attr("markerWidth", 7).attr("markerHeight", 7).attr("orient", "auto")
      .call((m: AnySel) => child(m, "path", `arrow-head ${kind}`).attr("d", "M0,0L8,4L0,8Z"));
  }
}

function barInView(s: GanttScene, b: Bar, left: number, right: number): boolean {
  const x1 = s.x(b.start), x2 = Math.max(s.x(b.lateFinish), s.x(b.deadline ?? b.finish));
  return x2 >= left - 200 && x1 <= right; // 200: room for the label after the bar
}

function drawRowBands(g: AnySel, s: GanttScene, rows: Bar[], left: number, right: number): void {
  const marked = rows.filter((b) => b.task.id === s.selected || b.task.id === s.highlighted);
  g.selectAll<SVGRectElement, Bar>("rect")
    .data(marked, (b) => b.task.id)
    .join("rect")
    .attr("class", (b: Bar) => (b.task.id === s.highlighted ? "row-band highlighted" : "row-band selected"))
    .attr("x", left).attr("width", right - left)
    .attr("y", (b: Bar) => b.row * ROW_H).attr("height", ROW_H);
}

/** Non-working weekdays (when a day is wide enough to see) and holidays, runs merged. */
function drawShading(g: AnySel, s: GanttScene, cal: CalendarJson, left: number, right: number, y1: number, y2: number): void {
  const holidays = new Set<string>();
  for (const h of cal.holidays) {
    for (let d = parseLocal(h.from); d <= parseLocal(h.to); d = timeDay.offset(d, 1)) holidays.add(formatDay(d));
  }
  const weekends = PX_PER_HOUR[s.zoom] * 24 >= 4;
  const runs: { x1: number; x2: number; holiday: boolean }[] = [];
  const from = timeDay.floor(s.x.invert(left)), to = s.x.invert(right);
  for (let d = from; d < to; d = timeDay.offset(d, 1)) {
    const holiday = holidays.has(formatDay(d));
    if (!holiday && (!weekends || cal.workdays.includes(weekday(d)))) continue;
    const x1 = s.x(d), x2 = s.x(timeDay.offset(d, 1)), last = runs[runs.length - 1];
    if (last && last.holiday === holiday && Math.abs(last.x2 - x1) < 0.01) last.x2 = x2;
    else runs.push({ x1, x2, holiday });
  }
  g.selectAll("rect")
    .data(runs)
    .join("rect")
    .attr("class", (r: { holiday: boolean }) => (r.holiday ? "nonworking holiday" : "nonworking"))
    .attr("x", (r: { x1: number }) => r.x1)
    .attr("width", (r: { x1: number; x2: number }) => r.x2 - r.x1)
    .attr("y", y1).attr("height", y2 - y1);
}

interface Tier { interval: TimeInterval; label: (d: Date) => string }
const monthYear = timeFormat("%B %Y"), year = timeFormat("%Y"), monthShort = timeFormat("%b");
const dayLabel = timeFormat("%a %-d"), weekLabel = timeFormat("%b %-d");
const TIERS: Record<Zoom, [Tier, Tier]> = {
  day: [{ interval: timeMonth, label: monthYear }, { interval: timeDay, label: dayLabel }],
  week: [{ interval: timeMonth, label: monthYear }, { interval: timeMonday, label: weekLabel }],
  month: [{ interval: timeYear, label: year }, { interval: timeMonth, label: monthShort }],
  quarter: [{ interval: timeYear, label: year }, { interval: timeMonth.every(3)!, label: (d) => `Q${d.getMonth() / 3 + 1}` }],
};

function ticks(tier: Tier, s: GanttScene, left: number, right: number): Date[] {
  const a = tier.interval.floor(s.x.invert(left));
  return tier.interval.range(a, s.x.invert(right + 1));
}

function drawGrid(g: AnySel, s: GanttScene, left: number, right: number, y1: number, y2: number): void {
  g.selectAll<SVGLineElement, Date>("line")
    .data(ticks(TIERS[s.zoom][1], s, left, right), (d) => String(d.getTime()))
    .join("line")
    .attr("x1", (d: Date) => s.x(d)).attr("x2", (d: Date) => s.x(d))
    .attr("y1", y1).attr("y2", y2);
}

/** A generous width per character of a bold 12px axis label. */
const LABEL_CHAR_W = 8;

interface Cell { d: Date; x1: number; x2: number }

function drawAxis(g: AnySel, s: GanttScene, left: number, right: number): void {
  const [upper, lower] = TIERS[s.zoom];
  const tier = (cls: string, tr: Tier, y: number, h: number, sticky: boolean) => {
    const cells: Cell[] = ticks(tr, s, left, right).map((d) => ({ d, x1: s.x(d), x2: s.x(tr.interval.offset(d, 1)) }));
    g.selectAll<SVGGElement, Cell>(`g.${cls}`)
      .data(cells, (c) => String(c.d.getTime()))
      .join((enter: AnySel) => {
        const e = enter.append("g").attr("class", cls);
        e.append("line");
        e.append("text");
        return e;
      })
      .each(function (c) {
        const cell = select(this);
        cell.select("line").attr("x1", c.x1).attr("x2", c.x1).attr("y1", y).attr("y2", y + h);
        // Upper labels stick to the left edge while their period is on screen, and step
        // aside when too little of the period is left to hold them.
        const label = tr.label(c.d), tx = sticky ? Math.max(c.x1, left) + 6 : (c.x1 + c.x2) / 2;
        const fits = sticky ? c.x2 - tx >= label.length * LABEL_CHAR_W : c.x2 - c.x1 >= 30;
        cell.select("text").attr("x", tx).attr("y", y + h - 6)
          .attr("text-anchor", sticky ? "start" : "middle")
          .text(fits ? label : "");
      });
  };
  tier("tick-upper", upper, 0, HEADER_H / 2, true);
  tier("tick-lower", lower, HEADER_H / 2, HEADER_H / 2, false);
}

function drawMarkers(g: AnySel, s: GanttScene, y1: number, y2: number, left: number, right: number): void {
  const lines = [
    { cls: "today-line", at: s.today },
    { cls: "status-line", at: s.status },
  ].filter((m): m is { cls: string; at: Date } => m.at !== null && s.x(m.at) >= left && s.x(m.at) <= right);
  g.selectAll<SVGLineElement, { cls: string; at: Date }>("line")
    .data(lines, (m) => m.cls)
    .join("line")
    .attr("class", (m: { cls: string }) => m.cls)
    .attr("x1", (m: { at: Date }) => s.x(m.at)).attr("x2", (m: { at: Date }) => s.x(m.at))
    .attr("y1", y1).attr("y2", y2);
}

/** Where an arrow meets a bar end: at the task's own date, on the row that shows it (its
 *  collapsed phase's, when it is folded away). */
function anchor(s: GanttScene, b: Bar, end: "start" | "finish") {
  return { x: s.x(end === "start" ? b.start : b.finish), y: rowMid(b.shown.row) };
}

export function linkPoints(s: GanttScene, l: Link) {
  const ends = linkEnds(l.type);
  return routeLink(anchor(s, l.from, ends.from), ends.from === "finish" ? 1 : -1, anchor(s, l.to, ends.to), ends.to === "start" ? 1 : -1);
}

function drawLinks(g: AnySel, s: GanttScene, firstRow: number, lastRow: number, idPrefix: string): void {
  // A link inside one collapsed phase is folded away with it; one that crosses its edge
  // is drawn to (or from) the phase's row, dashed.
  const links = s.model.links.filter((l) => {
    const a = l.from.shown.row, b = l.to.shown.row;
    return l.from.shown !== l.to.shown && Math.min(a, b) <= lastRow && Math.max(a, b) >= firstRow;
  });
  const critical = (l: Link) => l.from.task.critical && l.to.task.critical;
  g.selectAll<SVGPathElement, Link>("path")
    .data(links, (l) => `${l.from.task.id}>${l.to.task.id}`)
    .join("path")
    .each(function (l) {
      if (!stale(this, `${s.rev}|${s.zoom}|${l.from.shown.row}|${l.to.shown.row}|${l.from.row}|${l.to.row}`)) return;
      const folded = l.from.row < 0 || l.to.row < 0;
      select(this)
        .attr("class", `link${critical(l) ? " critical" : ""}${folded ? " folded" : ""}`)
        .attr("data-from", l.from.task.id)
        .attr("data-to", l.to.task.id)
        .attr("data-type", l.type)
        .attr("marker-end", `url(#${idPrefix}arrow-${critical(l) ? "critical" : "normal"})`)
        .attr("d", pathOf(linkPoints(s, l)));
    });
}

function drawBars(g: AnySel, s: GanttScene, rows: Bar[]): void {
  g.selectAll<SVGGElement, Bar>("g.task")
    .data(rows, (b) => b.task.id)
    .join((enter: AnySel) => enter.append("g").attr("class", "task"))
    .attr("data-id", (b: Bar) => b.task.id)
    .each(function (b) {
      if (stale(this, rowKey(s, b))) drawBar(select(this), s, b);
      mark(select(this).select(".bar"), s, b);
    });
}

function drawBar(g: AnySel, s: GanttScene, b: Bar): void {
  const t = b.task, x1 = s.x(b.start), x2 = s.x(b.finish), mid = rowMid(b.row), top = mid - BAR_H / 2;
  const classes = ["bar", t.summary ? "summary" : t.milestone ? "milestone" : "leaf"];
  if (t.critical) classes.push("critical");
  if (t.unscheduled) classes.push("unscheduled");
  g.selectAll("*").remove();
  let shape: AnySel;
  if (t.milestone) {
    const r = BAR_H / 2 + 1;
    shape = g.append("path").attr("d", `M${x1},${mid - r}L${x1 + r},${mid}L${x1},${mid + r}L${x1 - r},${mid}Z`);
  } else if (t.summary) {
    const y = mid - 4, w = x2 - x1, cap = Math.min(5, w / 2);
    shape = g.append("path").attr("d", `M${x1},${y}H${x2}V${y + 10}L${x2 - cap},${y + 6}H${x1 + cap}L${x1},${y + 10}Z`);
  } else {
    shape = g.append("rect").attr("x", x1).attr("y", top).attr("width", x2 - x1).attr("height", BAR_H).attr("rx", 2);
  }
  shape.attr("class", classes.join(" ")).attr("data-id", t.id);
  if (t.done > 0 && !t.milestone && !t.summary) {
    g.append("rect").attr("class", "progress").attr("x", x1).attr("y", mid - 3)
      .attr("width", ((x2 - x1) * Math.min(100, t.done)) / 100).attr("height", 6);
  }
  let labelX = t.milestone ? x1 + BAR_H / 2 + 5 : x2 + 5;
  if (t.totalSlack > 0 && b.lateFinish > b.finish) {
    const xs = s.x(b.lateFinish);
    g.append("path").attr("class", "slack").attr("d", `M${x2},${mid}H${xs}M${xs},${mid - 4}V${mid + 4}`);
    labelX = Math.max(labelX, xs + 5);
  }
  if (b.deadline) {
    const xd = s.x(b.deadline);
    g.append("path").attr("class", t.deadlineMissed ? "deadline missed" : "deadline")
      .attr("data-deadline", t.deadline)
      .attr("d", `M${xd - 5},${top - 4}H${xd + 5}L${xd},${top + 3}ZM${xd},${top + 3}V${top + BAR_H + 4}`);
    labelX = Math.max(labelX, xd + 7);
  }
  const label = t.milestone ? weekLabel(b.start) : t.summary ? "" : t.resources.map((r) => (r.share === 100 ? r.id : `${r.id} ${r.share}%`)).join(", ");
  if (label) g.append("text").attr("class", "bar-label").attr("x", labelX).attr("y", mid + 4).text(label);
}

function drawTree(g: AnySel, s: GanttScene, rows: Bar[], treeW: number): void {
  const collapsedOf = (b: Bar) => b.task.summary && s.model.children.has(b.task.id) && rowsHidden(s.model, b);
  g.selectAll<SVGGElement, Bar>("g.tree-row")
    .data(rows, (b) => b.task.id)
    .join((enter: AnySel) => {
      const e = enter.append("g").attr("class", "tree-row");
      e.append("rect").attr("class", "tree-bg");
      e.append("text").attr("class", "wbs");
      e.append("text").attr("class", "toggle");
      e.append("text").attr("class", "name");
      return e;
    })
    .attr("data-id", (b: Bar) => b.task.id)
    .attr("transform", (b: Bar) => `translate(0,${b.row * ROW_H})`)
    .each(function (b) {
      mark(select(this), s, b);
      if (!stale(this, `${rowKey(s, b)}|${treeW}|${collapsedOf(b)}`)) return;
      const row = select(this), t = b.task, indent = NAME_X + t.depth * TREE_INDENT;
      row.classed("summary", t.summary).classed("critical", t.critical);
      row.select("rect").attr("width", treeW).attr("height", ROW_H);
      row.select("text.wbs").attr("x", 6).attr("y", ROW_H / 2 + 4).text(t.wbs);
      row.select("text.toggle")
        .attr("x", indent - 13).attr("y", ROW_H / 2 + 4)
        .attr("data-toggle", t.summary ? t.id : null)
        .text(t.summary ? (collapsedOf(b) ? "▸" : "▾") : "");
      row.select("text.name").attr("x", indent).attr("y", ROW_H / 2 + 4).text(t.name);
    });
}

/** A phase is shown collapsed when its first child is folded away. */
function rowsHidden(model: GanttModel, b: Bar): boolean {
  const kids = model.children.get(b.task.id);
  return !!kids && kids.length > 0 && kids[0].row < 0;
}

/** The width the tree needs to show every name in full (for the export). */
export function treeWidthFor(rows: Bar[], measure: (text: string, bold: boolean) => number): number {
  let w = 240;
  for (const b of rows) w = Math.max(w, NAME_X + b.task.depth * TREE_INDENT + measure(b.task.name, b.task.summary) + 16);
  return Math.ceil(w);
}
