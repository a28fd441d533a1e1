import { PARTS } from './shape';

// Incremental preview updates. The renderer marks every part and list item of the page with
// `data-path`; comparing the new page with the one on screen part by part, only the parts whose
// HTML changed are parsed and swapped in. A keystroke in the TL;DR re-parses the TL;DR block, not
// the whole page, so the preview keeps up on large guides. Anything this cannot account for
// (a changed stylesheet, parts added or removed, unbalanced markup) asks for a full replace.

export interface Span {
  path: string;
  /** Offset of the element's start tag. */
  start: number;
  /** Offset just after its end tag. */
  end: number;
  /** Index of the nearest enclosing data-path span, or -1. */
  parent: number;
}

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);
const RAW = new Set(['script', 'style', 'textarea', 'title']);
const TAG = /<!--[\s\S]*?-->|<(\/?)([a-zA-Z][a-zA-Z0-9:-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/g;
const DATA_PATH = /\sdata-path="([^"]*)"/;
const ID = /\sid="([^"]*)"/;

/** The key an element is matched by: its data-path, else "#" and its id; null if it has neither. */
function keyOf(attrs: string): string | null {
  const dp = DATA_PATH.exec(attrs);
  if (dp) return dp[1];
  const id = ID.exec(attrs);
  return id ? '#' + id[1] : null;
}

/** The same key, read from a live element. */
export function liveKey(el: Element): string {
  return el.getAttribute('data-path') ?? '#' + el.id;
}

/** Selects the keyed elements of a live page, in the order scanSpans lists them. */
export const KEYED = '[data-path], [id]';

/**
 * The keyed elements of a page (with a data-path or an id), in document order; null if the markup
 * is not balanced. The site chrome (contents, footer) has ids, the guide's parts data-paths.
 */
export function scanSpans(html: string): Span[] | null {
  const spans: Span[] = [];
  // Open elements: tag name and, for data-path elements, their span index.
  const stack: { tag: string; span: number }[] = [];
  let openSpan = -1;
  TAG.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = TAG.exec(html))) {
    if (m[0].startsWith('<!--')) continue;
    const closing = m[1] === '/';
    const tag = m[2].toLowerCase();
    const attrs = m[3];
    if (closing) {
      const top = stack.pop();
      if (!top || top.tag !== tag) return null;
      if (top.span >= 0) {
        spans[top.span].end = TAG.lastIndex;
        openSpan = spans[top.span].parent;
      }
      continue;
    }
    if (VOID.has(tag) || attrs.endsWith('/')) continue;
    let span = -1;
    const key = attrs.length > 3 ? keyOf(attrs) : null;
    if (key !== null) {
      span = spans.length;
      spans.push({ path: key, start: m.index, end: -1, parent: openSpan });
      openSpan = span;
    }
    if (RAW.has(tag)) {
      // Text only up to the end tag (style, title ...): skip it.
      const close = html.indexOf(`</${tag}`, TAG.lastIndex);
      if (close < 0) return null;
      TAG.lastIndex = close;
    }
    stack.push({ tag, span });
  }
  if (stack.length && !(stack.length === 2 && stack[0].tag === 'html' && stack[1].tag === 'body')) {
    // Documents may leave html/body to the parser; anything else open is unbalanced.
    if (stack.some((s) => s.tag !== 'html' && s.tag !== 'body')) return null;
  }
  if (spans.some((s) => s.end < 0)) return null;
  return spans;
}

export interface Replacement {
  /** Index of the element to replace, among the old page's keyed elements in document order. */
  index: number;
  path: string;
  /** The new element's HTML. */
  html: string;
}

export interface Plan {
  /** The new <title> source text, when only the title changed in <head>. */
  title: string | null;
  replacements: Replacement[];
}

function children(spans: Span[], parent: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < spans.length; i++) if (spans[i].parent === parent) out.push(i);
  return out;
}

/**
 * What to replace to turn the old page into the new one, or null when only a full replace will do.
 * An empty plan means the pages are the same.
 */
