// The live Gantt tab: a scroll container whose scrollbars drive a viewport-sized SVG
// (sticky at the top left) and a spacer the size of the whole chart. Each scroll, zoom
// or update redraws only what is in view (drawGantt culls to the viewport).
import type { ScheduleJson } from "../core/json";
import { el, onClick } from "./dom";
import { exportGantt } from "./gantt-export";
import { drawGantt, type GanttScene } from "./gantt-draw";
import { ancestors, buildModel, fold, type Bar } from "./gantt-model";
import { HEADER_H, ROW_H, ZOOMS, timeScale } from "./geometry";
import { money, percent, showDateTime, workTime } from "./format";
import type { Zoom } from "./protocol";
import { formatLocal, parseLocal } from "./time";
import type { Ctx, View } from "./view";

/** The tree column: a third of the panel, within limits. */
const treeWidth = (panelW: number) => Math.round(Math.min(320, Math.max(160, panelW * 0.32)));
const MARGIN = 2 * ROW_H;
const WHEEL_NOTCH = 100;
const ZOOM_LABEL: Record<Zoom, string> = { day: "Day", week: "Week", month: "Month", quarter: "Quarter" };

export class GanttView implements View {
  readonly root = el("section", "view gantt-view");
  private readonly scroller = el("div", "gantt-scroll");
  private readonly svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
  private readonly spacer = el("div", "gantt-spacer");
  private readonly live = el("div", "sr-only");
  private readonly zoomButtons = new Map<Zoom, HTMLButtonElement>();
  private scene: GanttScene | null = null;
  private highlighted: string | null = null;
  private frame = 0;
  private wheel = 0;

  constructor(private readonly ctx: Ctx) {
    const bar = el("div", "toolbar");
    const zoomGroup = el("div", "button-group");
    zoomGroup.setAttribute("role", "group");
    zoomGroup.setAttribute("aria-label", "Zoom");
    for (const z of ZOOMS) {
      const b = el("button", "zoom-button", ZOOM_LABEL[z]);
      b.dataset.zoom = z;
      b.addEventListener("click", () => this.setZoom(z));
      this.zoomButtons.set(z, b);
      zoomGroup.append(b);
    }
    const out = el("button", "icon-button", "−"), inn = el("button", "icon-button", "+");
    out.title = "Zoom out (-)";
    inn.title = "Zoom in (+)";
    out.addEventListener("click", () => this.stepZoom(1));
    inn.addEventListener("click", () => this.stepZoom(-1));
    const exportGroup = el("div", "button-group");
    for (const format of ["svg", "png"] as const) {
      const b = el("button", "export-button", `Export ${format.toUpperCase()}`);
      b.dataset.export = format;
      b.addEventListener("click", () => ctx.host.postMessage({ type: "requestExport", format }));
      exportGroup.append(b);
    }
    bar.append(zoomGroup, out, inn, el("span", "spacer"), exportGroup);

    this.svg.setAttribute("class", "gantt-svg");
    this.svg.setAttribute("role", "img");
    this.svg.setAttribute("aria-label", "Gantt chart");
    this.scroller.tabIndex = 0;
    this.scroller.setAttribute("aria-label", "Gantt chart: arrow keys select a task, Enter reveals it, + and - zoom");
    this.scroller.append(this.svg, this.spacer);
    this.live.setAttribute("aria-live", "polite");
    this.root.append(bar, this.scroller, this.live);

    this.scroller.addEventListener("scroll", () => this.schedule());
    this.scroller.addEventListener("keydown", (e) => this.onKey(e));
    this.scroller.addEventListener("wheel", (e) => this.onWheel(e), { passive: false });
    onClick(this.svg, (e) => this.clickKey(e), (e) => this.activate(e));
    this.svg.addEventListener("mousemove", (e) => this.onHover(e));
    this.svg.addEventListener("mouseleave", () => ctx.tooltip.hide());
    new ResizeObserver(() => this.scene && this.render()).observe(this.scroller);
  }

  update(data: ScheduleJson, today: Date): void {
    const model = buildModel(data, new Set(this.ctx.state.collapsed));
    this.scene = {
      model,
      rev: (this.scene?.rev ?? 0) + 1,
      x: timeScale(model.t0, model.t1, this.ctx.state.zoom),
      zoom: this.ctx.state.zoom,
      selected: this.ctx.state.selected,
      highlighted: this.highlighted,
      today,
      status: data.project.statusDate ? parseLocal(data.project.statusDate) : null,
    };
    this.shown();
  }

  /** Sizes the chart and goes back to the saved place: it keeps its place in time, even when the plan's span moves. */
  shown(): void {
    const s = this.scene!;
    this.sizeSpacer();
    this.syncZoomButtons();
    const v = this.ctx.state.viewStart;
    this.scroller.scrollLeft = s.x(v ? parseLocal(v) : s.model.t0);
    this.scroller.scrollTop = this.ctx.state.scrollTop;
    this.render();
  }

