// Export of the whole Gantt chart: every row (collapsed phases stay as shown) and the
// full time span, names in full. The chart is drawn afresh by drawGantt into a hidden
// SVG with a viewport covering everything, then each element's computed style is copied
// inline so the file carries concrete colours and fonts instead of theme variables.
import { drawGantt, treeWidthFor, type GanttScene } from "./gantt-draw";
import { HEADER_H, ROW_H } from "./geometry";

const SVG_NS = "http://www.w3.org/2000/svg";
const STYLE_PROPS = [
  "fill", "fill-opacity", "stroke", "stroke-width", "stroke-dasharray", "stroke-opacity", "opacity",
  "font-family", "font-size", "font-weight", "font-style", "text-anchor",
];
/** Canvas limits in Chromium: a side of at most 32767 px and 268 M pixels in all. */
const MAX_SIDE = 32_000, MAX_AREA = 200_000_000;

export async function exportGantt(s: GanttScene, format: "svg" | "png"): Promise<string> {
  const svg = exportSvg(s);
  return format === "svg" ? svg.text : svgToPng(svg);
}

function exportSvg(s: GanttScene): { text: string; width: number; height: number } {
  const host = document.createElement("div");
  host.className = "export-host";
  document.body.append(host);
  try {
    const svg = document.createElementNS(SVG_NS, "svg");
    svg.setAttribute("class", "gantt-svg export");
    host.append(svg);
    const treeW = treeWidthFor(s.model.rows, textMeasurer(svg));
    const width = treeW + s.x.range()[1], height = HEADER_H + s.model.rows.length * ROW_H;
    drawGantt(svg, { ...s, selected: null, highlighted: null }, {
      idPrefix: "export-", treeW, width, height, scrollLeft: 0, scrollTop: 0, margin: 0,
    });
    const bg = document.createElementNS(SVG_NS, "rect");
    bg.setAttribute("width", String(width));
    bg.setAttribute("height", String(height));
    bg.setAttribute("class", "export-bg");
    svg.insertBefore(bg, svg.firstChild);
    inlineStyles(svg);
    svg.setAttribute("xmlns", SVG_NS);
    svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
    svg.removeAttribute("class");
    return { text: new XMLSerializer().serializeToString(svg), width, height };
  } finally {
    host.remove();
  }
}

function textMeasurer(svg: SVGSVGElement): (text: string, bold: boolean) => number {
  const probe = document.createElementNS(SVG_NS, "text");
  probe.setAttribute("class", "name");
  svg.append(probe);
  const style = getComputedStyle(probe);
  const font = `${style.fontSize} ${style.fontFamily}`;
  probe.remove();
  const ctx = document.createElement("canvas").getContext("2d")!;
  return (text, bold) => {
    ctx.font = bold ? `bold ${font}` : font;
    return ctx.measureText(text).width;
  };
}

/** Copies computed styles inline; elements with the same tag, classes and parent classes share one lookup. */
function inlineStyles(svg: SVGSVGElement): void {
  const cache = new Map<string, string>();
  for (const node of Array.from(svg.querySelectorAll("*"))) {
    const key = `${node.tagName}|${node.getAttribute("class") ?? ""}|${node.parentElement?.getAttribute("class") ?? ""}`;
    let style = cache.get(key);
    if (style === undefined) {
      const cs = getComputedStyle(node);
      style = STYLE_PROPS.map((p) => `${p}:${cs.getPropertyValue(p)}`).join(";");
      cache.set(key, style);
    }
    node.setAttribute("style", style);
  }
}

async function svgToPng({ text, width: w, height: h }: { text: string; width: number; height: number }): Promise<string> {
  const scale = Math.min(2, MAX_SIDE / w, MAX_SIDE / h, Math.sqrt(MAX_AREA / (w * h)));
  const img = new Image();
  img.src = "data:image/svg+xml;charset=utf-8," + encodeURIComponent(text);
  await img.decode();
  const canvas = document.createElement("canvas");
  canvas.width = Math.max(1, Math.floor(w * scale));
  canvas.height = Math.max(1, Math.floor(h * scale));
  const ctx = canvas.getContext("2d")!;
  ctx.scale(scale, scale);
  ctx.drawImage(img, 0, 0, w, h);
  return canvas.toDataURL("image/png").replace(/^data:image\/png;base64,/, "");
}
