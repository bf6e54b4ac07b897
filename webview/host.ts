// The VS Code webview API, or a stand-in outside VS Code (a page that defines no
// acquireVsCodeApi): it keeps state in sessionStorage and records posted messages.
import type { WebviewMessage } from "./protocol";

export interface Host {
  postMessage(msg: WebviewMessage): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare global {
  interface Window {
    acquireVsCodeApi?: () => Host;
    gantryPosted?: WebviewMessage[];
  }
}

export function acquireHost(): Host {
  if (typeof window.acquireVsCodeApi === "function") return window.acquireVsCodeApi();
  const posted: WebviewMessage[] = (window.gantryPosted = []);
  const KEY = "gantry.webview.state";
  return {
    postMessage: (msg) => posted.push(msg),
    getState: () => {
      const raw = sessionStorage.getItem(KEY);
      return raw ? JSON.parse(raw) : undefined;
    },
    setState: (state) => sessionStorage.setItem(KEY, JSON.stringify(state)),
  };
}
