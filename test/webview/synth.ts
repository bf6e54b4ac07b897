// A synthetic ScheduleJson of any size for speed tests and the benchmark: phases of ten
// chained tasks over working days, each booked on one of a few resources.
import type { BookingJson, ScheduleJson, TaskJson } from "../../core/json";

const DAY = 86_400_000;
const iso = (t: number) => new Date(t).toISOString().slice(0, 16);
/** Working days (Mon–Fri) after 2027-01-04, as UTC-naive milliseconds. */
function workday(n: number): number {
  const weeks = Math.floor(n / 5);
  return Date.UTC(2027, 0, 4) + (weeks * 7 + (n % 5)) * DAY;
}

export function synthSchedule(count: number, seed = 1): ScheduleJson {
  const tasks: TaskJson[] = [], bookings: BookingJson[] = [];
  const resources = ["dev1", "dev2", "dev3", "qa", "pm"];
  const src = { uri: "file:///synth.plan", line: 0, col: 0, endLine: 0, endCol: 1 };
  let day = 0, phase = 0;
  const base = (id: string, wbs: string, name: string, parent: string | null, from: number, to: number): TaskJson => ({
    id, wbs, name, parent, depth: parent ? 1 : 0, summary: false, milestone: false,
    start: iso(workday(from) + 8 * 3_600_000), finish: iso(workday(to) + 17 * 3_600_000),
    earlyStart: "", earlyFinish: "", lateStart: "", lateFinish: iso(workday(to + (from % 3)) + 17 * 3_600_000),
    durationHours: (to - from + 1) * 8, workHours: (to - from + 1) * 8, totalSlack: (from % 3) * 8, freeSlack: 0,
    critical: from % 3 === 0, done: (from * 37 + seed) % 100 < 30 ? 50 : 0, deadline: null, deadlineMissed: false,
    cost: 0, budget: null, actualCost: null, resources: [], predecessors: [], fixedCosts: [],
    driver: { kind: "projectStart", text: "at the project start" }, notes: [], unscheduled: false, source: src,
  });
  while (tasks.length < count) {
    phase++;
    const pid = `p${phase}`, first = day;
    const phaseTask = base(pid, String(phase), `Phase ${phase} of the synthetic plan`, null, first, first);
    phaseTask.summary = true;
    tasks.push(phaseTask);
    let prev: string | null = null;
    for (let i = 1; i <= 9 && tasks.length < count; i++) {
      const len = 1 + ((i * 7 + phase) % 4);
      const id = `${pid}.t${i}`, t = base(id, `${phase}.${i}`, `Task ${i} of phase ${phase}`, pid, day, day + len - 1);
      const res = resources[(i + phase) % resources.length];
      t.resources = [{ id: res, share: 100 }];
      if (prev) t.predecessors = [{ id: prev, type: i % 4 === 0 ? "SS" : "FS", lagHours: 0, elapsed: false }];
      for (let d = 0; d < len; d++) bookings.push({ resource: res, task: id, day: iso(workday(day + d)).slice(0, 10), hours: 8 });
      t.cost = len * 8 * 100;
      tasks.push(t);
      prev = id;
      day += i % 4 === 3 ? 0 : len;
    }
    phaseTask.finish = iso(workday(Math.max(first, day - 1)) + 17 * 3_600_000);
    phaseTask.lateFinish = phaseTask.finish;
    day = first + Math.max(1, Math.floor((day - first) / 3)); // phases overlap, so the span stays readable
  }
  const finish = tasks.reduce((m, t) => (t.finish > m ? t.finish : m), tasks[0].finish);
  return {
    project: {
      name: `Synthetic ${count}`, start: "2027-01-04", finish, currency: "EUR", budget: null, cost: 0, actualCost: null,
      statusDate: null, durationHours: 0, leveled: false, uri: src.uri,
    },
    calendar: { workdays: [0, 1, 2, 3, 4], hoursPerDay: 8, holidays: [] },
    tasks,
    resources: resources.map((id) => ({
      id, name: id, role: null, kind: "person", units: 1, rate: 100, per: "h", workHours: 0, cost: 0, capacity: { from: "2027-01-04", to: "2027-01-03", week: [0, 0, 0, 0, 0, 0, 0], off: [] }, source: src,
    })),
    bookings,
    risks: [],
    criticalPath: [],
  };
}
