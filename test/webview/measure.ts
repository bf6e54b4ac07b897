// Reading the chart's geometry back from the page: the axis the SVG exposes and the
// bars' boxes, and the expected x of an ISO time computed independently of the panel.
import type { Page } from "playwright-core";

/** ISO local → hours since 1970, naive (the browser runs in UTC, so no DST to mind). */
export const hoursOf = (iso: string) =>
  Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10), +(iso.slice(11, 13) || 0), +(iso.slice(14, 16) || 0)) / 3.6e6;

export interface Axis { t0: string; pxPerHour: number; rowH: number; zoom: string }
export const axis = (page: Page): Promise<Axis> => page.$eval(".gantt-view svg.gantt-svg", (svg) => ({
  t0: svg.getAttribute("data-t0")!, pxPerHour: +svg.getAttribute("data-px-per-hour")!,
  rowH: +svg.getAttribute("data-row-h")!, zoom: svg.getAttribute("data-zoom")!,
}));
export const xOf = (a: Axis, iso: string) => (hoursOf(iso) - hoursOf(a.t0)) * a.pxPerHour;

export interface Shape { id: string; cls: string; tag: string; x: number; y: number; width: number; height: number; d: string | null }
export const shapes = (page: Page): Promise<Shape[]> => page.$$eval(".gantt-view .bar[data-id]", (els) => els.map((e) => {
  const b = (e as SVGGraphicsElement).getBBox();
  return { id: e.getAttribute("data-id")!, cls: e.getAttribute("class")!, tag: e.tagName, x: b.x, y: b.y, width: b.width, height: b.height, d: e.getAttribute("d") };
}));
