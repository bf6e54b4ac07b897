// `npm run bench`: runs every benchmark script in bench/ (each prints its own table) via
// scripts/run-ts.mjs. Benchmarks report against their goals and never fail the build.
// `npm run bench -- engine` runs only the named ones.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
/** The benchmark entry points, in the order they run (generate.ts is a library + tool). */
const BENCHES = ["engine", "lsp", "webview", "psplib"];

const wanted = process.argv.slice(2);
const benches = BENCHES.filter((b) => existsSync(join(root, "bench", `${b}.ts`)) && (!wanted.length || wanted.includes(b)));
for (const b of benches) {
  console.log(`\n=== bench/${b}.ts ===\n`);
  const r = spawnSync(process.execPath, [join("scripts", "run-ts.mjs"), join("bench", `${b}.ts`)], { cwd: root, stdio: "inherit" });
  if (r.status !== 0) console.log(`bench/${b}.ts exited with ${r.status}`);
}
