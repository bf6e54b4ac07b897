// One floating tooltip for every view. Its rows are label/value pairs set as text.
import { el } from "./dom";

export class Tooltip {
  readonly node = el("div", "tooltip");

  constructor(parent: HTMLElement) {
    this.node.setAttribute("role", "tooltip");
    this.node.hidden = true;
    parent.append(this.node);
  }

  show(title: string, rows: [string, string][], clientX: number, clientY: number): void {
    const n = this.node;
    n.replaceChildren(el("div", "tooltip-title", title));
    for (const [k, v] of rows) {
      const row = el("div", "tooltip-row");
      row.append(el("span", "tooltip-key", k), el("span", "tooltip-value", v));
      n.append(row);
    }
    n.hidden = false;
    const w = n.offsetWidth, h = n.offsetHeight;
    const x = clientX + 14 + w > window.innerWidth ? Math.max(0, clientX - 14 - w) : clientX + 14;
    const y = clientY + 16 + h > window.innerHeight ? Math.max(0, clientY - 10 - h) : clientY + 16;
    n.style.left = `${x}px`;
    n.style.top = `${y}px`;
  }

  hide(): void {
    this.node.hidden = true;
  }
}
