// Runs a TypeScript entry point under plain node 20: esbuild bundles it to a temporary
// .mjs inside node_modules/.cache (so bare imports still resolve), then imports it.
// Usage: node scripts/run-ts.mjs bench/psplib.ts [args...]  (args reach process.argv).
import { build } from "esbuild";
import { mkdirSync, rmSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const entry = process.argv[2];
if (!entry) {
  console.error("usage: node scripts/run-ts.mjs <entry.ts> [args...]");
  process.exit(2);
}
const dir = join(root, "node_modules", ".cache", "run-ts");
mkdirSync(dir, { recursive: true });
const outfile = join(dir, `${basename(entry).replace(/\.[cm]?tsx?$/, "")}-${process.pid}.mjs`);
await build({
  entryPoints: [resolve(entry)],
  outfile,
  bundle: true,
  platform: "node",
  target: "node20",
  format: "esm",
  packages: "external",
  sourcemap: "inline",
  logLevel: "warning",
  absWorkingDir: root,
});
process.argv.splice(1, 2, resolve(entry)); // the script sees its own path and its args
try {
  await import(pathToFileURL(outfile).href);
} finally {
  rmSync(outfile, { force: true }); // the module is loaded; its pending work goes on
}
