// `npm test`: the whole suite, exactly what CI runs. Installs the system tools the tests
// need (once; cached), type-checks, bundles, then runs every vitest file and prints a
// closing "N passed, N failed" line.
import { spawnSync } from "node:child_process";
import { readFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const run = (cmd, args) => {
  console.log(`\n$ ${cmd} ${args.join(" ")}`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: "inherit" });
  return r.status ?? 1;
};
const must = (cmd, args) => {
  const code = run(cmd, args);
  if (code !== 0) {
    console.error(`\ntest: \`${cmd} ${args.join(" ")}\` failed (exit ${code})`);
    process.exit(code);
  }
};

must("bash", ["scripts/setup-test-env.sh"]);
must("npx", ["tsc", "-p", "tsconfig.json", "--noEmit"]);
must("node", ["scripts/build.mjs"]);
mkdirSync(join(root, "test-output"), { recursive: true });
const report = join(root, "test-output", "vitest.json");
const code = run("npx", ["vitest", "run", ...process.argv.slice(2), "--reporter=default", "--reporter=json", `--outputFile=${report}`]);
try {
  const r = JSON.parse(readFileSync(report, "utf8"));
  console.log(`\n${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests + r.numTodoTests} skipped`);
} catch {
  console.log("\n0 passed, 1 failed");
}
process.exit(code);
