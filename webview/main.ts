// The schedule panel. It receives HostMessages from the extension (never plan text: it
// only draws the ScheduleJson it is given), keeps its UI state across updates and
// reloads, and posts WebviewMessages back.
import type { ScheduleJson } from "../core/json";
import { applyScheduleDelta } from "../core/json-delta";
import { BudgetView } from "./budget-view";
import { el } from "./dom";
import { GanttView } from "./gantt-view";
import { acquireHost } from "./host";
import { isHostMessage, type HostMessage, type ViewName } from "./protocol";
import { ResourceView } from "./resource-view";
import { RiskView } from "./risk-view";
import { restoreState } from "./state";
import { parseLocal } from "./time";
import { Tooltip } from "./tooltip";
import type { Ctx, View } from "./view";

const TABS: { name: ViewName; label: string }[] = [
  { name: "gantt", label: "Gantt" },
  { name: "budget", label: "Budget" },
  { name: "resources", label: "Resources" },
  { name: "risks", label: "Risks" },
];

class App {
  private readonly host = acquireHost();
  private readonly ctx: Ctx;
  private readonly gantt: GanttView;
  private readonly views: Record<ViewName, View>;
  private readonly tabs = new Map<ViewName, HTMLButtonElement>();
  private readonly banner = el("div", "stale-banner");
  private readonly empty = el("div", "empty", "Waiting for a schedule…");
  private data: ScheduleJson | null = null;
  private today = new Date();
  /** Views drawn since the last schedule arrived. */
  private fresh = new Set<ViewName>();
  private saveTimer = 0;
  /** A zoom the user chose (saved state) wins over the configured default. */
  private readonly zoomSaved: boolean;

  constructor(root: HTMLElement) {
    const saved = this.host.getState();
    this.zoomSaved = saved !== undefined && saved !== null;
    const state = restoreState(saved);
    const tooltip = new Tooltip(document.body);
    this.ctx = {
      host: this.host,
      state,
      tooltip,
      save: () => {
        clearTimeout(this.saveTimer);
        this.saveTimer = window.setTimeout(() => this.host.setState(state), 100);
      },
      reveal: (taskId) => this.host.postMessage({ type: "reveal", taskId }),
    };
    this.gantt = new GanttView(this.ctx);
    this.views = {
      gantt: this.gantt,
      budget: new BudgetView(this.ctx),
      resources: new ResourceView(this.ctx),
      risks: new RiskView(this.ctx),
    };

    const tablist = el("div", "tabs");
    tablist.setAttribute("role", "tablist");
    for (const { name, label } of TABS) {
      const tab = el("button", "tab", label);
      tab.id = `tab-${name}`;
      tab.dataset.tab = name;
      tab.setAttribute("role", "tab");
      tab.setAttribute("aria-controls", `view-${name}`);
      tab.addEventListener("click", () => this.show(name));
      tab.addEventListener("keydown", (e) => this.onTabKey(e, name));
      this.tabs.set(name, tab);
      tablist.append(tab);
      const view = this.views[name].root;
      view.id = `view-${name}`;
      view.setAttribute("role", "tabpanel");
      view.setAttribute("aria-labelledby", tab.id);
    }
    this.banner.setAttribute("role", "status");
    this.banner.hidden = true;
    root.append(tablist, this.banner, this.empty, ...TABS.map((t) => this.views[t.name].root));
    window.addEventListener("message", (e) => this.onMessage(e.data));
    this.show(state.tab, false);
    this.host.postMessage({ type: "ready" });
  }

  private onMessage(msg: unknown): void {
    if (!isHostMessage(msg)) return;
    this.handle(msg);
  }

  private handle(msg: HostMessage): void {
    switch (msg.type) {
      case "schedule":
      case "scheduleDelta": {
        const data = msg.type === "schedule" ? msg.data : this.data && applyScheduleDelta(this.data, msg.delta);
        if (!data) break; // a difference from no schedule: the whole one follows
        this.data = data;
        this.today = parseLocal(msg.today);
        this.banner.hidden = !msg.stale;
        this.banner.textContent = msg.stale
          ? `The plan has errors — showing the last good schedule (${msg.errorCount} error${msg.errorCount === 1 ? "" : "s"})`
          : "";
        this.empty.hidden = true;
        this.fresh.clear();
        this.show(this.ctx.state.tab, false);
        document.body.dataset.version = String(msg.version);
        break;
      }
      case "highlight":
        this.gantt.highlight(msg.taskId);
        break;
      case "config":
        if (!this.zoomSaved) this.gantt.setZoom(msg.defaultZoom);
        break;
      case "export":
        this.gantt.exportChart(msg.format).then(
          (data) => this.host.postMessage({ type: "exported", format: msg.format, data }),
          (err) => console.error("export failed", err),
        );
        break;
    }
  }

  private show(name: ViewName, focus = false): void {
    this.ctx.state.tab = name;
    this.ctx.save();
    for (const [n, tab] of this.tabs) {
      const on = n === name;
      tab.setAttribute("aria-selected", String(on));
      tab.tabIndex = on ? 0 : -1;
      this.views[n].root.hidden = !on || !this.data;
    }
    if (focus) this.tabs.get(name)!.focus();
    if (this.data && !this.fresh.has(name)) {
      this.views[name].update(this.data, this.today);
      this.fresh.add(name);
    } else if (this.data) this.views[name].shown?.();
  }

  /** Arrow keys move between tabs (the WAI-ARIA tabs pattern). */
  private onTabKey(e: KeyboardEvent, name: ViewName): void {
    const i = TABS.findIndex((t) => t.name === name);
    const next = e.key === "ArrowRight" ? i + 1 : e.key === "ArrowLeft" ? i - 1 : e.key === "Home" ? 0 : e.key === "End" ? TABS.length - 1 : null;
    if (next === null) return;
    e.preventDefault();
    this.show(TABS[(next + TABS.length) % TABS.length].name, true);
  }
}

new App(document.getElementById("app") ?? document.body);
