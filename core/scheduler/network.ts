// The precedence network of a plan, built once per PlanModel and shared by the scheduler
// passes and the leveler: links, a topological order, cycle members, and per leaf task
// its working time and length. Everything per task or per link is a flat typed array, so
// the passes read numbers instead of chasing objects.
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
import { groupByKey, lastDescendants } from "../group";

/** Link types as small integers: bit 0 = measured from the predecessor's start, bit 1 = to the successor's finish. */
export const FROM_START = 1;
export const TO_FINISH = 2;
const LINK_CODES: Record<LinkType, number> = { FS: 0, SS: FROM_START, FF: TO_FINISH, SF: FROM_START | TO_FINISH };

export function linkCode(type: LinkType): number {
  return LINK_CODES[type];
}

/**
 * The links of the plan, numbered by successor in the order written: the links into task
 * i (written on it, not on its ancestors) are predOff[i] .. predOff[i+1]-1.
 */
export interface Links {
  /** Predecessor task (a leaf or a summary). */
  from: Int32Array;
  /** Successor task (a leaf or a summary). */
  to: Int32Array;
  /** FROM_START / TO_FINISH bits of the link type. */
  code: Uint8Array;
  /** Lag in minutes (negative for a lead); clock minutes when `elapsed`, else working minutes. */
  lag: Float64Array;
  elapsed: Uint8Array;
  /** The dependency each link was written as (its type and lag objects go into drivers). */
  dep: DependencyModel[];
  predOff: Int32Array;
  /** Links out of each task (a phase's links are on the phase): succ[succOff[i] .. succOff[i+1]-1]. */
  succOff: Int32Array;
  succ: Int32Array;
}

/** Bits of `Network.flags`. */
export const SUMMARY = 1;
/** Started or finished: its dates come from the actuals. */
export const ACTUAL = 2;
/** Has a `start on` constraint (with or without a day). */
export const START_ON = 4;
/** A leaf to place as late as possible. */
export const ALAP = 8;
/** Has a deadline, a constraint or a budget: the diagnostics read the task. */
export const CHECKED = 16;

/**
 * What the passes read of a plan, in flat arrays indexed by task: a task object is a cache
 * miss away, and the passes visit every task several times.
 */
export interface Network {
  plan: PlanModel;
  /** Per task: its parent, or -1. */
  parent: Int32Array;
  flags: Uint8Array;
  /** Children of task i: child[childOff[i] .. childOff[i+1]-1], in outline order. */
  childOff: Int32Array;
  child: Int32Array;
  /** The latest `start no earlier than` day of the task and its phases; -Infinity when none. */
  notBefore: Float64Array;
  /** The task's own `start on` day; NaN when none. */
  startOn: Float64Array;
  /** The earliest `finish no later than` day of the task and its phases; Infinity when none. */
  finishBy: Float64Array;
  /** Assignments of task i: asgOff[i] .. asgOff[i+1]-1 into asgResource / asgShare. */
  asgOff: Int32Array;
  asgResource: Int32Array;
  asgShare: Float64Array;
  /** Per leaf given by effort: the total work in minutes; NaN for other leaves. */
  effort: Float64Array;
  /** Per task: its fixed costs, summed (cents). */
  fixedCost: Float64Array;
  /** Per task: its progress, 1 once finished. */
  done: Float64Array;
  links: Links;
  /** Node ids (see above) in topological order; cycle members left out. */
  order: Int32Array;
  /** Tasks that sit in a dependency cycle (and summaries left without a scheduled task): 1. */
  unscheduled: Uint8Array;
  /** Per leaf: the working time it runs on (intersection of its resources' calendars). */
  work: WorkTime[];
  /** Per leaf: its length in working minutes of `work`, or in clock minutes when `elapsed` is 1. */
  length: Float64Array;
  elapsed: Uint8Array;
  /** The project calendar: slack, overruns and summaries are measured on it. */
  projectWork: WorkTime;
  /** The leaves under each task in outline order: leaves[leafOff[i] .. leafEnd[i]-1]. */
  leaves: Int32Array;
  leafOff: Int32Array;
  leafEnd: Int32Array;
}

/** Calendars that never overlap leave no working time: fall back rather than never finish. */
function nonEmpty(w: WorkTime, fallback: WorkTime): WorkTime {
  return isEmpty(w) ? fallback : w;
}

