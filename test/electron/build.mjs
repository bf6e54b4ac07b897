// Bundles the @vscode/test-electron runner and its in-editor suite into out/electron/
// (`npm run test:electron`).
import { build } from "esbuild";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const common = { bundle: true, platform: "node", target: "node20", format: "cjs", absWorkingDir: root, logLevel: "warning", packages: "external" };
await Promise.all([
  build({ ...common, entryPoints: ["test/electron/run.ts"], outfile: "out/electron/run.js" }),
  build({ ...common, entryPoints: ["test/electron/suite.ts"], outfile: "out/electron/suite.js" }),
]);
