// Schedule panel benchmark in headless Chromium: first paint of a 10k-task plan, panning
// frame rate on it, and the repaint after a one-keystroke update of a 1k-task plan.
// Prints a table against the goals; never fails.
//
//   node scripts/run-ts.mjs bench/webview.ts

import type { Page } from "playwright-core";
import type { ScheduleJson } from "../core/json";
import { buildWebview, launch, openPanel, sendSchedule, serve } from "../test/webview/browser";
import { synthSchedule } from "../test/webview/synth";

declare global {
  interface Window { benchMsg?: unknown }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * Delivers a stored schedule as a message event without a structured clone (the panel's
 * work alone: from delivery to the frame after it is drawn), and times the clone that a
 * real postMessage adds apart.
 */
function timedPost(page: Page, version: number): Promise<{ draw: number; transfer: number }> {
  return page.evaluate((v) => new Promise<{ draw: number; transfer: number }>((done) => {
    const msg = { ...(window.benchMsg as object), version: v };
    const c0 = performance.now();
    structuredClone(msg);
    const transfer = performance.now() - c0;
    const t0 = performance.now();
    window.dispatchEvent(new MessageEvent("message", { data: msg }));
    const poll = () => {
      if (document.body.dataset.version === String(v)) requestAnimationFrame(() => done({ draw: performance.now() - t0, transfer }));
      else requestAnimationFrame(poll);
    };
    poll();
  }), version);
}

async function store(page: Page, data: ScheduleJson): Promise<void> {
  await page.evaluate((d) => {
    window.benchMsg = { type: "schedule", uri: "file:///bench.plan", version: 0, stale: false, errorCount: 0, today: "2027-02-01", data: d };
  }, data);
}

/** Scrolls diagonally for `ms`, one step per frame; frames per second and the slowest frame. */
function pan(page: Page, ms: number): Promise<{ fps: number; worst: number }> {
  return page.evaluate((dur) => new Promise<{ fps: number; worst: number }>((done) => {
    const sc = document.querySelector(".gantt-scroll")!;
    const start = performance.now();
    let last = start, frames = 0, worst = 0;
    const step = (now: number) => {
      worst = Math.max(worst, now - last);
      last = now;
      frames++;
      sc.scrollTop += 37;
      sc.scrollLeft += 23;
      if (now - start < dur) requestAnimationFrame(step);
      else done({ fps: (frames * 1000) / (now - start), worst });
    };
    requestAnimationFrame(step);
  }), ms);
}

async function main(): Promise<void> {
  await buildWebview();
  const { url, server } = await serve();
  const browser = await launch();
  const rows: [string, string, string][] = [];
  try {
    const big = synthSchedule(10_000);
    const firsts: { draw: number; transfer: number }[] = [];
    let panned = { fps: 0, worst: 0 };
    for (let run = 0; run < 5; run++) {
      const page = await openPanel(browser, url, { width: 1600, height: 900 });
      await store(page, big);
      firsts.push(await timedPost(page, 1));
      if (run === 0) panned = await pan(page, 3000);
      await page.context().close();
    }
    rows.push(["first paint, 10k tasks", `${median(firsts.map((f) => f.draw)).toFixed(0)} ms`, "≤ 500 ms"]);
    rows.push(["  (+ message clone, 10k)", `${median(firsts.map((f) => f.transfer)).toFixed(0)} ms`, "—"]);
    rows.push(["pan, 10k tasks", `${panned.fps.toFixed(0)} fps (slowest frame ${panned.worst.toFixed(0)} ms)`, "≥ 30 fps"]);

    const page = await openPanel(browser, url, { width: 1600, height: 900 });
    const mid = synthSchedule(1_000);
    await sendSchedule(page, mid);
    const updates: { draw: number; transfer: number }[] = [];
    for (let i = 0; i < 15; i++) {
      // One keystroke: a task name and a duration change.
      const edited = { ...mid, tasks: mid.tasks.map((t, j) => (j === 42 ? { ...t, name: `${t.name} ${"x".repeat(i)}`, finish: i % 2 ? t.finish : t.start } : t)) };
      await store(page, edited);
      updates.push(await timedPost(page, 100 + i));
    }
    rows.push(["update after a keystroke, 1k tasks", `${median(updates.map((u) => u.draw)).toFixed(1)} ms`, "≤ 50 ms"]);
    rows.push(["  (+ message clone, 1k)", `${median(updates.map((u) => u.transfer)).toFixed(1)} ms`, "—"]);
    const t0 = Date.now();
    await page.evaluate(() => window.postMessage({ type: "export", format: "svg" }, "*"));
    await page.waitForFunction(() => window.gantryPosted!.some((m) => m.type === "exported"), undefined, { timeout: 60_000 });
    rows.push(["export SVG, 1k tasks", `${Date.now() - t0} ms`, "—"]);
    await page.context().close();
  } finally {
    await browser.close();
    server.close();
  }
  const w = [0, 1, 2].map((i) => Math.max(...rows.map((r) => r[i].length), ["measure", "result", "goal"][i].length));
  const line = (r: string[]) => r.map((c, i) => c.padEnd(w[i])).join("  ");
  console.log(line(["measure", "result", "goal"]));
  console.log(line(w.map((n) => "-".repeat(n))));
  for (const r of rows) console.log(line(r));
}

await main();
