// Test and benchmark plumbing for the panel: bundle webview/ like scripts/build.mjs does,
// serve the repository on 127.0.0.1, and drive the harness page in headless Chromium.
import { build } from "esbuild";
import { copyFileSync, mkdirSync, readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { extname, join, normalize } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import type { ScheduleJson } from "../../core/json";
import type { HostMessage, WebviewMessage } from "../../webview/protocol";

/** The repository root: tests and benchmarks run from there. */
export const ROOT = process.cwd();

export async function buildWebview(): Promise<void> {
  mkdirSync(join(ROOT, "dist"), { recursive: true });
  await build({
    absWorkingDir: ROOT, bundle: true, sourcemap: true, logLevel: "warning", legalComments: "none",
    platform: "browser", target: "es2022", format: "iife", entryPoints: ["webview/main.ts"], outfile: "dist/webview.js",
  });
  copyFileSync(join(ROOT, "webview/style.css"), join(ROOT, "dist/webview.css"));
}

const TYPES: Record<string, string> = { ".html": "text/html", ".js": "text/javascript", ".css": "text/css", ".json": "application/json", ".map": "application/json" };

/** Serves the repository read-only; resolves to the base URL. */
export function serve(): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname));
    try {
      const body = readFileSync(join(ROOT, path));
      res.writeHead(200, { "content-type": TYPES[extname(path)] ?? "application/octet-stream" });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => {
    const addr = server.address();
    resolve({ url: `http://127.0.0.1:${typeof addr === "object" && addr ? addr.port : 0}`, server });
  }));
}

export function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
}

export type Theme = "vscode-light" | "vscode-dark" | "vscode-high-contrast";

export async function openPanel(browser: Browser, base: string, opts: { width?: number; height?: number; scale?: number } = {}): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: opts.width ?? 1400, height: opts.height ?? 800 },
    deviceScaleFactor: opts.scale ?? 1,
    timezoneId: "UTC",
  });
  const page = await context.newPage();
  const errors: Error[] = [];
  pageErrors.set(page, errors);
  page.on("pageerror", (e) => errors.push(e));
  await page.goto(`${base}/test/webview/harness.html`);
  await page.waitForFunction(() => Array.isArray(window.gantryPosted));
  return page;
}

/** Uncaught errors in a page opened by openPanel. */
export const pageErrors = new WeakMap<Page, Error[]>();

export function fixture(name: string): ScheduleJson {
  return JSON.parse(readFileSync(join(ROOT, "test", "webview", "fixtures", name), "utf8")) as ScheduleJson;
}

export async function post(page: Page, msg: HostMessage): Promise<void> {
  await page.evaluate((m) => window.postMessage(m, "*"), msg);
}

let version = 0;
/** Posts a schedule and waits until the panel has taken it. */
export async function sendSchedule(page: Page, data: ScheduleJson, extra: Partial<{ stale: boolean; errorCount: number; today: string }> = {}): Promise<void> {
  const v = ++version;
  await post(page, { type: "schedule", uri: data.project.uri, version: v, stale: false, errorCount: 0, today: "2027-01-06", data, ...extra });
  await page.waitForFunction((n) => document.body.dataset.version === String(n), v, { timeout: 10_000 });
}

export const posted = (page: Page) => page.evaluate(() => window.gantryPosted ?? []) as Promise<WebviewMessage[]>;

export async function setTheme(page: Page, theme: Theme): Promise<void> {
  await page.evaluate((t) => { document.body.className = t; }, theme);
}
