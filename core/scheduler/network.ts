// The precedence network of a plan, built once per PlanModel and shared by the scheduler
// passes and the leveler: links, a topological order, cycle members, and per leaf task
// its working time and length.
//
// Phases are not expanded link by link (a phase of 1000 tasks after another of 1000
// would make a million links). Each summary is two nodes instead: its "in" node carries
// the links written on the phase and passes them to every task inside; its "out" node
// collects the dates of the tasks inside, so a link from a phase reads the phase's
// rolled-up start or finish. Node i is task i (a leaf, or a summary's out node); node
// N + i is summary i's in node.
import type { LinkType } from "../ast";
import type { DependencyModel, Minutes, PlanModel, Span, TaskModel } from "../model";
import { addWorking, intersect, isEmpty, nextWorking, workTime, type WorkTime } from "../calendar";

export interface Link {
  /** Predecessor task (a leaf or a summary). */
  from: number;
  /** Successor task (a leaf or a summary). */
  to: number;
  type: LinkType;
  lag: Span;
  dep: DependencyModel;
}

export interface Network {
  plan: PlanModel;
  /** Links into each task, as written on it (not on its ancestors). */
  preds: Link[][];
  /** Links out of each task, as written (a phase's links are on the phase). */
  succs: Link[][];
  /** Node ids (see above) in topological order; cycle members left out. */
  order: number[];
  /** Tasks that sit in a dependency cycle (and summaries left without a scheduled task). */
  unscheduled: boolean[];
  /** Per leaf: the working time it runs on (intersection of its resources' calendars). */
  work: WorkTime[];
  /** Per leaf: its length in working minutes of `work`, or clock minutes when elapsed. */
  length: number[];
  elapsed: boolean[];
  /** The project calendar: slack, overruns and summaries are measured on it. */
  projectWork: WorkTime;
}

function isAncestor(tasks: TaskModel[], a: number, b: number): boolean {
  for (let p = tasks[b]!.parent; p !== undefined; p = tasks[p]!.parent) if (p === a) return true;
  return false;
}

/** Calendars that never overlap leave no working time: fall back rather than never finish. */
function nonEmpty(w: WorkTime, fallback: WorkTime): WorkTime {
  return isEmpty(w) ? fallback : w;
}

/** The working time of a task: its calendar (or the project's) ∩ every assigned resource's. */
function taskWork(plan: PlanModel, t: TaskModel): WorkTime {
  const project = workTime(plan.project.calendar);
  if (t.assignments.length === 0) return t.calendar ? workTime(t.calendar) : project;
  // Resources on the same calendar without leave share one WorkTime: fold distinct ones only.
  const parts = new Set<WorkTime>();
  if (t.calendar) parts.add(workTime(t.calendar));
  for (const a of t.assignments) {
    const r = plan.resources[a.resource]!;
    parts.add(workTime(r.calendar, r.off, r.index));
  }
  let w: WorkTime | undefined;
  for (const p of parts) w = w ? intersectCached(w, p) : p;
  return nonEmpty(w!, project);
}

const pairs = new WeakMap<WorkTime, Map<WorkTime, WorkTime>>();

function intersectCached(a: WorkTime, b: WorkTime): WorkTime {
  let byB = pairs.get(a);
  if (!byB) pairs.set(a, (byB = new Map()));
  let w = byB.get(b);
  if (!w) byB.set(b, (w = intersect(a, b)));
  return w;
}

/** Length of a leaf: effort is spread over the assigned shares (10d on two people: 5d). */
function taskLength(t: TaskModel): { minutes: number; elapsed: boolean } {
  if (t.milestone || t.lengthKind === "none") return { minutes: 0, elapsed: false };
  if (t.lengthKind === "effort") {
    const shares = t.assignments.reduce((s, a) => s + a.share, 0);
    return { minutes: shares > 0 ? Math.round(t.span.minutes / shares) : t.span.minutes, elapsed: t.span.elapsed };
  }
  return { minutes: t.span.minutes, elapsed: t.span.elapsed };
}

const cache = new WeakMap<PlanModel, Network>();

/** The network of a plan, built once and shared (the leveler calls this too). */
export function networkFor(plan: PlanModel): Network {
  let net = cache.get(plan);
  if (!net) cache.set(plan, (net = buildNetwork(plan)));
  return net;
}

export function buildNetwork(plan: PlanModel): Network {
  const tasks = plan.tasks;
  const n = tasks.length;
  const preds: Link[][] = tasks.map(() => []);
  const succs: Link[][] = tasks.map(() => []);
  for (const t of tasks) {
    for (const dep of t.deps) {
      const from = dep.from;
      // A link inside its own branch is reported by the validator (GANTRY311) and ignored.
      if (from === t.index || from < 0 || from >= n || isAncestor(tasks, from, t.index) || isAncestor(tasks, t.index, from)) continue;
      const link: Link = { from, to: t.index, type: dep.type, lag: dep.lag, dep };
      preds[t.index]!.push(link);
      succs[from]!.push(link);
    }
  }
  const inNode = (i: number) => (tasks[i]!.summary ? n + i : i);
  const edges: number[] = []; // pairs: from node, to node
  for (const t of tasks) {
    for (const l of preds[t.index]!) edges.push(l.from, inNode(t.index));
    if (t.summary) for (const c of t.children) edges.push(n + t.index, inNode(c), c, t.index);
  }
  const graph = csr(2 * n, edges);
  const unscheduled = new Array<boolean>(n).fill(false);
  for (const comp of cycles(graph)) for (const v of comp) unscheduled[v % n] = true;
  const order = topoOrder(graph, (v) => v < n || tasks[v - n]!.summary, (v) => unscheduled[v % n]!);

  const projectWork = workTime(plan.project.calendar);
  const work: WorkTime[] = [];
  const length: number[] = [];
  const elapsed: boolean[] = [];
  for (const t of tasks) {
    const len = taskLength(t);
    work.push(t.summary ? projectWork : taskWork(plan, t));
    length.push(len.minutes);
    elapsed.push(len.elapsed);
  }
  return { plan, preds, succs, order, unscheduled, work, length, elapsed, projectWork };
}

