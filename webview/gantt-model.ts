// What the Gantt chart shows, derived from a ScheduleJson: parsed times per task, the
// WBS outline with collapsed phases folded away, the dependency links and the time span.
// Parsing happens once per schedule; folding is redone when a phase opens or closes.
import { timeMonday } from "d3-time";
import type { ScheduleJson, TaskJson } from "../core/json";
import { endOfDay, parseLocal } from "./time";

export interface Bar {
  task: TaskJson;
  start: Date;
  finish: Date;
  lateFinish: Date;
  deadline: Date | null;
  /** Row index among the visible rows, -1 when folded away under a collapsed phase. */
  row: number;
  /** The visible bar that stands for this task: itself, or the collapsed phase it is folded into. */
  shown: Bar;
}

export interface Link {
  from: Bar;
  to: Bar;
  type: "FS" | "SS" | "FF" | "SF";
}

export interface GanttModel {
  data: ScheduleJson;
  bars: Map<string, Bar>;
  /** Every task in outline order (parents before children, siblings in plan order). */
  outline: Bar[];
  children: Map<string, Bar[]>;
  links: Link[];
  /** The visible rows. */
  rows: Bar[];
  /** The chart's time span: the plan plus a margin, on Monday boundaries. */
  t0: Date;
  t1: Date;
}

export function buildModel(data: ScheduleJson, collapsed: ReadonlySet<string>): GanttModel {
  const bars = new Map<string, Bar>();
  for (const task of data.tasks) {
    const bar = {
      task,
      start: parseLocal(task.start),
      finish: parseLocal(task.finish),
      lateFinish: parseLocal(task.lateFinish),
      deadline: task.deadline ? endOfDay(task.deadline) : null,
      row: -1,
    } as Bar;
    bar.shown = bar;
    bars.set(task.id, bar);
  }
  const children = new Map<string, Bar[]>();
  const roots: Bar[] = [];
  for (const bar of bars.values()) {
    const parent = bar.task.parent;
    if (parent !== null && bars.has(parent)) {
      const list = children.get(parent);
      if (list) list.push(bar);
      else children.set(parent, [bar]);
    } else roots.push(bar);
  }
  const outline: Bar[] = [];
  const stack = roots.slice().reverse();
  while (stack.length) {
    const bar = stack.pop()!;
    outline.push(bar);
    const kids = children.get(bar.task.id);
    if (kids) for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]);
  }
  const links: Link[] = [];
  for (const to of bars.values()) {
    for (const p of to.task.predecessors) {
      const from = bars.get(p.id);
      if (from) links.push({ from, to, type: p.type });
    }
  }
  let lo = parseLocal(data.project.start).getTime(), hi = parseLocal(data.project.finish).getTime();
  for (const b of bars.values()) {
    lo = Math.min(lo, b.start.getTime());
    hi = Math.max(hi, b.finish.getTime(), b.lateFinish.getTime(), b.deadline?.getTime() ?? hi);
  }
  if (data.project.statusDate) {
    const s = parseLocal(data.project.statusDate).getTime();
    lo = Math.min(lo, s);
    hi = Math.max(hi, s);
  }
  const model: GanttModel = {
    data, bars, outline, children, links, rows: [],
    t0: timeMonday.offset(timeMonday.floor(new Date(lo)), -1),
    t1: timeMonday.offset(timeMonday.ceil(new Date(hi)), 2),
  };
  fold(model, collapsed);
  return model;
}

/** Recomputes the visible rows for a set of collapsed phases. */
export function fold(model: GanttModel, collapsed: ReadonlySet<string>): void {
  const rows: Bar[] = [];
  const hiddenBelow = new Set<string>();
  for (const bar of model.outline) {
    const parent = bar.task.parent;
    if (parent !== null && hiddenBelow.has(parent)) {
      bar.row = -1;
      bar.shown = model.bars.get(parent)!.shown;
      hiddenBelow.add(bar.task.id);
      continue;
    }
    bar.row = rows.length;
    bar.shown = bar;
    rows.push(bar);
    if (collapsed.has(bar.task.id) && model.children.has(bar.task.id)) hiddenBelow.add(bar.task.id);
  }
  model.rows = rows;
}

/** The phases enclosing a task, outermost first. */
export function ancestors(model: GanttModel, id: string): string[] {
  const out: string[] = [];
  for (let p = model.bars.get(id)?.task.parent ?? null; p !== null; p = model.bars.get(p)?.task.parent ?? null) {
    out.unshift(p);
  }
  return out;
}
