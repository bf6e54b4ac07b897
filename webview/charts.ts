// A horizontal bar chart (one row per item, one or more bars per row) used by the
// Budget tab for phases, categories and resources. Labels are plain SVG text.
import { scaleLinear } from "d3-scale";
import { select } from "d3-selection";
import { el } from "./dom";

export interface HBarRow {
  label: string;
  /** Bars drawn over each other, widest first; `cls` picks the colour. */
  bars: { cls: string; value: number }[];
  note: string;
  flagged?: boolean;
  id?: string;
}

const ROW = 26, LABEL_W = 220, NOTE_W = 230;

export function hbarChart(title: string, rows: HBarRow[], width: number): HTMLElement {
  const box = el("figure", "chart");
  box.append(el("figcaption", "chart-title", title));
  const max = Math.max(1, ...rows.flatMap((r) => r.bars.map((b) => b.value)));
  const plotW = Math.max(120, width - LABEL_W - NOTE_W);
  const x = scaleLinear().domain([0, max]).range([0, plotW]);
  const svg = select(box).append("svg").attr("class", "hbar").attr("width", LABEL_W + plotW + NOTE_W).attr("height", rows.length * ROW + 4);
  const row = svg.selectAll("g.hrow").data(rows).join("g")
    .attr("class", (r) => (r.flagged ? "hrow flagged" : "hrow"))
    .attr("data-id", (r) => r.id ?? null)
    .attr("transform", (_r, i) => `translate(0,${i * ROW + 2})`);
  row.append("text").attr("class", "hlabel").attr("x", LABEL_W - 8).attr("y", ROW / 2 + 4).attr("text-anchor", "end")
    .text((r) => r.label);
  row.each(function (r) {
    const g = select(this);
    r.bars.forEach((b, i) => {
      const inset = i * 4;
      g.append("rect").attr("class", `hbar-bar ${b.cls}`)
        .attr("x", LABEL_W).attr("y", 3 + inset).attr("height", Math.max(2, ROW - 6 - 2 * inset))
        .attr("width", Math.max(0, x(b.value)))
        .attr("data-value", b.value);
    });
  });
  row.append("text").attr("class", "hnote").attr("x", LABEL_W + plotW + 8).attr("y", ROW / 2 + 4).text((r) => r.note);
  return box;
}

/** A legend: coloured swatches with their meaning. */
export function legend(items: [cls: string, label: string][]): HTMLElement {
  const ul = el("ul", "legend");
  for (const [cls, label] of items) {
    const li = el("li");
    li.append(el("span", `swatch ${cls}`), el("span", "", label));
    ul.append(li);
  }
  return ul;
}