export function planPatch(oldHtml: string, oldSpans: Span[], newHtml: string, newSpans: Span[]): Plan | null {
  const ob = oldHtml.search(/<body[\s>]/);
  const nb = newHtml.search(/<body[\s>]/);
  if (ob < 0 || nb < 0) return null;
  let title: string | null = null;
  const oldHead = oldHtml.slice(0, ob);
  const newHead = newHtml.slice(0, nb);
  if (oldHead !== newHead) {
    const strip = (h: string) => h.replace(/<title>[\s\S]*?<\/title>/, '');
    if (strip(oldHead) !== strip(newHead)) return null;
    title = /<title>([\s\S]*?)<\/title>/.exec(newHead)?.[1] ?? '';
  }
  const replacements: Replacement[] = [];
  const ok = diffLevel(oldHtml, oldSpans, newHtml, newSpans, -1, -1, [ob, oldHtml.length], [nb, newHtml.length], replacements);
  return ok ? { title, replacements } : null;
}

/** Compares the children of one element; false when its own markup (outside children) changed. */
function diffLevel(
  oldHtml: string,
  oldSpans: Span[],
  newHtml: string,
  newSpans: Span[],
  oldParent: number,
  newParent: number,
  oldRegion: [number, number],
  newRegion: [number, number],
  out: Replacement[],
): boolean {
  const oc = children(oldSpans, oldParent);
  const nc = children(newSpans, newParent);
  if (oc.length !== nc.length) return false;
  for (let k = 0; k < oc.length; k++) if (oldSpans[oc[k]].path !== newSpans[nc[k]].path) return false;
  // The markup between the children must be the same.
  let op = oldRegion[0];
  let np = newRegion[0];
  for (let k = 0; k <= oc.length; k++) {
    const oe = k < oc.length ? oldSpans[oc[k]].start : oldRegion[1];
    const ne = k < nc.length ? newSpans[nc[k]].start : newRegion[1];
    if (oe - op !== ne - np || oldHtml.slice(op, oe) !== newHtml.slice(np, ne)) return false;
    if (k < oc.length) {
      op = oldSpans[oc[k]].end;
      np = newSpans[nc[k]].end;
    }
  }
  for (let k = 0; k < oc.length; k++) {
    const o = oldSpans[oc[k]];
    const n = newSpans[nc[k]];
    if (o.end - o.start === n.end - n.start && oldHtml.slice(o.start, o.end) === newHtml.slice(n.start, n.end)) continue;
    // Inside the element: only the start tag, its content up to the first child, and so on.
    const mark = out.length;
    const inner = diffLevel(oldHtml, oldSpans, newHtml, newSpans, oc[k], nc[k], [o.start, o.end], [n.start, n.end], out);
    if (!inner) {
      out.length = mark;
      out.push({ index: oc[k], path: n.path, html: newHtml.slice(n.start, n.end) });
    }
  }
  return true;
}

/**
 * Applies a plan to the page on screen (built from the old HTML). Returns false, changing nothing,
 * when the page does not match what the plan expects (the caller then replaces the whole page).
 */
export function applyPlan(doc: Document, plan: Plan, expectedCount: number): boolean {
  const live = doc.querySelectorAll<HTMLElement>(KEYED);
  if (live.length !== expectedCount) return false;
  const parsed: [HTMLElement, Element][] = [];
  for (const r of plan.replacements) {
    const el = live[r.index];
    if (!el || liveKey(el) !== r.path) return false;
    const t = doc.createElement('template');
    t.innerHTML = r.html;
    const fresh = t.content.firstElementChild;
    if (!fresh || t.content.childElementCount !== 1) return false;
    parsed.push([el, fresh]);
  }
  for (const [el, fresh] of parsed) el.replaceWith(fresh);
  if (plan.title !== null) {
    const ta = doc.createElement('textarea');
    ta.innerHTML = plan.title;
    doc.title = ta.value;
  }
  return true;
}

// ---- the open draft's page, patched part by part as the shell answers an edit ----

