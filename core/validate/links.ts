// Dependencies: no link between a phase and its own tasks (GANTRY311), no cycles
// (GANTRY301). Cycles are found on the expanded graph the scheduler sees — a phase as
// predecessor means all its leaves, a phase's `after` applies to every task inside — but
// without materialising leaf × leaf edges: each phase is a start node and a finish node,
// linked to its children's, so the graph stays linear in the plan's size.
// Links into a phase's own tasks are returned so lowering leaves them out of the model.
// Cycle links stay in: the scheduler finds the same cycles and marks their tasks
// unscheduled, while the rest of the plan still schedules.
import type * as ast from "../ast";
import { comparePos } from "../ast";
import { diag } from "../diagnostics";
import { lastDescendants } from "../group";
import { linkTarget, type TaskEntry } from "../resolve";
import type { ValidateContext } from "./context";
import { q } from "./context";

interface Link {
  dep: ast.Dependency;
  from: number; // predecessor task
  to: number; // successor task (owner of the `after`)
}

/**
 * The links the cycle search reads, as columns: an object per link would be made again at
 * every edit of tasks (15,000 on the 10k plan). `Link`s are made for those in cycles.
 */
interface LinkColumns {
  count: number;
  dep: ast.Dependency[];
  from: Int32Array;
  to: Int32Array;
}

const linkAt = (links: LinkColumns, k: number): Link => ({ dep: links.dep[k]!, from: links.from[k]!, to: links.to[k]! });

