/**
 * Text laid out by position, as document viewers draw a page: pdf.js's text layer, OFD and WPS web
 * readers give each run of text an element of its own at a left and a top (a tagged PDF's digits are
 * runs of their own, so 澜大党干〔 / 2026 / 〕 / 8 / 号 is one line on the page and five in the markup).
 * Read in markup order those runs are scraps; read by position they are the page's lines again.
 * Pure functions of a Document.
 */

/** One line of a positioned layer: its runs joined left to right, and its type size when the markup says. */
export interface LayerLine {
  text: string;
  /** In px (font-size, or pdf.js's --font-height); null when the markup does not say. */
  size: number | null;
  /** The line's first run, standing for the line (its prominence, its visibility). */
  first: Element;
}

interface Run {
  el: Element;
  text: string;
  left: number;
  top: number;
  percent: boolean;
  size: number | null;
}

/** A layer is a page of runs: fewer than this is a few positioned labels, not a page of text. */
const FEWEST_RUNS = 3;

const styleNumber = (style: string, property: string): { value: number; unit: string } | null => {
  // pdf.js 3 and later scale every run by one factor: calc(var(--scale-factor)*34.00px) is 34px at 100 %.
  const m = new RegExp(`(?:^|;|\\s)${property}\\s*:\\s*(?:calc\\(\\s*var\\(--scale-factor\\)\\s*\\*\\s*)?(-?[\\d.]+)\\s*(px|pt|%)`, 'i').exec(style);
  return m ? { value: Number.parseFloat(m[1]!), unit: m[2]!.toLowerCase() } : null;
};

function runOf(el: Element): Run | null {
  const style = el.getAttribute('style') ?? '';
  const left = styleNumber(style, 'left');
  const top = styleNumber(style, 'top');
  if (!left || !top) return null;
  // A run holds text only (a <br> at most): a positioned box of other elements is layout, not a run.
  if (Array.from(el.children).some((c) => c.tagName !== 'BR')) return null;
  const text = el.textContent ?? '';
  if (!text.trim()) return null;
  const size = styleNumber(style, 'font-size') ?? styleNumber(style, '--font-height');
  return {
    el,
    text,
    left: left.value,
    top: top.value,
    percent: top.unit === '%',
    size: size ? size.value * (size.unit === 'pt' ? 4 / 3 : 1) : null,
  };
}

/** The element that holds a run's page: its parent, past pdf.js's unstyled marked-content wrappers. */
function layerOf(el: Element): Element | null {
  let layer = el.parentElement;
  while (layer && layer.tagName === 'SPAN' && !layer.getAttribute('style')) layer = layer.parentElement;
  return layer;
}

/**
 * Runs in the order the viewer drew them (a PDF's content order, reading order), one line while they
 * share a top. Not re-sorted by position: a page's 版记 may be drawn over the 落款's height, and the
 * drawing order still reads right.
 */
function linesOf(runs: Run[]): LayerLine[] {
  const lines: Run[][] = [];
  for (const run of runs) {
    const line = lines[lines.length - 1];
    const tolerance = run.percent ? 0.3 : Math.max(2, 0.4 * (run.size ?? 16));
    if (line && Math.abs(run.top - line[0]!.top) <= tolerance) line.push(run);
    else lines.push([run]);
  }
  return lines.map((line) => {
    const ordered = line.sort((a, b) => a.left - b.left);
    const sizes = ordered.map((r) => r.size).filter((s): s is number => s !== null);
    return { text: ordered.map((r) => r.text).join(''), size: sizes.length ? Math.max(...sizes) : null, first: ordered[0]!.el };
  });
}

/** Each positioned layer under `root` (pdf.js's text layer, an OFD page) and its lines, top to bottom. */
export function textLayers(root: ParentNode): Map<Element, LayerLine[]> {
  const runs = new Map<Element, Run[]>();
  for (const el of Array.from(root.querySelectorAll('[style*="top"]'))) {
    const run = runOf(el);
    const layer = run && layerOf(el);
    if (!run || !layer) continue;
    const list = runs.get(layer);
    if (list) list.push(run);
    else runs.set(layer, [run]);
  }
  const layers = new Map<Element, LayerLine[]>();
  for (const [layer, list] of runs) if (list.length >= FEWEST_RUNS) layers.set(layer, linesOf(list));
  return layers;
}
