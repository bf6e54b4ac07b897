// Runs code-server (VS Code's workbench in a browser, with a real extension host) for the
// end-to-end suite: installs the packaged .vsix into a fresh extensions folder, serves a
// copy of a workspace, and stops the whole process group afterwards.
// scripts/setup-e2e.sh installs code-server; see test/e2e/README.md.
import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { cpSync, existsSync, mkdirSync, mkdtempSync, openSync, rmSync, writeFileSync, closeSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import { join } from "node:path";

export const CODE_SERVER_VERSION = process.env.GANTRY_CODE_SERVER_VERSION ?? "4.100.3";
const cacheDir = process.env.GANTRY_CACHE ?? join(homedir(), ".cache", "gantry");
export const codeServerEntry = join(cacheDir, `code-server-${CODE_SERVER_VERSION}`, "node_modules", "code-server", "out", "node", "entry.js");

export interface CodeServer {
  url: string;
  workspace: string;
  userDataDir: string;
  /** Ends code-server's process group and deletes its temporary folders. */
  stop(): Promise<void>;
}

export interface CodeServerOptions {
  vsix: string;
  /** Folders whose contents are copied into the workspace (later ones win). */
  sources: string[];
  /** Where code-server's own output goes. */
  logFile: string;
}

/** code-server writes its config into XDG folders, even for --version: keep them in `root`. */
function environment(root: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    XDG_CONFIG_HOME: join(root, "xdg-config"),
    XDG_DATA_HOME: join(root, "xdg-data"),
    XDG_CACHE_HOME: join(root, "xdg-cache"),
  };
}

export async function startCodeServer(opts: CodeServerOptions): Promise<CodeServer> {
  if (!existsSync(codeServerEntry)) throw new Error(`code-server is not installed at ${codeServerEntry}: run bash scripts/setup-e2e.sh`);
  const root = mkdtempSync(join(tmpdir(), "gantry-e2e-"));
  const workspace = join(root, "workspace");
  const userDataDir = join(root, "user-data");
  const extensionsDir = join(root, "extensions");
  for (const src of opts.sources) cpSync(src, workspace, { recursive: true });
  mkdirSync(join(userDataDir, "User"), { recursive: true });
  writeFileSync(
    join(userDataDir, "User", "settings.json"),
    JSON.stringify({
      "security.workspace.trust.enabled": false,
      "workbench.startupEditor": "none",
      "files.autoSave": "off",
      "workbench.tips.enabled": false,
      "extensions.ignoreRecommendations": true,
      "update.mode": "none",
      "telemetry.telemetryLevel": "off",
      "editor.hover.delay": 200,
      "editor.quickSuggestionsDelay": 10,
      "workbench.colorTheme": "Default Dark Modern",
    }, null, 2),
  );
  const env = environment(root);
  // Exactly what a user does with a downloaded .vsix.
  execFileSync(process.execPath, [codeServerEntry, "--install-extension", opts.vsix, "--extensions-dir", extensionsDir, "--user-data-dir", userDataDir], { env, stdio: "pipe", timeout: 60_000 });

  const port = await freePort();
  const log = openSync(opts.logFile, "w");
  // Its own process group (detached), so stop() can end the extension host and the
  // language server it spawned too.
  const child = spawn(process.execPath, [
    codeServerEntry, "--auth", "none", "--bind-addr", `127.0.0.1:${port}`, "--disable-telemetry", "--disable-update-check",
    "--disable-workspace-trust", "--user-data-dir", userDataDir, "--extensions-dir", extensionsDir, workspace,
  ], { env, detached: true, stdio: ["ignore", log, log] });
  closeSync(log);
  const url = `http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}`;
  const stop = async () => {
    await stopGroup(child);
    rmSync(root, { recursive: true, force: true });
  };
  try {
    await waitForHttp(`http://127.0.0.1:${port}/healthz`, 30_000, child);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, workspace, userDataDir, stop };
}

async function stopGroup(child: ChildProcess): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const signal = (s: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, s);
    } catch {
      /* the group is gone already */
    }
  };
  signal("SIGTERM");
  const timer = setTimeout(() => signal("SIGKILL"), 5_000);
  await exited;
  clearTimeout(timer);
  signal("SIGKILL"); // stragglers of the group (file watcher, language server)
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

async function waitForHttp(url: string, timeoutMs: number, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`code-server exited with code ${child.exitCode}`);
    const ok = await fetch(url).then((r) => r.ok, () => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 200)); // polling interval of a bounded wait
  }
  throw new Error(`code-server did not answer ${url} within ${timeoutMs} ms`);
}