/** A graph in compressed rows: the successors of v are targets[offsets[v] .. offsets[v+1]). */
interface Graph {
  offsets: Int32Array;
  targets: Int32Array;
}

function csr(nodes: number, pairs: number[]): Graph {
  const offsets = new Int32Array(nodes + 1);
  for (let k = 0; k < pairs.length; k += 2) offsets[pairs[k]! + 1]!++;
  for (let v = 0; v < nodes; v++) offsets[v + 1]! += offsets[v]!;
  const fill = offsets.slice(0, nodes);
  const targets = new Int32Array(pairs.length / 2);
  for (let k = 0; k < pairs.length; k += 2) targets[fill[pairs[k]!]!++] = pairs[k + 1]!;
  return { offsets, targets };
}

/** Kahn's order over the nodes that exist and are not excluded. */
function topoOrder(g: Graph, exists: (v: number) => boolean, excluded: (v: number) => boolean): number[] {
  const n = g.offsets.length - 1;
  const indeg = new Int32Array(n);
  for (let v = 0; v < n; v++) {
    if (excluded(v)) continue;
    for (let e = g.offsets[v]!; e < g.offsets[v + 1]!; e++) if (!excluded(g.targets[e]!)) indeg[g.targets[e]!]!++;
  }
  const order: number[] = [];
  for (let v = 0; v < n; v++) if (exists(v) && !excluded(v) && indeg[v] === 0) order.push(v);
  for (let i = 0; i < order.length; i++) {
    const v = order[i]!;
    for (let e = g.offsets[v]!; e < g.offsets[v + 1]!; e++) {
      const w = g.targets[e]!;
      if (!excluded(w) && --indeg[w]! === 0) order.push(w);
    }
  }
  return order;
}

/** Strongly connected components with more than one node (Tarjan, iterative). */
function cycles(g: Graph): number[][] {
  const n = g.offsets.length - 1;
  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const stack: number[] = [];
  const out: number[][] = [];
  let next = 0;
  // The DFS stack: a node and the position of the next edge to follow.
  const dfsNode: number[] = [];
  const dfsEdge: number[] = [];
  for (let root = 0; root < n; root++) {
    if (index[root] !== -1 || g.offsets[root] === g.offsets[root + 1]) continue;
    dfsNode.push(root);
    dfsEdge.push(g.offsets[root]!);
    index[root] = low[root] = next++;
    stack.push(root);
    onStack[root] = 1;
    while (dfsNode.length) {
      const top = dfsNode.length - 1;
      const v = dfsNode[top]!;
      const e = dfsEdge[top]!;
      if (e < g.offsets[v + 1]!) {
        dfsEdge[top] = e + 1;
        const w = g.targets[e]!;
        if (index[w] === -1) {
          index[w] = low[w] = next++;
          stack.push(w);
          onStack[w] = 1;
          dfsNode.push(w);
          dfsEdge.push(g.offsets[w]!);
        } else if (onStack[w]) low[v] = Math.min(low[v]!, index[w]!);
        continue;
      }
      dfsNode.pop();
      dfsEdge.pop();
      if (dfsNode.length) {
        const parent = dfsNode[dfsNode.length - 1]!;
        low[parent] = Math.min(low[parent]!, low[v]!);
      }
      if (low[v] === index[v]) {
        const comp: number[] = [];
        let w: number;
        do {
          w = stack.pop()!;
          onStack[w] = 0;
          comp.push(w);
        } while (w !== v);
        if (comp.length > 1) out.push(comp);
      }
    }
  }
  return out;
}

/** A link between two leaves, with the phase links expanded (for the leveler). */
export interface LeafLink {
  from: number;
  type: LinkType;
  lag: Span;
}

/** The leaves under a task (the task itself when it is a leaf). */
export function leavesOf(plan: PlanModel, task: number, into: number[] = []): number[] {
  const t = plan.tasks[task]!;
  if (!t.summary) into.push(task);
  else for (const c of t.children) leavesOf(plan, c, into);
  return into;
}

/**
 * Every link that constrains a leaf, with phases expanded: its own links and those of
 * its phases, each from every leaf of the predecessor. Computed on demand because the
 * expansion can be large; cycle members are left out.
 */
export function leafPredecessors(net: Network, leaf: number): LeafLink[] {
  const out: LeafLink[] = [];
  for (let t: number | undefined = leaf; t !== undefined; t = net.plan.tasks[t]!.parent) {
    for (const l of net.preds[t]!) {
      for (const from of leavesOf(net.plan, l.from)) if (!net.unscheduled[from]) out.push({ from, type: l.type, lag: l.lag });
    }
  }
  return out;
}

/**
 * Where a leaf would start and finish if it could begin at `t`: the next working minute
 * of its working time (an elapsed task starts at once), then its length. For the leveler.
 */
export function placeAt(net: Network, leaf: number, t: Minutes): { start: Minutes; finish: Minutes } {
  const w = net.work[leaf]!;
  const len = net.length[leaf]!;
  if (net.elapsed[leaf]) return { start: t, finish: t + len };
  const start = nextWorking(w, t);
  return { start, finish: len === 0 ? start : addWorking(w, start, len) };
}
