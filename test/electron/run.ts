// `npm run test:electron`: downloads VS Code 1.100 with @vscode/test-electron and runs
// suite.ts inside its extension host against this extension (unpacked) and a copy of
// examples/. Needs internet for the download, so it runs on developer machines and hosted
// CI, not in the offline sandbox (test/e2e covers the same ground there with code-server).
import { runTests } from "@vscode/test-electron";
import { cpSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

async function main(): Promise<void> {
  const root = join(__dirname, "..", "..");
  const workspace = join(mkdtempSync(join(tmpdir(), "gantry-electron-")), "workspace");
  cpSync(join(root, "examples"), workspace, { recursive: true });
  await runTests({
    version: process.env.GANTRY_VSCODE_VERSION ?? "1.100.3",
    extensionDevelopmentPath: root,
    extensionTestsPath: join(__dirname, "suite.js"),
    launchArgs: [workspace, "--disable-extensions", "--disable-workspace-trust", "--skip-welcome", "--skip-release-notes"],
  });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
