// Regenerates the example fixtures: the JSON schedule of each examples/*.plan, as the
// CLI prints it (`gantry schedule X.plan --format json`), with the checkout's path
// replaced so the files do not depend on where the repository lives.
//   npm run build && node test/webview/make-fixtures.mjs
import { execFileSync } from "node:child_process";
import { readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const root = process.cwd();
for (const file of readdirSync(join(root, "examples")).filter((f) => f.endsWith(".plan"))) {
  const json = execFileSync(process.execPath, ["dist/cli.js", "schedule", join("examples", file), "--format", "json"], { cwd: root, encoding: "utf8" });
  const data = JSON.parse(json.split(root).join("/workspace"));
  const out = join(root, "test", "webview", "fixtures", `example-${file.replace(/\.plan$/, "")}.json`);
  writeFileSync(out, JSON.stringify(data, null, 1) + "\n");
  console.log(`${out}: ${data.tasks.length} tasks, ${data.bookings.length} bookings, ${data.risks.length} risks`);
}
