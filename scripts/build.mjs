// Bundles every entry point with esbuild: the CLI, the language server, the extension
// client and the webview. `npm run build`; also run after `npm install`.
import { build } from "esbuild";
import { chmodSync, mkdirSync, cpSync, existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const out = join(root, "dist");
mkdirSync(out, { recursive: true });

const common = { bundle: true, sourcemap: true, logLevel: "warning", absWorkingDir: root, legalComments: "none" };
const node = { ...common, platform: "node", target: "node20", format: "cjs" };

const entries = [
  { ...node, entryPoints: ["cli/main.ts"], outfile: "dist/cli.js", banner: { js: "#!/usr/bin/env node" } },
  { ...node, entryPoints: ["server/main.ts"], outfile: "dist/server.js" },
  { ...node, entryPoints: ["client/extension.ts"], outfile: "dist/client.js", external: ["vscode"] },
  { ...common, platform: "browser", target: "es2022", format: "iife", entryPoints: ["webview/main.ts"], outfile: "dist/webview.js" },
].filter((e) => existsSync(join(root, e.entryPoints[0])));

await Promise.all(entries.map((e) => build(e)));
if (existsSync(join(out, "cli.js"))) chmodSync(join(out, "cli.js"), 0o755);
if (existsSync(join(root, "webview/style.css"))) cpSync(join(root, "webview/style.css"), join(out, "webview.css"));
