// The Resources tab: per resource, booked hours per day or week against its capacity
// (over-allocated buckets in the error colour, the tasks behind them in the tooltip),
// and a utilisation table.
import { axisBottom } from "d3-axis";
import { scaleLinear, scaleTime } from "d3-scale";
import { select } from "d3-selection";
import { timeDay, timeMonday } from "d3-time";
import type { ScheduleJson } from "../core/json";
import { overloaded, resourceLoad, type Bucket, type ResourceLoad } from "./costs";
import { el } from "./dom";
import { money, percent } from "./format";
import { parseLocal } from "./time";
import type { Ctx, View } from "./view";

const LANE_H = 64, LABEL_W = 200;
const hours = (h: number) => `${Math.round(h * 100) / 100}h`;

export class ResourceView implements View {
  readonly root = el("section", "view resource-view");
  private data: ScheduleJson | null = null;
  private loads: ResourceLoad[] = [];

  constructor(private readonly ctx: Ctx) {}

  update(data: ScheduleJson): void {
    this.data = data;
    this.draw();
  }

  private draw(): void {
    const data = this.data!, size = this.ctx.state.bucket;
    this.loads = resourceLoad(data, size);
    const bar = el("div", "toolbar");
    const group = el("div", "button-group");
    group.setAttribute("role", "group");
    group.setAttribute("aria-label", "Bucket size");
    for (const b of ["day", "week"] as const) {
      const btn = el("button", "bucket-button", b === "day" ? "Days" : "Weeks");
      btn.dataset.bucket = b;
      btn.setAttribute("aria-pressed", String(b === size));
      btn.addEventListener("click", () => {
        this.ctx.state.bucket = b;
        this.ctx.save();
        this.draw();
      });
      group.append(btn);
    }
    bar.append(group);
    this.root.replaceChildren(bar, this.lanes(data, size), this.table(data));
  }

  private lanes(data: ScheduleJson, size: "day" | "week"): HTMLElement {
    const box = el("figure", "chart");
    box.append(el("figcaption", "chart-title", `Load per ${size} against capacity`));
    const width = Math.max(640, this.root.clientWidth - 32);
    const interval = size === "day" ? timeDay : timeMonday;
    const x = scaleTime()
      .domain([interval.floor(parseLocal(data.project.start)), interval.ceil(timeDay.offset(parseLocal(data.project.finish), 1))])
      .range([LABEL_W, width - 16]);
    const svg = select(box).append("svg").attr("class", "lanes").attr("width", width).attr("height", this.loads.length * LANE_H + 28);
    const tooltip = this.ctx.tooltip;
    this.loads.forEach((load, i) => {
      const g = svg.append("g").attr("class", "lane").attr("data-resource", load.resource.id).attr("transform", `translate(0,${i * LANE_H})`);
      const top = 10, bottom = LANE_H - 6;
      const max = Math.max(1, ...load.buckets.map((b) => Math.max(b.hours, b.capacity)));
      const y = scaleLinear().domain([0, max]).range([bottom, top]);
      g.append("line").attr("class", "lane-rule").attr("x1", LABEL_W).attr("x2", width - 16).attr("y1", bottom).attr("y2", bottom);
      g.append("text").attr("class", "lane-label").attr("x", 8).attr("y", LANE_H / 2).text(load.resource.name);
      g.append("text").attr("class", "lane-sub").attr("x", 8).attr("y", LANE_H / 2 + 15).text(`peak ${hours(max)} / ${size}`);
      const x2 = (b: Bucket) => x(interval.offset(parseLocal(b.start), 1));
      g.selectAll("rect.load").data(load.buckets.filter((b) => b.hours > 0)).join("rect")
        .attr("class", (b) => (overloaded(b) ? "load over" : "load"))
        .attr("data-start", (b) => b.start)
        .attr("x", (b) => x(parseLocal(b.start)) + 0.5)
        .attr("width", (b) => Math.max(1, x2(b) - x(parseLocal(b.start)) - 1))
        .attr("y", (b) => y(b.hours)).attr("height", (b) => bottom - y(b.hours))
        .on("mousemove", (e: MouseEvent, b) => {
          const rows: [string, string][] = [["Booked", hours(b.hours)], ["Capacity", hours(b.capacity)]];
          for (const [task, h] of [...b.tasks].sort((p, q) => q[1] - p[1])) rows.push([task, hours(h)]);
          tooltip.show(`${load.resource.name} · ${size} of ${b.start}${overloaded(b) ? " · over-allocated" : ""}`, rows, e.clientX, e.clientY);
        })
        .on("mouseleave", () => tooltip.hide());
      // Capacity as a step line across the buckets.
      const d = load.buckets.map((b) => `M${x(parseLocal(b.start))},${y(b.capacity)}H${x2(b)}`).join("");
      g.append("path").attr("class", "capacity").attr("d", d);
    });
    svg.append("g").attr("class", "axis").attr("transform", `translate(0,${this.loads.length * LANE_H + 4})`).call(axisBottom(x).ticks(10));
    return box;
  }

  private table(data: ScheduleJson): HTMLElement {
    const cur = data.project.currency;
    const table = el("table", "grid-table utilisation");
    const head = el("tr");
    for (const h of ["Resource", "Role", "Work", "Capacity", "Utilisation", "Over-allocated", "Cost"]) head.append(el("th", "", h));
    table.createTHead().append(head);
    const body = table.createTBody();
    for (const l of this.loads) {
      const over = l.buckets.filter(overloaded).length;
      const tr = el("tr");
      tr.dataset.resource = l.resource.id;
      tr.append(
        el("td", "", l.resource.name),
        el("td", "", l.resource.role ?? ""),
        el("td", "num", hours(l.resource.workHours)),
        el("td", "num", hours(l.capacity)),
        el("td", "num", l.capacity > 0 ? percent(l.resource.workHours / l.capacity) : "—"),
        el("td", over ? "num flag" : "num", over ? `${over} ${this.ctx.state.bucket}${over === 1 ? "" : "s"}` : "—"),
        el("td", "num", money(l.resource.cost, cur)),
      );
      body.append(tr);
    }
    const wrap = el("figure", "chart");
    wrap.append(el("figcaption", "chart-title", "Utilisation"), table);
    return wrap;
  }
}
