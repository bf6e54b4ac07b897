// The panel draws what it is sent: it may import types from core/ (the JSON shape) but no
// engine code, so it never parses or schedules plans itself.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "vitest";
import { ROOT } from "./browser";

test("webview/ imports nothing from core/ except types", () => {
  const dir = join(ROOT, "webview");
  const offending: string[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".ts"))) {
    for (const m of readFileSync(join(dir, file), "utf8").matchAll(/^\s*(import|export)\s+(type\s+)?[^;]*?from\s+"(\.\.\/core\/[^"]*)"/gms)) {
      if (!m[2]) offending.push(`${file}: ${m[3]}`);
    }
  }
  expect(offending).toEqual([]);
});
