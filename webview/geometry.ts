// Pixel geometry shared by the live chart and the export: the time scale per zoom level,
// bar ends, and the orthogonal routing of dependency arrows.
import { scaleTime, type ScaleTime } from "d3-scale";
import type { Zoom } from "./protocol";
import { hoursBetween } from "./time";

export const ROW_H = 24;
export const HEADER_H = 44;
export const BAR_H = 14;
/** How far an arrow runs out of a bar end before it turns. */
const ELBOW = 8;

/** Pixels per hour of clock time at each zoom level. */
export const PX_PER_HOUR: Record<Zoom, number> = {
  day: 48 / 24,
  week: 14 / 24,
  month: 4 / 24,
  quarter: 1.5 / 24,
};
export const ZOOMS: Zoom[] = ["day", "week", "month", "quarter"];

export function timeScale(t0: Date, t1: Date, zoom: Zoom): ScaleTime<number, number> {
  return scaleTime().domain([t0, t1]).range([0, hoursBetween(t0, t1) * PX_PER_HOUR[zoom]]);
}

export const rowMid = (row: number) => row * ROW_H + ROW_H / 2;

export type LinkType = "FS" | "SS" | "FF" | "SF";

/** Which end of the predecessor an arrow leaves and which end of the successor it reaches. */
export function linkEnds(type: LinkType): { from: "start" | "finish"; to: "start" | "finish" } {
  return { from: type[0] === "S" ? "start" : "finish", to: type[1] === "S" ? "start" : "finish" };
}

export interface Point { x: number; y: number }

/**
 * An elbowed route from `a` (a bar end, left by `aOut` = +1 to the right from a finish or
 * -1 to the left from a start) to `b` (entered moving right into a start, `bIn` = +1, or
 * moving left into a finish, `bIn` = -1). Three segments when one vertical run fits,
 * otherwise five, crossing over at the row boundary just before the target row.
 */
export function routeLink(a: Point, aOut: 1 | -1, b: Point, bIn: 1 | -1): Point[] {
  const xa = a.x + aOut * ELBOW, xb = b.x - bIn * ELBOW;
  let x: number | null = null;
  if (aOut === 1 && bIn === 1 && xa <= xb) x = xa;
  else if (aOut === -1 && bIn === -1 && xa >= xb) x = xa;
  else if (aOut === 1 && bIn === -1) x = Math.max(xa, xb);
  else if (aOut === -1 && bIn === 1) x = Math.min(xa, xb);
  if (x !== null) return [a, { x, y: a.y }, { x, y: b.y }, b];
  const yMid = b.y - Math.sign(b.y - a.y || 1) * (ROW_H / 2);
  return [a, { x: xa, y: a.y }, { x: xa, y: yMid }, { x: xb, y: yMid }, { x: xb, y: b.y }, b];
}

export const pathOf = (pts: Point[]) => "M" + pts.map((p) => `${round(p.x)},${round(p.y)}`).join("L");
const round = (v: number) => Math.round(v * 100) / 100;
