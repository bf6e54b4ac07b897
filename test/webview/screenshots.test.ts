// Screenshots of every tab in the light, dark and high-contrast themes, at 100 % and at
// 200 % zoom, saved under test-output/webview/ for people to look at. The assertions
// check what a screenshot cannot: the theme colours reach the chart.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, expect, test } from "vitest";
import { ROOT, fixture, pageErrors, sendSchedule, setTheme, type Theme } from "./browser";
import { useHarness } from "./harness";

const OUT = join(ROOT, "test-output", "webview");
const harness = useHarness();
beforeAll(() => {
  mkdirSync(OUT, { recursive: true });
});

const THEMES: [Theme, string, string][] = [
  // theme, --vscode-charts-red, --vscode-editor-background (as the harness sets them)
  ["vscode-light", "rgb(229, 20, 0)", "rgb(255, 255, 255)"],
  ["vscode-dark", "rgb(241, 76, 76)", "rgb(31, 31, 31)"],
  ["vscode-high-contrast", "rgb(244, 135, 113)", "rgb(0, 0, 0)"],
];
const ZOOMS: [string, { width: number; height: number; scale: number }][] = [
  ["100", { width: 1400, height: 800, scale: 1 }],
  ["200", { width: 700, height: 450, scale: 2 }], // what 200 % zoom does to CSS pixels
];

test.each(THEMES)("every tab in %s", async (theme, critical, background) => {
  for (const [zoom, size] of ZOOMS) {
    const page = await harness.open(size);
    await setTheme(page, theme);
    await sendSchedule(page, fixture("small.json"));
    expect(await page.$eval(".bar.critical.leaf", (e) => getComputedStyle(e).fill)).toBe(critical);
    expect(await page.$eval("body", (e) => getComputedStyle(e).backgroundColor)).toBe(background);
    await page.screenshot({ path: join(OUT, `gantt-${theme}-${zoom}.png`) });
    await page.hover('.gantt-view .bar[data-id="build.api"]');
    await page.screenshot({ path: join(OUT, `gantt-tooltip-${theme}-${zoom}.png`) });
    for (const tab of ["budget", "resources", "risks"]) {
      await page.click(`[data-tab=${tab}]`);
      await page.mouse.move(0, 0);
      await page.screenshot({ path: join(OUT, `${tab}-${theme}-${zoom}.png`), fullPage: true });
    }
    expect(pageErrors.get(page)).toEqual([]);
    await page.context().close();
  }
});