export function validateLinks(ctx: ValidateContext): Set<ast.Dependency> {
  const tasks = ctx.res.tasks;
  const drop = new Set<ast.Dependency>();
  let written = 0;
  for (let j = 0; j < tasks.length; j++) written += tasks[j]!.node.deps.length;
  const links: LinkColumns = { count: 0, dep: new Array<ast.Dependency>(written), from: new Int32Array(written), to: new Int32Array(written) };
  const last = lastDescendants(tasks);
  /** Whether task `a` is a phase containing task `b` (tasks are in pre-order). */
  const contains = (a: number, b: number) => a < b && b <= last[a]!;
  // Indexed loops over the tasks: this runs once per analysis, mostly before the JIT has
  // optimised it, and a `for … of` there allocates an iterator result per element.
  for (let j = 0; j < tasks.length; j++) {
    const t = tasks[j]!;
    for (let i = 0; i < t.node.deps.length; i++) {
      const dep = t.node.deps[i]!;
      const from = linkTarget(ctx.res, t, i);
      if (from === undefined) continue;
      if (contains(from, t.index) || contains(t.index, from)) {
        const [phase, inner] = contains(from, t.index) ? [tasks[from]!, t] : [t, tasks[from]!];
        ctx.out.push(
          diag("GANTRY311", t.uri, dep.range, `${q(t.id)} depends on ${q(tasks[from]!.id)}, but ${q(inner.id)} is inside the phase ${q(phase.id)}: a phase already spans its tasks. Delete this link, or link to a task outside the phase.`),
        );
        drop.add(dep);
      } else {
        links.dep[links.count] = dep;
        links.from[links.count] = from;
        links.to[links.count++] = t.index;
      }
    }
  }
  for (const found of findCycles(tasks, links)) {
    // Reported at the link written first; the cycle is read from there.
    const first = [...found].sort((a, b) => tasks[a.to]!.index - tasks[b.to]!.index || comparePos(a.dep.range.start, b.dep.range.start))[0]!;
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

/**
 * The graph: node 2i = start of task i, 2i+1 = finish (the same event for a leaf).
 * Compressed rows: the edges out of node v are `to[k]` for `first[v] <= k < first[v + 1]`,
 * with `link[k]` the index of the link they stand for, or -1 for a phase-to-child edge.
 */
interface Graph {
  first: Int32Array;
  to: Int32Array;
  link: Int32Array;
}

function buildGraph(tasks: TaskEntry[], links: LinkColumns): Graph {
  const n = tasks.length * 2;
  const start = (i: number) => 2 * i;
  const finish = (i: number) => (tasks[i]!.children.length ? 2 * i + 1 : 2 * i);
  // The edges in the order they are listed from each node, then grouped by node (stably).
  let m = links.count;
  for (let i = 0; i < tasks.length; i++) m += 2 * tasks[i]!.children.length;
  const from = new Int32Array(m);
  const to = new Int32Array(m);
  const link = new Int32Array(m);
  let k = 0;
  const edge = (v: number, w: number, l: number) => {
    from[k] = v;
    to[k] = w;
    link[k++] = l;
  };
  for (let i = 0; i < tasks.length; i++) {
    const children = tasks[i]!.children;
    for (let k = 0; k < children.length; k++) {
      edge(start(i), start(children[k]!), -1);
      edge(finish(children[k]!), finish(i), -1);
    }
  }
  for (let l = 0; l < links.count; l++) edge(finish(links.from[l]!), start(links.to[l]!), l);
  const first = new Int32Array(n + 1);
  for (let e = 0; e < m; e++) first[from[e]! + 1]!++;
  for (let v = 0; v < n; v++) first[v + 1]! += first[v]!;
  const next = first.slice(0, n);
  const g: Graph = { first, to: new Int32Array(m), link: new Int32Array(m) };
  for (let e = 0; e < m; e++) {
    const at = next[from[e]!]!++;
    g.to[at] = to[e]!;
    g.link[at] = link[e]!;
  }
  return g;
}

/** Strongly connected components (iterative Tarjan): component id per node. */
function components(g: Graph): Int32Array {
  const n = g.first.length - 1;
  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const comp = new Int32Array(n).fill(-1);
  const onStack = new Uint8Array(n);
  const stack = new Int32Array(n);
  let stackSize = 0;
  // The depth-first path: its nodes and, for each, the next of its edges to follow.
  const path = new Int32Array(n);
  const nextEdge = new Int32Array(n);
  let depth = 0;
  let counter = 0;
  let compCount = 0;
  const enter = (v: number) => {
    index[v] = low[v] = counter++;
    stack[stackSize++] = v;
    onStack[v] = 1;
    path[depth] = v;
    nextEdge[depth++] = g.first[v]!;
  };
  for (let root = 0; root < n; root++) {
    if (index[root] !== -1) continue;
    enter(root);
    while (depth > 0) {
      const v = path[depth - 1]!;
      const e = nextEdge[depth - 1]!;
      if (e < g.first[v + 1]!) {
        nextEdge[depth - 1] = e + 1;
        const w = g.to[e]!;
        if (index[w] === -1) enter(w);
        else if (onStack[w]) low[v] = Math.min(low[v]!, index[w]!);
        continue;
      }
      depth--;
      if (depth > 0) low[path[depth - 1]!] = Math.min(low[path[depth - 1]!]!, low[v]!);
      if (low[v] === index[v]) {
        let w: number;
        do {
          w = stack[--stackSize]!;
          onStack[w] = 0;
          comp[w] = compCount;
        } while (w !== v);
        compCount++;
      }
    }
  }
  return comp;
}

/** One cycle per strongly connected component, as its links in order. */
function findCycles(tasks: TaskEntry[], links: LinkColumns): Link[][] {
  const g = buildGraph(tasks, links);
  const comp = components(g);
  const cycles: Link[][] = [];
  const seen = new Set<number>();
  for (let v = 0; v < comp.length; v++) {
    for (let e = g.first[v]!; e < g.first[v + 1]!; e++) {
      const head = g.to[e]!;
      if (g.link[e] === -1 || comp[v] !== comp[head] || seen.has(comp[v]!)) continue;
      seen.add(comp[v]!);
      // Shortest way back from the link's head to its tail, inside the component.
      const prev = new Map<number, { from: number; link: number }>();
      const queue = [head];
      prev.set(head, { from: -1, link: -1 });
      for (let i = 0; i < queue.length && (v === head || !prev.has(v)); i++) {
        if (v === head) break; // a task after itself
        const u = queue[i]!;
        for (let f = g.first[u]!; f < g.first[u + 1]!; f++) {
          const w = g.to[f]!;
          if (comp[w] !== comp[v] || prev.has(w)) continue;
          prev.set(w, { from: u, link: g.link[f]! });
          queue.push(w);
        }
      }
      const cycle: Link[] = [linkAt(links, g.link[e]!)];
      for (let at = v; at !== head; ) {
        const p = prev.get(at)!;
        if (p.link !== -1) cycle.unshift(linkAt(links, p.link));
        at = p.from;
      }
      cycles.push(cycle);
    }
  }
  return cycles;
}
