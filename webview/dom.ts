// Small d3-selection helpers: idempotent child creation, so a draw function can run on a
// fresh SVG (export) or on the live one (every frame) with the same code.
import { select, type Selection } from "d3-selection";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnySel = Selection<any, any, any, any>;

/** The first child `tag.cls` of `parent`, created when missing. */
export function child(parent: AnySel, tag: string, cls: string): AnySel {
  const node = parent.node() as Element;
  for (const c of Array.from(node.children)) {
    if (c.tagName.toLowerCase() === tag && c.getAttribute("class") === cls) return select(c);
  }
  return parent.append(tag).attr("class", cls);
}

/** An HTML element with text content (plan strings always go in as text). */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, cls?: string, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}
