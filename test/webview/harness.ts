// The set-up every panel test file shares: bundle the webview, serve the repository and
// launch Chromium once per file, close both afterwards. (Kept apart from browser.ts,
// which the benchmark also imports, because it registers vitest hooks.)
import type { Server } from "node:http";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { buildWebview, launch, openPanel, serve } from "./browser";

export function useHarness(): { open: (opts?: Parameters<typeof openPanel>[2]) => Promise<Page> } {
  let browser: Browser | undefined, server: Server | undefined, base = "";
  beforeAll(async () => {
    await buildWebview();
    ({ url: base, server } = await serve());
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
    server?.close();
  });
  return { open: (opts) => openPanel(browser!, base, opts) };
}