/** The working time of a task: its calendar (or the project's) ∩ every assigned resource's. */
function taskWork(t: TaskModel, project: WorkTime, resWork: readonly WorkTime[]): WorkTime {
  if (t.assignments.length === 0) return t.calendar ? workTime(t.calendar) : project;
  // Resources on the same calendar without leave share one WorkTime: fold distinct ones
  // only, in order (the order decides which day off an explanation names first).
  const own = t.calendar ? workTime(t.calendar) : undefined;
  let w = own;
  for (let k = 0; k < t.assignments.length; k++) {
    const p = resWork[t.assignments[k]!.resource]!;
    if (p === own || foundBefore(t, k, p, resWork)) continue;
    w = w ? intersectCached(w, p) : p;
  }
  return nonEmpty(w!, project);
}

/** True when an assignment before the k-th runs on `w` too. */
function foundBefore(t: TaskModel, k: number, w: WorkTime, resWork: readonly WorkTime[]): boolean {
  for (let i = 0; i < k; i++) if (resWork[t.assignments[i]!.resource] === w) return true;
  return false;
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
function taskLength(t: TaskModel, shares: number): number {
  if (t.milestone || t.lengthKind === "none") return 0;
  if (t.lengthKind === "effort") return shares > 0 ? Math.round(t.span.minutes / shares) : t.span.minutes;
  return t.span.minutes;
}

const cache = new WeakMap<PlanModel, Network>();

/** The network of a plan, built once and shared (the leveler calls this too). */
export function networkFor(plan: PlanModel): Network {
  let net = cache.get(plan);
  if (!net) cache.set(plan, (net = buildNetwork(plan)));
  return net;
}

export function buildNetwork(plan: PlanModel): Network {
  const n = plan.tasks.length;
  const { facts, written } = readTasks(plan);
  inheritConstraints(facts);
  const links = buildLinks(n, lastDescendants(plan.tasks), written);
  const graph = precedence(n, facts, links);
  const unscheduled = new Uint8Array(n);
  let order = topoOrder(graph, facts.flags);
  if (order.length < graph.nodes) {
    // A cycle: its members are left out, and what follows them is ordered without them.
    for (const comp of cycles(graph)) for (const v of comp) unscheduled[v % n] = 1;
    order = topoOrder(graph, facts.flags, unscheduled);
  }
  return network({ ...facts, links, order, unscheduled, projectWork: workTime(plan.project.calendar), ...leafRanges(facts) }, plan);
}

/**
 * Every network (and its links) is made by one object literal, with one shape: the passes
 * read them in hot loops, and a network of another shape (one spread from another) makes
 * those reads polymorphic and slower. `plan` is undefined only in a `Detached` one.
 */
function network(n: Detached, plan: PlanModel | undefined): Network {
  const { links: l } = n;
  return {
    plan: plan!, parent: n.parent, flags: n.flags, childOff: n.childOff, child: n.child,
    notBefore: n.notBefore, startOn: n.startOn, finishBy: n.finishBy,
    asgOff: n.asgOff, asgResource: n.asgResource, asgShare: n.asgShare,
    effort: n.effort, fixedCost: n.fixedCost, done: n.done,
    links: {
      from: l.from, to: l.to, code: l.code, lag: l.lag, elapsed: l.elapsed, dep: l.dep,
      predOff: l.predOff, succOff: l.succOff, succ: l.succ,
    },
    order: n.order, unscheduled: n.unscheduled, work: n.work, length: n.length, elapsed: n.elapsed,
    projectWork: n.projectWork, leaves: n.leaves, leafOff: n.leafOff, leafEnd: n.leafEnd,
  };
}

/** A network without the plan it was built from, which it does not keep alive. */
export type Detached = Omit<Network, "plan">;

export const detach = (net: Network): Detached => network(net, undefined);

/** The network again, of a plan that differs from its own only in what it does not read (names, notes, ranges). */
export const withPlan = (net: Detached, plan: PlanModel): Network => network(net, plan);

type TaskFacts = Omit<Network, "plan" | "links" | "order" | "unscheduled" | "projectWork" | "leaves" | "leafOff" | "leafEnd">;

/** The dependencies as written, before links inside a branch are left out. */
interface Written {
  dep: DependencyModel[];
  from: Int32Array;
  to: Int32Array;
  code: Uint8Array;
  lag: Float64Array;
  elapsed: Uint8Array;
}

/** Reads every task once, into the network's flat arrays, and its dependencies as written. */
function readTasks(plan: PlanModel): { facts: TaskFacts; written: Written } {
  const n = plan.tasks.length;
  // Counted first, so that the lists are made at their lengths (arrays grown by push make
  // several times as much garbage, at every edit that builds the network again).
  let children = 0;
  let assignments = 0;
  let links = 0;
  for (let i = 0; i < n; i++) {
    const t = plan.tasks[i]!;
    children += t.children.length;
    assignments += t.assignments.length;
    links += t.deps.length;
  }
  const f: TaskFacts = {
    parent: new Int32Array(n), flags: new Uint8Array(n), childOff: new Int32Array(n + 1), child: new Int32Array(children),
    notBefore: new Float64Array(n).fill(-Infinity), startOn: new Float64Array(n).fill(NaN), finishBy: new Float64Array(n).fill(Infinity),
    asgOff: new Int32Array(n + 1), asgResource: new Int32Array(assignments), asgShare: new Float64Array(assignments),
    effort: new Float64Array(n), fixedCost: new Float64Array(n), done: new Float64Array(n),
    work: new Array<WorkTime>(n), length: new Float64Array(n), elapsed: new Uint8Array(n),
  };
  const projectWork = workTime(plan.project.calendar);
  const resWork = plan.resources.map((r) => workTime(r.calendar, r.off, r.index));
  const written: Written = {
    dep: new Array<DependencyModel>(links), from: new Int32Array(links), to: new Int32Array(links),
    code: new Uint8Array(links), lag: new Float64Array(links), elapsed: new Uint8Array(links),
  };
  let c = 0;
  let a = 0;
  let l = 0;
  // Indexed loops: the model's arrays are frozen, and iterating a frozen array allocates.
  for (let i = 0; i < n; i++) {
    const t = plan.tasks[i]!;
    f.parent[i] = t.parent ?? -1;
    for (let k = 0; k < t.children.length; k++) f.child[c++] = t.children[k]!;
    f.childOff[i + 1] = c;
    for (let k = 0; k < t.assignments.length; k++, a++) {
      f.asgResource[a] = t.assignments[k]!.resource;
      f.asgShare[a] = t.assignments[k]!.share;
    }
    f.asgOff[i + 1] = a;
    for (let k = 0; k < t.deps.length; k++, l++) {
      const dep = t.deps[k]!;
      written.dep[l] = dep;
      written.from[l] = dep.from;
      written.to[l] = i;
      written.code[l] = LINK_CODES[dep.type];
      written.lag[l] = dep.lag.minutes;
      written.elapsed[l] = dep.lag.elapsed ? 1 : 0;
    }
    f.flags[i] = readConstraints(t, f);
    for (let k = 0; k < t.fixedCosts.length; k++) f.fixedCost[i] += t.fixedCosts[k]!.cents;
    f.done[i] = t.finished !== undefined ? 1 : t.done;
    f.work[i] = t.summary ? projectWork : taskWork(t, projectWork, resWork);
    readLength(t, f);
  }
  return { facts: f, written };
}

/** What a task's length as written decides, into `f`: its length, whether it is clock time, its effort. */
function readLength(t: TaskModel, f: Pick<Network, "length" | "elapsed" | "effort">): void {
  const i = t.index;
  let shares = 0;
  for (let k = 0; k < t.assignments.length; k++) shares += t.assignments[k]!.share;
  f.length[i] = taskLength(t, shares);
  f.elapsed[i] = t.lengthKind !== "none" && !t.milestone && t.span.elapsed ? 1 : 0;
  f.effort[i] = t.lengthKind === "effort" && !t.milestone && !t.summary ? t.span.minutes : NaN;
}

/**
 * The network of `plan` made from that of `previous`, when the tasks at `changed` differ
 * from the previous plan's at most in their length as written and in what no pass reads
 * (names, notes, nodes): the links, the order, the calendars and the constraints are the
 * same, so only those tasks' lengths are read again (a keystroke in a duration). It is
 * the network `buildNetwork(plan)` makes, and `networkFor(plan)` answers it from now on.
 * Nothing is made when the previous plan was never scheduled.
 */
export function reuseNetwork(previous: PlanModel, plan: PlanModel, changed: readonly number[]): void {
  const prev = cache.get(previous);
  if (!prev) return;
  const f = { length: prev.length.slice(), elapsed: prev.elapsed.slice(), effort: prev.effort.slice() };
  // The links written on a changed task point at its new dependency models (equal to the old ones).
  const dep = prev.links.dep.slice();
  for (const i of changed) {
    const t = plan.tasks[i]!;
    readLength(t, f);
    // The network kept some of the old model's links: each becomes the one at its place in the new list.
    const old = previous.tasks[i]!.deps;
    for (let l = prev.links.predOff[i]!; l < prev.links.predOff[i + 1]!; l++) dep[l] = t.deps[old.indexOf(dep[l]!)]!;
  }
  cache.set(plan, network({ ...prev, ...f, links: { ...prev.links, dep } }, plan));
}

/** A task's own constraints into `f`; returns its flags. */
function readConstraints(t: TaskModel, f: TaskFacts): number {
  const i = t.index;
  let flags = t.summary ? SUMMARY : 0;
  if (t.started !== undefined || t.finished !== undefined) flags |= ACTUAL;
  if (t.deadline !== undefined || t.constraints.length > 0 || t.budget !== undefined) flags |= CHECKED;
  for (let k = 0; k < t.constraints.length; k++) {
    const c = t.constraints[k]!;
    if (c.kind === "startOn") flags |= START_ON;
    if (c.kind === "asLateAsPossible" && !t.summary) flags |= ALAP;
    if (c.day === undefined) continue;
    if (c.kind === "startOn") f.startOn[i] = c.day;
    if (c.kind === "startNoEarlierThan") f.notBefore[i] = Math.max(f.notBefore[i]!, c.day);
    if (c.kind === "finishNoLaterThan") f.finishBy[i] = Math.min(f.finishBy[i]!, c.day);
  }
  return flags;
}

/** Constraints on a phase bind every task inside it: each task takes its ancestors' `notBefore` and `finishBy`. */
function inheritConstraints(f: TaskFacts): void {
  // In pre-order a parent comes before its children, so it already holds its ancestors' bounds.
  for (let i = 0; i < f.parent.length; i++) {
    const a = f.parent[i]!;
    if (a < 0) continue;
    f.notBefore[i] = Math.max(f.notBefore[i]!, f.notBefore[a]!);
    f.finishBy[i] = Math.min(f.finishBy[i]!, f.finishBy[a]!);
  }
}

/**
 * Whether a link from `pred` to `i` stays inside one branch of the outline (or names no
 * task): the validator reports it (GANTRY311) and the network leaves it out. `last`: each
 * task's last descendant (`lastDescendants`).
 */
function insideBranch(last: Int32Array, pred: number, i: number): boolean {
  return pred === i || pred < 0 || pred >= last.length || (pred < i && i <= last[pred]!) || (i < pred && pred <= last[i]!);
}

/** The links of the plan in compressed rows (see `Links`). */
function buildLinks(n: number, last: Int32Array, written: Written): Links {
  const kept = new Int32Array(written.dep.length);
  let m = 0;
  const predOff = new Int32Array(n + 1);
  for (let k = 0; k < written.dep.length; k++) {
    const pred = written.from[k]!;
    const i = written.to[k]!;
    if (insideBranch(last, pred, i)) continue;
    kept[m++] = k;
    predOff[i + 1]!++;
  }
  for (let i = 0; i < n; i++) predOff[i + 1]! += predOff[i]!;
  const from = new Int32Array(m);
  const rows = { to: new Int32Array(m), code: new Uint8Array(m), lag: new Float64Array(m), elapsed: new Uint8Array(m), dep: new Array<DependencyModel>(m) };
  for (let l = 0; l < m; l++) {
    const k = kept[l]!;
    from[l] = written.from[k]!;
    rows.to[l] = written.to[k]!;
    rows.code[l] = written.code[k]!;
    rows.lag[l] = written.lag[k]!;
    rows.elapsed[l] = written.elapsed[k]!;
    rows.dep[l] = written.dep[k]!;
  }
  // Out-links in link order, so each task's are in the order they were written.
  const out = groupByKey(from, n);
  return { from, ...rows, predOff, succOff: out.start, succ: out.items };
}

/** Each task's leaves in outline order, as a range of one depth-first list. */
function leafRanges(f: TaskFacts): { leaves: Int32Array; leafOff: Int32Array; leafEnd: Int32Array } {
  const n = f.parent.length;
  const leaves = new Int32Array(n);
  const leafOff = new Int32Array(n);
  const leafEnd = new Int32Array(n);
  let count = 0;
  const stack: number[] = [];
  // Depth first with an explicit stack: a summary is pushed again, as ~index, to close its range.
  for (let root = n - 1; root >= 0; root--) if (f.parent[root]! < 0) stack.push(root);
  while (stack.length) {
    const v = stack.pop()!;
    if (v < 0) {
      leafEnd[~v] = count;
      continue;
    }
    leafOff[v] = count;
    if (!(f.flags[v]! & SUMMARY)) {
      leaves[count++] = v;
      leafEnd[v] = count;
      continue;
    }
    stack.push(~v);
    for (let k = f.childOff[v + 1]! - 1; k >= f.childOff[v]!; k--) stack.push(f.child[k]!);
  }
  return { leaves: leaves.subarray(0, count), leafOff, leafEnd };
}

/** A graph in compressed rows: the successors of v are targets[offsets[v] .. offsets[v+1]); `nodes` of them exist. */
interface Graph {
  offsets: Int32Array;
  targets: Int32Array;
  nodes: number;
}

/** The precedence graph over nodes (see above): the links, and each summary's in → children → out. */
function precedence(n: number, f: TaskFacts, links: Links): Graph {
  const inNode = (i: number) => (f.flags[i]! & SUMMARY ? n + i : i);
  const edges = new Int32Array(2 * (links.from.length + 2 * f.child.length)); // pairs: from node, to node
  let e = 0;
  const edge = (from: number, to: number) => {
    edges[e++] = from;
    edges[e++] = to;
  };
  let summaries = 0;
  for (let i = 0; i < n; i++) {
    for (let k = links.predOff[i]!; k < links.predOff[i + 1]!; k++) edge(links.from[k]!, inNode(i));
    if (!(f.flags[i]! & SUMMARY)) continue;
    summaries++;
    for (let k = f.childOff[i]!; k < f.childOff[i + 1]!; k++) edge(n + i, inNode(f.child[k]!)), edge(f.child[k]!, i);
  }
  return { ...csr(2 * n, edges), nodes: n + summaries };
}

function csr(nodes: number, pairs: Int32Array): { offsets: Int32Array; targets: Int32Array } {
  const offsets = new Int32Array(nodes + 1);
  for (let k = 0; k < pairs.length; k += 2) offsets[pairs[k]! + 1]!++;
  for (let v = 0; v < nodes; v++) offsets[v + 1]! += offsets[v]!;
  const fill = offsets.slice(0, nodes);
  const targets = new Int32Array(pairs.length / 2);
  for (let k = 0; k < pairs.length; k += 2) targets[fill[pairs[k]!]!++] = pairs[k + 1]!;
  return { offsets, targets };
}

/** Kahn's order over the nodes that exist (every task, the in nodes of summaries), leaving out unscheduled tasks. */
function topoOrder(g: Graph, flags: Uint8Array, unscheduled?: Uint8Array): Int32Array {
  const n = flags.length;
  const nodes = 2 * n;
  const left = (v: number) => unscheduled !== undefined && unscheduled[v % n] === 1;
  const indeg = new Int32Array(nodes);
  for (let v = 0; v < nodes; v++) {
    if (left(v)) continue;
    for (let e = g.offsets[v]!; e < g.offsets[v + 1]!; e++) if (!left(g.targets[e]!)) indeg[g.targets[e]!]!++;
  }
  const order = new Int32Array(nodes);
  let size = 0;
  for (let v = 0; v < nodes; v++) if ((v < n || flags[v - n]! & SUMMARY) && !left(v) && indeg[v] === 0) order[size++] = v;
  for (let i = 0; i < size; i++) {
    const v = order[i]!;
    for (let e = g.offsets[v]!; e < g.offsets[v + 1]!; e++) {
      const w = g.targets[e]!;
      if (!left(w) && --indeg[w]! === 0) order[size++] = w;
    }
  }
  return order.slice(0, size);
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
export function leavesOf(net: Network, task: number): Int32Array {
  return net.leaves.subarray(net.leafOff[task]!, net.leafEnd[task]!);
}

/**
 * Every link that constrains a leaf, with phases expanded: its own links and those of
 * its phases, each from every leaf of the predecessor, appended as pairs (the leaf it
 * comes from, the link) to `from` and `link`. Computed on demand because the expansion
 * can be large; cycle members are left out.
 */
export function leafPredecessorLinks(net: Network, leaf: number, from: number[], link: number[]): void {
  const { links } = net;
  for (let t = leaf; t >= 0; t = net.parent[t]!) {
    for (let k = links.predOff[t]!; k < links.predOff[t + 1]!; k++) {
      for (let e = net.leafOff[links.from[k]!]!; e < net.leafEnd[links.from[k]!]!; e++) {
        if (!net.unscheduled[net.leaves[e]!]) from.push(net.leaves[e]!), link.push(k);
      }
    }
  }
}

/** `leafPredecessorLinks` as objects. */
export function leafPredecessors(net: Network, leaf: number): LeafLink[] {
  const from: number[] = [];
  const link: number[] = [];
  leafPredecessorLinks(net, leaf, from, link);
  return from.map((f, k) => ({ from: f, type: net.links.dep[link[k]!]!.type, lag: net.links.dep[link[k]!]!.lag }));
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
