/**
 * W3C TextQuoteSelector: describe a selection as {exact, prefix, suffix} over the text of a root,
 * and find it again later (choosing, among several occurrences, the one whose context fits best).
 */
import type { TextQuoteSelector } from '../../shared/model/page';

const CONTEXT = 32;

/** A selector for `text.slice(start, end)`, with up to 32 characters of context either side. */
export function quoteFromText(text: string, start: number, end: number): TextQuoteSelector | null {
  const exact = text.slice(start, end);
  if (!exact.trim()) return null;
  const prefix = text.slice(Math.max(0, start - CONTEXT), start);
  const suffix = text.slice(end, end + CONTEXT);
  return { type: 'TextQuoteSelector', exact, ...(prefix ? { prefix } : {}), ...(suffix ? { suffix } : {}) };
}

/** Text nodes under `root` with their start offsets in the concatenated text. */
function textIndex(root: Node): { nodes: Text[]; starts: number[]; text: string } {
  const doc = root.ownerDocument ?? (root as Document);
  const walker = doc.createTreeWalker(root, 4 /* NodeFilter.SHOW_TEXT */);
  const nodes: Text[] = [];
  const starts: number[] = [];
  let text = '';
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const parent = (n as Text).parentElement;
    if (parent && /^(SCRIPT|STYLE|NOSCRIPT|TEXTAREA)$/.test(parent.tagName)) continue;
    nodes.push(n as Text);
    starts.push(text.length);
    text += (n as Text).data;
  }
  return { nodes, starts, text };
}

/** The selector for a DOM range inside `root`. */
export function quoteFromRange(root: Node, range: Range): TextQuoteSelector | null {
  const { nodes, starts, text } = textIndex(root);
  const offsetOf = (container: Node, offset: number): number | null => {
    if (container.nodeType === 3) {
      const i = nodes.indexOf(container as Text);
      return i < 0 ? null : starts[i]! + offset;
    }
    // An element boundary: the first indexed text node after the boundary point starts there.
    const doc = root.ownerDocument ?? (root as Document);
    const point = doc.createRange();
    point.setStart(container, offset);
    const i = nodes.findIndex((n) => point.comparePoint(n, 0) >= 0);
    return i < 0 ? text.length : starts[i]!;
  };
  const start = offsetOf(range.startContainer, range.startOffset);
  const end = offsetOf(range.endContainer, range.endOffset);
  if (start === null || end === null || end <= start) return null;
  return quoteFromText(text, start, end);
}

/** How well the context around an occurrence matches the selector's prefix and suffix. */
function contextScore(text: string, at: number, sel: TextQuoteSelector): number {
  let score = 0;
  const prefix = sel.prefix ?? '';
  for (let i = 1; i <= prefix.length && text[at - i] === prefix[prefix.length - i]; i++) score++;
  const suffix = sel.suffix ?? '';
  const end = at + sel.exact.length;
  for (let i = 0; i < suffix.length && text[end + i] === suffix[i]; i++) score++;
  return score;
}

/** Best occurrence of the quote in `text`, or -1. */
export function locateQuote(text: string, sel: TextQuoteSelector): number {
  let best = -1;
  let bestScore = -1;
  for (let at = text.indexOf(sel.exact); at >= 0; at = text.indexOf(sel.exact, at + 1)) {
    const score = contextScore(text, at, sel);
    if (score > bestScore) [best, bestScore] = [at, score];
  }
  return best;
}

export interface QuoteBoundaries {
  startNode: Text;
  startOffset: number;
  endNode: Text;
  endOffset: number;
}

/** Where the quote starts and ends among the text nodes under `root`, or null when it is gone. */
export function anchorBoundaries(root: Node, sel: TextQuoteSelector): QuoteBoundaries | null {
  const { nodes, starts, text } = textIndex(root);
  const at = locateQuote(text, sel);
  if (at < 0) return null;
  const end = at + sel.exact.length;
  // The start lies in the last node beginning at or before it; the end in the last node beginning before it.
  const find = (pos: number, isEnd: boolean) => {
    for (let i = nodes.length - 1; i >= 0; i--) {
      if (starts[i]! < pos || (!isEnd && starts[i] === pos)) return { node: nodes[i]!, offset: pos - starts[i]! };
    }
    return null;
  };
  const s = find(at, false);
  const e = find(end, true);
  return s && e ? { startNode: s.node, startOffset: s.offset, endNode: e.node, endOffset: e.offset } : null;
}

/** A DOM range for the quote under `root`, or null when the page no longer contains it. */
export function anchorQuote(root: Node, sel: TextQuoteSelector): Range | null {
  const b = anchorBoundaries(root, sel);
  if (!b) return null;
  const range = (root.ownerDocument ?? (root as Document)).createRange();
  range.setStart(b.startNode, b.startOffset);
  range.setEnd(b.endNode, b.endOffset);
  return range;
}
