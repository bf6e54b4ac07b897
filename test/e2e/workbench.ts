// Drives the VS Code workbench in Chromium the way a person does: keyboard shortcuts,
// Quick Open, the command palette, and reading what is on screen. Every wait is on a
// condition with a timeout.
import { chromium, type Browser, type FrameLocator, type Locator, type Page } from "playwright-core";
import { join } from "node:path";

export const CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

export class Workbench {
  private constructor(
    readonly browser: Browser,
    readonly page: Page,
    private readonly shotsDir: string,
  ) {}

  static async open(url: string, shotsDir: string): Promise<Workbench> {
    const browser = await chromium.launch({ executablePath: process.env.GANTRY_CHROMIUM ?? "/usr/bin/chromium", args: CHROMIUM_ARGS });
    const page = await browser.newPage({ viewport: { width: 1500, height: 900 } });
    await page.goto(url);
    await page.locator(".monaco-workbench").waitFor({ timeout: 60_000 });
    // The explorer shows the workspace once the file service is up.
    await page.locator(".explorer-folders-view .monaco-list-row").first().waitFor({ timeout: 60_000 });
    return new Workbench(browser, page, shotsDir);
  }

  async close(): Promise<void> {
    await this.browser.close();
  }

  async screenshot(name: string): Promise<string> {
    const path = join(this.shotsDir, `${name}.png`);
    await this.page.screenshot({ path });
    return path;
  }

  get keyboard() {
    return this.page.keyboard;
  }

  /** Ctrl+P, type the file name, pick it. */
  async quickOpen(fileName: string): Promise<void> {
    await this.keyboard.press("Control+P");
    const input = this.page.locator(".quick-input-widget .quick-input-box input");
    await input.waitFor();
    await input.fill(fileName);
    await this.page.locator(".quick-input-widget .monaco-list-row", { hasText: fileName }).first().waitFor();
    await this.keyboard.press("Enter");
    await this.page.locator(`.tab.active[data-resource-name="${fileName}"]`).waitFor();
    await this.editor.locator(".view-line").first().waitFor();
  }

  /** F1, type the command's title, run it. */
  async command(title: string): Promise<void> {
    await this.keyboard.press("F1");
    const input = this.page.locator(".quick-input-widget .quick-input-box input");
    await input.waitFor();
    await input.fill(`>${title}`);
    await this.page.locator(".quick-input-widget .monaco-list-row", { hasText: title }).first().waitFor();
    await this.keyboard.press("Enter");
    await this.page.locator(".quick-input-widget").waitFor({ state: "hidden" });
  }

  /** The editor of the active group. */
  get editor(): Locator {
    return this.page.locator(".editor-group-container.active .monaco-editor").first();
  }

  async focusEditor(): Promise<void> {
    await this.editor.locator(".view-lines").click({ position: { x: 5, y: 5 } });
  }

  /** Ctrl+G to a one-based line and column. */
  async goTo(line: number, column = 1): Promise<void> {
    await this.keyboard.press("Control+G");
    const input = this.page.locator(".quick-input-widget .quick-input-box input");
    await input.waitFor();
    await input.fill(`:${line}:${column}`);
    await this.keyboard.press("Enter");
    await this.page.locator(".quick-input-widget").waitFor({ state: "hidden" });
    await this.cursorAt(line, column);
  }

  /** Waits until the status bar shows the cursor at this one-based line and column. */
  async cursorAt(line: number, column?: number, timeout = 10_000): Promise<void> {
    const text = column === undefined ? new RegExp(`Ln ${line}, Col \\d+`) : new RegExp(`Ln ${line}, Col ${column}\\b`);
    await this.page.locator("#status\\.editor\\.selection").filter({ hasText: text }).waitFor({ timeout });
  }

  /** The one-based cursor line the status bar shows. */
  async cursorLine(): Promise<number> {
    const text = await this.page.locator("#status\\.editor\\.selection").innerText();
    return Number(/Ln (\d+)/.exec(text)?.[1]);
  }

  /** Types text as keystrokes, with Escape first so no open suggestion list takes a key. */
  async type(text: string): Promise<void> {
    await this.keyboard.press("Escape");
    await this.keyboard.type(text, { delay: 15 });
  }

  async save(): Promise<void> {
    await this.keyboard.press("Control+S");
    await this.page.locator(".tab.active.dirty").waitFor({ state: "detached" });
  }

  /** Visible text spans of the editor with their computed colours (Monaco draws spaces as no-break spaces). */
  tokens(): Promise<{ text: string; color: string }[]> {
    return this.editor.locator(".view-lines").evaluate((root) =>
      [...root.querySelectorAll(".view-line span span")].map((s) => ({ text: (s.textContent ?? "").replace(/\u00a0/g, " "), color: getComputedStyle(s).color })),
    );
  }

  /** The schedule panel's content (a webview is an outer host frame around the content frame). */
  get webview(): FrameLocator {
    return this.page.frameLocator("iframe.webview.ready").frameLocator("iframe#active-frame");
  }
}

/** Polls `read` until `accept` holds, up to `timeout` ms; returns the last value. */
export async function until<T>(read: () => Promise<T>, accept: (value: T) => boolean, timeout = 15_000, what = "condition"): Promise<T> {
  const deadline = Date.now() + timeout;
  let value = await read();
  while (!accept(value)) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeout} ms waiting for ${what}; last value: ${JSON.stringify(value)?.slice(0, 500)}`);
    await new Promise((r) => setTimeout(r, 100)); // polling interval of a bounded wait
    value = await read();
  }
  return value;
}
