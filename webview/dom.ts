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

/**
 * Calls `act` for a click on something `keyOf` names. A press and a release count as a click
 * when they name the same thing, even if an update redrew it in between: the browser sends
 * no click then, because the pressed element is gone. Clicks from the keyboard (Enter or
 * Space on a button) come without a pointer, as click events of detail 0.
 */
export function onClick(root: Element, keyOf: (e: Event) => string | null, act: (e: Event) => void): void {
  let pressed: string | null = null;
  root.addEventListener("pointerdown", (e) => {
    pressed = (e as PointerEvent).button === 0 ? keyOf(e) : null;
  });
  root.addEventListener("pointerup", (e) => {
    const key = pressed;
    pressed = null;
    if ((e as PointerEvent).button === 0 && key !== null && key === keyOf(e)) act(e);
  });
  root.addEventListener("click", (e) => {
    if ((e as MouseEvent).detail === 0 && keyOf(e) !== null) act(e);
  });
}