  /** Draws the current viewport now. */
  render(): void {
    cancelAnimationFrame(this.frame);
    this.frame = 0;
    const s = this.scene;
    // Hidden (another tab is shown): nothing to draw, and the scroll position is not real.
    if (!s || this.scroller.clientWidth === 0) return;
    s.selected = this.ctx.state.selected;
    s.highlighted = this.highlighted;
    const width = this.scroller.clientWidth, height = this.scroller.clientHeight;
    drawGantt(this.svg, s, {
      idPrefix: "live-", treeW: treeWidth(width), width, height,
      scrollLeft: this.scroller.scrollLeft, scrollTop: this.scroller.scrollTop, margin: MARGIN,
    });
    this.ctx.state.viewStart = formatLocal(s.x.invert(this.scroller.scrollLeft));
    this.ctx.state.scrollTop = this.scroller.scrollTop;
    this.ctx.save();
  }

  private syncZoomButtons(): void {
    for (const [z, b] of this.zoomButtons) b.setAttribute("aria-pressed", String(z === this.ctx.state.zoom));
  }

  highlight(id: string | null): void {
    this.highlighted = id;
    const s = this.scene;
    if (id && s?.model.bars.has(id)) {
      this.expandTo(id);
      this.scrollIntoView(s.model.bars.get(id)!);
    }
    this.render();
  }

  exportChart(format: "svg" | "png"): Promise<string> {
    if (!this.scene) return Promise.reject(new Error("no schedule yet"));
    return exportGantt(this.scene, format);
  }

  setZoom(zoom: Zoom): void {
    const s = this.scene;
    this.ctx.state.zoom = zoom;
    if (!s) return;
    const chartW = this.chartWidth();
    const center = s.x.invert(this.scroller.scrollLeft + chartW / 2);
    s.zoom = zoom;
    s.x = timeScale(s.model.t0, s.model.t1, zoom);
    this.sizeSpacer();
    this.syncZoomButtons();
    this.scroller.scrollLeft = s.x(center) - chartW / 2;
    this.render();
  }

  private chartWidth(): number {
    return this.scroller.clientWidth - treeWidth(this.scroller.clientWidth);
  }

  private stepZoom(dir: 1 | -1): void {
    const i = ZOOMS.indexOf(this.ctx.state.zoom) + dir;
    if (i >= 0 && i < ZOOMS.length) this.setZoom(ZOOMS[i]);
  }

  /** Ctrl + wheel (and pinch, which arrives as one) steps the zoom, a notch at a time. */
  private onWheel(e: WheelEvent): void {
    if (!e.ctrlKey) return;
    e.preventDefault();
    this.wheel += e.deltaY;
    if (Math.abs(this.wheel) < WHEEL_NOTCH) return;
    this.stepZoom(this.wheel > 0 ? 1 : -1);
    this.wheel = 0;
  }

  private schedule(): void {
    if (!this.frame) this.frame = requestAnimationFrame(() => this.render());
  }

  private sizeSpacer(): void {
    const s = this.scene!;
    const fullW = treeWidth(this.scroller.clientWidth) + s.x.range()[1];
    const fullH = HEADER_H + s.model.rows.length * ROW_H;
    this.spacer.style.width = `${fullW}px`;
    // The sticky SVG takes the viewport's height in the flow; the spacer adds the rest.
    this.spacer.style.height = `${Math.max(0, fullH - this.scroller.clientHeight)}px`;
  }

  private setCollapsed(id: string, collapse: boolean): void {
    const set = new Set(this.ctx.state.collapsed);
    if (collapse) set.add(id);
    else set.delete(id);
    this.ctx.state.collapsed = [...set];
    fold(this.scene!.model, set);
    this.sizeSpacer();
    this.render();
  }

  private expandTo(id: string): void {
    const model = this.scene!.model;
    const open = ancestors(model, id).filter((a) => this.ctx.state.collapsed.includes(a));
    if (!open.length) return;
    const set = new Set(this.ctx.state.collapsed);
    for (const a of open) set.delete(a);
    this.ctx.state.collapsed = [...set];
    fold(model, set);
    this.sizeSpacer();
  }

  private scrollIntoView(b: Bar): void {
    const s = this.scene!, sc = this.scroller;
    if (sc.clientWidth === 0) return; // another tab is shown
    const bodyH = sc.clientHeight - HEADER_H, y = b.row * ROW_H;
    if (y < sc.scrollTop || y + ROW_H > sc.scrollTop + bodyH) sc.scrollTop = Math.max(0, y - bodyH / 2);
    const chartW = this.chartWidth(), x1 = s.x(b.start), x2 = s.x(b.finish);
    if (x1 < sc.scrollLeft || x2 > sc.scrollLeft + chartW) sc.scrollLeft = Math.max(0, x1 - 60);
  }

