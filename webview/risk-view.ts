// The Risks tab: a 5×5 probability × impact heat map and the risks sorted by exposure,
// each with links to the tasks it affects.
import type { RiskJson, ScheduleJson } from "../core/json";
import { el, onClick } from "./dom";
import { money } from "./format";
import type { Ctx, View } from "./view";

/** Impact level 1–5 from a share of the project (cost of the budget, days of the duration). */
const SHARE_STEPS = [0.01, 0.03, 0.1, 0.2];
const level = (share: number) => 1 + SHARE_STEPS.filter((s) => share > s).length;

export function probabilityLevel(p: number): number {
  return Math.min(5, Math.max(1, Math.ceil(p / 20)));
}

export function impactLevel(r: RiskJson, data: ScheduleJson): number {
  const costBase = data.project.budget ?? data.project.cost;
  const days = data.project.durationHours / data.calendar.hoursPerDay;
  const cost = r.costImpact !== null && costBase > 0 ? level(r.costImpact / costBase) : 1;
  const sched = r.scheduleImpactDays !== null && days > 0 ? level(r.scheduleImpactDays / days) : 1;
  return Math.max(cost, sched);
}

/** Highest cost exposure first, then schedule exposure, then name. */
export function byExposure(a: RiskJson, b: RiskJson): number {
  return (b.exposureCost ?? 0) - (a.exposureCost ?? 0) || (b.exposureDays ?? 0) - (a.exposureDays ?? 0) || a.name.localeCompare(b.name);
}

const PROB_LABEL = ["", "Rare ≤20%", "Unlikely ≤40%", "Possible ≤60%", "Likely ≤80%", "Almost certain"];
const IMPACT_LABEL = ["", "Minimal", "Minor", "Moderate", "Major", "Severe"];

export class RiskView implements View {
  readonly root = el("section", "view risk-view");

  constructor(private readonly ctx: Ctx) {
    const id = (e: Event) => (e.target as Element).closest("[data-reveal]")?.getAttribute("data-reveal") ?? null;
    onClick(this.root, id, (e) => this.ctx.reveal(id(e)!));
  }

  update(data: ScheduleJson): void {
    if (!data.risks.length) {
      this.root.replaceChildren(el("p", "empty-note", "This plan has no risks."));
      return;
    }
    this.root.replaceChildren(this.heatMap(data), this.table(data));
  }

  private heatMap(data: ScheduleJson): HTMLElement {
    const box = el("figure", "chart");
    box.append(el("figcaption", "chart-title", "Probability × impact (closed risks left out)"));
    const grid = el("div", "heatmap");
    grid.setAttribute("role", "table");
    const cells = new Map<string, RiskJson[]>();
    for (const r of data.risks) {
      if (r.status === "closed") continue;
      const k = `${probabilityLevel(r.probability)}/${impactLevel(r, data)}`;
      cells.set(k, [...(cells.get(k) ?? []), r]);
    }
    for (let p = 5; p >= 1; p--) {
      grid.append(el("div", "heat-axis prob", PROB_LABEL[p]));
      for (let i = 1; i <= 5; i++) {
        const score = p * i, risks = cells.get(`${p}/${i}`) ?? [];
        const cell = el("div", `heat-cell ${score >= 15 ? "high" : score >= 8 ? "medium" : score >= 4 ? "low" : "minimal"}`);
        cell.dataset.p = String(p);
        cell.dataset.i = String(i);
        cell.title = `Probability ${p}, impact ${i}: ${risks.length} risk${risks.length === 1 ? "" : "s"}`;
        for (const r of risks) cell.append(el("span", "heat-risk", r.name));
        grid.append(cell);
      }
    }
    grid.append(el("div", "heat-axis"));
    for (let i = 1; i <= 5; i++) grid.append(el("div", "heat-axis impact", IMPACT_LABEL[i]));
    box.append(grid);
    return box;
  }

  private table(data: ScheduleJson): HTMLElement {
    const cur = data.project.currency, names = new Map(data.tasks.map((t) => [t.id, t.name]));
    const table = el("table", "grid-table risks");
    const head = el("tr");
    for (const h of ["Risk", "Status", "Probability", "Impact", "Exposure", "Owner", "Affects", "Mitigation"]) head.append(el("th", "", h));
    table.createTHead().append(head);
    const body = table.createTBody();
    for (const r of [...data.risks].sort(byExposure)) {
      const tr = el("tr", r.status);
      tr.dataset.risk = r.id;
      const impact = [r.costImpact !== null ? money(r.costImpact, cur) : "", r.scheduleImpactDays !== null ? `${r.scheduleImpactDays}d` : ""].filter(Boolean).join(", ");
      const exposure = [r.exposureCost !== null ? money(r.exposureCost, cur) : "", r.exposureDays !== null ? `${r.exposureDays}d` : ""].filter(Boolean).join(", ");
      const affects = el("td", "affects");
      for (const id of r.affects) {
        const a = el("button", "link-button", names.get(id) ?? id);
        a.dataset.reveal = id;
        a.title = `Reveal ${id}`;
        affects.append(a);
      }
      tr.append(
        el("td", "", r.name), el("td", `status ${r.status}`, r.status), el("td", "num", `${r.probability}%`),
        el("td", "num", impact || "—"), el("td", "num", exposure || "—"), el("td", "", r.owner ?? ""),
        affects, el("td", "", r.mitigation ?? ""),
      );
      body.append(tr);
    }
    const wrap = el("figure", "chart");
    wrap.append(el("figcaption", "chart-title", "Risks by exposure"), table);
    return wrap;
  }
}
