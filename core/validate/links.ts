// Dependencies: no link between a phase and its own tasks (GANTRY311), no cycles
// (GANTRY301). Cycles are found on the expanded graph the scheduler sees — a phase as
// predecessor means all its leaves, a phase's `after` applies to every task inside — but
// without materialising leaf × leaf edges: each phase is a start node and a finish node,
// linked to its children's, so the graph stays linear in the plan's size.
// Links into a phase's own tasks are returned so lowering leaves them out of the model.
// Cycle links stay in: the scheduler finds the same cycles and marks their tasks
// unscheduled, while the rest of the plan still schedules.
import type * as ast from "../ast";
import { diag } from "../diagnostics";
import type { TaskEntry } from "../resolve";
import type { ValidateContext } from "./context";
import { q } from "./context";

interface Link {
  dep: ast.Dependency;
  from: number; // predecessor task
  to: number; // successor task (owner of the `after`)
}

export function validateLinks(ctx: ValidateContext): Set<ast.Dependency> {
  const tasks = ctx.res.tasks;
  const drop = new Set<ast.Dependency>();
  const links: Link[] = [];
  const isAncestor = (a: number, b: number) => {
    for (let p = tasks[b]!.parent; p !== undefined; p = tasks[p]!.parent) if (p === a) return true;
    return false;
  };
  for (const t of tasks) {
    for (const dep of t.node.deps) {
      const from = ctx.res.refs.get(dep.target);
      if (from === undefined) continue;
      if (from !== t.index && (isAncestor(from, t.index) || isAncestor(t.index, from))) {
        const [phase, inner] = isAncestor(from, t.index) ? [tasks[from]!, t] : [t, tasks[from]!];
        ctx.out.push(
          diag("GANTRY311", t.uri, dep.range, `${q(t.id)} depends on ${q(tasks[from]!.id)}, but ${q(inner.id)} is inside the phase ${q(phase.id)}: a phase already spans its tasks. Delete this link, or link to a task outside the phase.`),
        );
        drop.add(dep);
      } else links.push({ dep, from, to: t.index });
    }
  }
  for (const found of findCycles(tasks, links)) {
    // Reported at the link written first; the cycle is read from there.
    const first = [...found].sort((a, b) => tasks[a.to]!.index - tasks[b.to]!.index || a.dep.range.start.offset - b.dep.range.start.offset)[0]!;
    const k = found.indexOf(first);
    const cycle = [...found.slice(k), ...found.slice(0, k)];
    const owner = tasks[first.to]!;
    const path = [...cycle.map((l) => tasks[l.from]!.id), tasks[cycle[0]!.from]!.id].map(q).join(" → ");
    const label = (l: Link) => `${tasks[l.to]!.id} after ${tasks[l.from]!.id}`;
    ctx.out.push(
      diag("GANTRY301", owner.uri, first.dep.range, `Dependency cycle: ${path}. Tasks in a cycle wait for each other forever; remove one of these links.`, {
        related: cycle.map((l) => ({ uri: tasks[l.to]!.uri, range: l.dep.range, message: label(l) })),
        fix: { kind: "dropLink", links: cycle.map((l) => ({ uri: tasks[l.to]!.uri, range: l.dep.range, label: label(l) })) },
      }),
    );
  }
  return drop;
}

/** The graph: node 2i = start of task i, 2i+1 = finish (the same event for a leaf). */
function buildGraph(tasks: TaskEntry[], links: Link[]) {
  const n = tasks.length * 2;
  const edges: { to: number; link: Link | undefined }[][] = Array.from({ length: n }, () => []);
  const start = (i: number) => 2 * i;
  const finish = (i: number) => (tasks[i]!.children.length ? 2 * i + 1 : 2 * i);
  for (const t of tasks) {
    for (const c of t.children) {
      edges[start(t.index)]!.push({ to: start(c), link: undefined });
      edges[finish(c)]!.push({ to: finish(t.index), link: undefined });
    }
  }
  for (const l of links) edges[finish(l.from)]!.push({ to: start(l.to), link: l });
  return edges;
}

/** Strongly connected components (iterative Tarjan): component id per node. */
function components(edges: { to: number }[][]): number[] {
  const n = edges.length;
  const index = new Array<number>(n).fill(-1);
  const low = new Array<number>(n).fill(0);
  const comp = new Array<number>(n).fill(-1);
  const onStack = new Array<boolean>(n).fill(false);
  const stack: number[] = [];
  let counter = 0;
  let compCount = 0;
  for (let root = 0; root < n; root++) {
    if (index[root] !== -1) continue;
    const work: { v: number; e: number }[] = [{ v: root, e: 0 }];
    index[root] = low[root] = counter++;
    stack.push(root);
    onStack[root] = true;
    while (work.length) {
      const top = work[work.length - 1]!;
      const out = edges[top.v]!;
      if (top.e < out.length) {
        const w = out[top.e++]!.to;
        if (index[w] === -1) {
          index[w] = low[w] = counter++;
          stack.push(w);
          onStack[w] = true;
          work.push({ v: w, e: 0 });
        } else if (onStack[w]) low[top.v] = Math.min(low[top.v]!, index[w]!);
        continue;
      }
      work.pop();
      if (work.length) low[work[work.length - 1]!.v] = Math.min(low[work[work.length - 1]!.v]!, low[top.v]!);
      if (low[top.v] === index[top.v]) {
        let w: number;
        do {
          w = stack.pop()!;
          onStack[w] = false;
          comp[w] = compCount;
        } while (w !== top.v);
        compCount++;
      }
    }
  }
  return comp;
}

/** One cycle per strongly connected component, as its links in order. */
function findCycles(tasks: TaskEntry[], links: Link[]): Link[][] {
  const edges = buildGraph(tasks, links);
  const comp = components(edges);
  const cycles: Link[][] = [];
  const seen = new Set<number>();
  edges.forEach((es, v) => {
    for (const e of es) {
      if (!e.link || comp[v] !== comp[e.to] || seen.has(comp[v]!)) continue;
      seen.add(comp[v]!);
      // Shortest way back from the link's head to its tail, inside the component.
      const prev = new Map<number, { from: number; link: Link | undefined }>();
      const queue = [e.to];
      prev.set(e.to, { from: -1, link: undefined });
      for (let i = 0; i < queue.length && (v === e.to || !prev.has(v)); i++) {
        if (v === e.to) break; // a task after itself
        const u = queue[i]!;
        for (const f of edges[u]!) {
          if (comp[f.to] !== comp[v] || prev.has(f.to)) continue;
          prev.set(f.to, { from: u, link: f.link });
          queue.push(f.to);
        }
      }
      const cycle: Link[] = [e.link];
      for (let at = v; at !== e.to; ) {
        const p = prev.get(at)!;
        if (p.link) cycle.unshift(p.link);
        at = p.from;
      }
      cycles.push(cycle);
    }
  });
  return cycles;
}
