// The panel's fetches: one at a time, and the last request always answered by a run that
// started after it.
import { describe, expect, it } from "vitest";
import { coalesce } from "../../client/coalesce";

/** A task whose runs end when the test says, recording when each started. */
function controlled() {
  const started: number[] = [];
  const finish: (() => void)[] = [];
  let clock = 0;
  const task = () => {
    started.push(clock);
    return new Promise<void>((resolve) => finish.push(resolve));
  };
  return { task, started, finish, tick: () => clock++ };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe("coalesce", () => {
  it("runs at once when idle, and once more after the run under way however often it is asked", async () => {
    const c = controlled();
    const run = coalesce(c.task);
    const first = run();
    c.tick();
    const asked = [run(), run(), run()];
    expect(c.started).toEqual([0]); // one run at a time
    c.finish.shift()!();
    await settle();
    expect(c.started).toEqual([0, 1]); // one more, started after the requests
    c.finish.shift()!();
    await Promise.all([first, ...asked]);
    expect(c.started).toEqual([0, 1]);
    // Idle again: the next request runs at once.
    c.tick();
    const later = run();
    expect(c.started).toEqual([0, 1, 2]);
    c.finish.shift()!();
    await later;
  });

  it("goes on after a run that fails", async () => {
    let calls = 0;
    const run = coalesce(async () => {
      calls++;
      if (calls === 1) throw new Error("no server");
    });
    await run();
    await run();
    expect(calls).toBe(2);
  });
});