/**
 * The page's pieces an edit can change, in page order (`PageChunk::ALL` of almanac-render):
 * the parts (in the shape's page order) by key, the contents, where `<main>` starts, and the stay-current block. Each is one
 * element (its id `part-` and the key with `-` for `_`) followed by a newline.
 */
const PAGE_ORDER: string[] = PARTS.flatMap((p) =>
  p.key === 'meta' ? [p.key, 'contents', '<main>'] : p.key === 'versions' ? ['stay-current', p.key] : [p.key],
).concat(['</main>', 'footer']);

const anchorOf = (key: string) => 'part-' + key.replace(/_/g, '-');

/** One piece's new HTML: its element, or null when it does not have the expected form. */
function pieceElement(doc: Document, html: string): Element | null {
  const t = doc.createElement('template');
  t.innerHTML = html;
  const nodes = t.content.childNodes;
  if (nodes.length !== 2 || nodes[0].nodeType !== 1 || nodes[1].nodeType !== 3 || nodes[1].nodeValue !== '\n') return null;
  return nodes[0] as Element;
}

/** Puts one piece's HTML (empty: the piece leaves the page) in place. */
function patchPiece(doc: Document, key: string, html: string): boolean {
  const el = doc.getElementById(anchorOf(key));
  if (html === '') {
    if (!el) return true;
    const nl = el.nextSibling;
    if (!nl || nl.nodeType !== 3 || nl.nodeValue !== '\n') return false;
    nl.remove();
    el.remove();
    return true;
  }
  const fresh = pieceElement(doc, html);
  if (!fresh) return false;
  if (el) {
    el.replaceWith(doc.importNode(fresh, true));
    return true;
  }
  // Entering the page: after the nearest earlier piece shown.
  for (let j = PAGE_ORDER.indexOf(key) - 1; j >= 0; j--) {
    const name = PAGE_ORDER[j];
    let after: ChildNode | null = null;
    if (name === '<main>') after = doc.getElementById('main')?.firstChild ?? null;
    else {
      const prev = doc.getElementById(anchorOf(name));
      if (!prev) continue;
      after = prev.nextSibling;
    }
    if (!after || after.nodeType !== 3 || after.nodeValue !== '\n') return false;
    after.after(doc.importNode(fresh, true), doc.createTextNode('\n'));
    return true;
  }
  return false;
}

/** Puts a new head (from `<!DOCTYPE html>` to `</title>`: the language and the title) in place. */
function patchHead(doc: Document, html: string): boolean {
  const parsed = new DOMParser().parseFromString(html + '</head><body></body></html>', 'text/html');
  const live = doc.documentElement;
  const want = parsed.documentElement;
  for (const a of Array.from(live.attributes)) if (!want.hasAttribute(a.name)) live.removeAttribute(a.name);
  for (const a of Array.from(want.attributes)) if (live.getAttribute(a.name) !== a.value) live.setAttribute(a.name, a.value);
  const style = doc.head.querySelector(':scope > style');
  if (!style) return false;
  while (doc.head.firstChild && doc.head.firstChild !== style) doc.head.firstChild.remove();
  for (const n of Array.from(parsed.head.childNodes)) doc.head.insertBefore(doc.importNode(n, true), style);
  return true;
}

/**
 * Applies the shell's answer to an edit to the page on screen: each changed part (by its
 * `Part` key) and chrome piece (`head`, `contents`, `footer`) replaced, removed or inserted.
 * The result is exactly the page the renderer writes for the edited guide. False when the page
 * does not have the expected form (the caller then asks for the whole page).
 */
export function patchParts(doc: Document, parts: [string, string][], chrome: [string, string][]): boolean {
  for (const [c, html] of chrome) {
    if (c === 'head') {
      if (!patchHead(doc, html)) return false;
    } else if (!patchPiece(doc, c, html)) return false;
  }
  for (const [p, html] of parts) if (!patchPiece(doc, p, html)) return false;
  return true;
}