  private select(b: Bar): void {
    this.ctx.state.selected = b.task.id;
    this.scrollIntoView(b);
    const t = b.task;
    this.live.textContent = `${t.wbs} ${t.name}: ${showDateTime(t.start)} to ${showDateTime(t.finish)}${t.critical ? ", critical" : ""}`;
    this.render();
  }

  private onKey(e: KeyboardEvent): void {
    const s = this.scene;
    if (!s) return;
    const rows = s.model.rows;
    const cur = s.model.bars.get(this.ctx.state.selected ?? "");
    const at = cur && cur.row >= 0 ? cur.row : -1;
    const go = (row: number) => rows.length && this.select(rows[Math.max(0, Math.min(rows.length - 1, row))]);
    switch (e.key) {
      case "ArrowDown": go(at + 1); break;
      case "ArrowUp": go(at < 0 ? 0 : at - 1); break;
      case "Home": go(0); break;
      case "End": go(rows.length - 1); break;
      case "PageDown": go(at + Math.floor(this.scroller.clientHeight / ROW_H) - 2); break;
      case "PageUp": go(at - Math.floor(this.scroller.clientHeight / ROW_H) + 2); break;
      case "ArrowRight":
        if (cur?.task.summary) this.setCollapsed(cur.task.id, false);
        break;
      case "ArrowLeft":
        if (cur?.task.summary && !this.ctx.state.collapsed.includes(cur.task.id)) this.setCollapsed(cur.task.id, true);
        else if (cur?.task.parent) go(s.model.bars.get(cur.task.parent)!.row);
        break;
      case "Enter":
        if (cur) this.ctx.reveal(cur.task.id);
        break;
      case "+": case "=": this.stepZoom(-1); break;
      case "-": case "_": this.stepZoom(1); break;
      default: return;
    }
    e.preventDefault();
  }

  private target(e: Event): { bar: Bar | null; toggle: string | null; link: Element | null } {
    const t = e.target as Element;
    const toggle = t.closest("[data-toggle]")?.getAttribute("data-toggle") ?? null;
    const id = t.closest("[data-id]")?.getAttribute("data-id");
    return { bar: (id && this.scene?.model.bars.get(id)) || null, toggle, link: t.closest("path.link") };
  }

  private clickKey(e: Event): string | null {
    const { bar, toggle } = this.target(e);
    return toggle ? `toggle:${toggle}` : bar ? `bar:${bar.task.id}` : null;
  }

  private activate(e: Event): void {
    const { bar, toggle } = this.target(e);
    if (toggle) this.setCollapsed(toggle, !this.ctx.state.collapsed.includes(toggle));
    else if (bar) {
      this.select(bar);
      this.ctx.reveal(bar.task.id);
    }
  }

  private onHover(e: MouseEvent): void {
    const { bar, link } = this.target(e);
    const s = this.scene!, data = s.model.data, cur = data.project.currency, hpd = data.calendar.hoursPerDay;
    if (bar) {
      const t = bar.task;
      const rows: [string, string][] = [
        ["Start", showDateTime(t.start)],
        ["Finish", showDateTime(t.finish)],
        [t.milestone ? "Milestone" : "Duration", t.milestone ? "" : workTime(t.durationHours, hpd)],
        ["Total slack", workTime(t.totalSlack, hpd)],
      ];
      if (t.workHours) rows.push(["Work", workTime(t.workHours, hpd)]);
      if (t.resources.length) rows.push(["Resources", t.resources.map((r) => `${r.id} ${r.share}%`).join(", ")]);
      rows.push(["Cost", money(t.cost, cur)]);
      if (t.budget !== null) rows.push(["Budget", money(t.budget, cur)]);
      if (t.done) rows.push(["Done", percent(t.done / 100)]);
      if (t.deadline) rows.push(["Deadline", t.deadline + (t.deadlineMissed ? " (missed)" : "")]);
      if (t.critical) rows.push(["Critical", "yes"]);
      rows.push(["Driven by", t.driver.text]);
      for (const n of t.notes) rows.push(["Note", n]);
      this.ctx.tooltip.show(`${t.wbs} ${t.name}`, rows, e.clientX, e.clientY);
    } else if (link) {
      const from = link.getAttribute("data-from")!, to = link.getAttribute("data-to")!, type = link.getAttribute("data-type")!;
      this.ctx.tooltip.show(`${from} → ${to}`, [["Link", type]], e.clientX, e.clientY);
    } else this.ctx.tooltip.hide();
  }
}
