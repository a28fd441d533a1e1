// Rich text pasted into a Markdown field (HTML on the clipboard, from a word processor or a web
// page) as Markdown, with turndown and the GFM table and strikethrough rules of
// @joplin/turndown-plugin-gfm. Emphasis, links, lists, headings, quotes, code and tables are
// kept; whatever the renderer would refuse or not show is dropped before conversion: scripts,
// styles, images and other embedded media, form controls, comments, and links whose address
// the page would not link (only absolute http, https and mailto addresses are kept: a relative
// link in a copied page points into that page's site). An inline field (one paragraph) gets one
// line: list items, table cells and paragraphs are joined in running text.
import TurndownService from 'turndown';
import { strikethrough, tables } from '@joplin/turndown-plugin-gfm';
import { checkLinkUrl, linkDestination, type MarkdownKind } from './markdown';

const DROPPED =
  'script, style, noscript, template, iframe, frame, frameset, object, embed, applet, svg, math, img, picture, source, video, audio, ' +
  'track, canvas, map, form, input, button, select, option, textarea, head, meta, link, title, base, dialog';

/** Block elements a table cell may not hold in a Markdown table (their text is kept). */
const CELL_BLOCKS =
  'ul, ol, li, h1, h2, h3, h4, h5, h6, hr, blockquote, pre, code, p, div, table, thead, tbody, tfoot, tr, th, td, caption';

/** What stands between neighbouring items, cells and rows when an inline field flattens them. */
const INLINE_SEPARATORS: [string, string][] = [
  ['td, th', ' · '],
  ['li, tr', '; '],
];

/** Blocks an inline field flattens into running text. */
const INLINE_BLOCKS =
  'p, div, h1, h2, h3, h4, h5, h6, blockquote, pre, dt, dd, section, article, header, footer, aside, caption, li, tr, td, th, ' +
  'ul, ol, dl, table, thead, tbody, tfoot';

function service(): TurndownService {
  const td = new TurndownService({
    headingStyle: 'atx',
    hr: '---',
    bulletListMarker: '-',
    codeBlockStyle: 'fenced',
    emDelimiter: '*',
    strongDelimiter: '**',
    linkStyle: 'inlined',
  });
  td.use([tables, strikethrough]);
  // Text that looks like a tag stays text: "<" is escaped like the other Markdown characters.
  const escape = td.escape.bind(td);
  td.escape = (s: string) => escape(s).replace(/</g, '\\<');
  // "- item" and "1. item", with continuation lines indented under the item's text.
  td.addRule('listItem', {
    filter: 'li',
    replacement(content, node) {
      const parent = node.parentNode as HTMLElement | null;
      let prefix = '- ';
      if (parent?.nodeName === 'OL') {
        const start = Number(parent.getAttribute('start') ?? '1') || 1;
        prefix = `${start + Array.prototype.indexOf.call(parent.children, node)}. `;
      }
      const paragraph = /\n$/.test(content);
      const body = content.replace(/^\n+/, '').replace(/\n+$/, '') + (paragraph ? '\n' : '');
      return prefix + body.replace(/\n/g, '\n' + ' '.repeat(prefix.length)) + (node.nextSibling ? '\n' : '');
    },
  });
  // Links without titles; a destination with spaces or parentheses in angle brackets.
  td.addRule('link', {
    filter: (node) => node.nodeName === 'A' && !!node.getAttribute('href'),
    replacement(content, node) {
      const href = (node as HTMLElement).getAttribute('href') ?? '';
      return content.trim() ? `[${content}](${linkDestination(href)})` : '';
    },
  });
  return td;
}

/** Replaces `el` by its children. */
function unwrap(el: Element): void {
  el.replaceWith(...Array.from(el.childNodes));
}

/** A link address kept by a paste: absolute http, https or mailto that the renderer links. */
function keptHref(href: string | null): string | null {
  if (!href) return null;
  const c = checkLinkUrl(href);
  return c.ok && /^(https?|mailto):/i.test(c.url) ? c.url : null;
}

/** The pasted document, cleaned: see the module's comment. */
function clean(body: HTMLElement, kind: MarkdownKind): void {
  const doc = body.ownerDocument;
  for (const el of Array.from(body.querySelectorAll(DROPPED))) el.remove();
  const walker = doc.createTreeWalker(body, 128 /* NodeFilter.SHOW_COMMENT */);
  const comments: Node[] = [];
  while (walker.nextNode()) comments.push(walker.currentNode);
  for (const c of comments) c.parentNode?.removeChild(c);

  for (const el of Array.from(body.querySelectorAll<HTMLElement>('*'))) {
    const style = (el.getAttribute('style') ?? '').toLowerCase();
    // Google Docs wraps a whole copy in <b style="font-weight:normal">.
    if ((el.nodeName === 'B' || el.nodeName === 'STRONG') && /font-weight\s*:\s*(normal|[1-5]00)\b/.test(style)) {
      unwrap(el);
      continue;
    }
    // Word processors mark emphasis with styles on spans.
    if (el.nodeName === 'SPAN' && style) {
      const wrap = (tag: string) => {
        const w = doc.createElement(tag);
        el.replaceWith(w);
        w.appendChild(el);
        return w;
      };
      if (/font-weight\s*:\s*(bold|[6-9]00)\b/.test(style)) wrap('strong');
      if (/font-style\s*:\s*italic\b/.test(style)) wrap('em');
      if (/text-decoration[a-z-]*\s*:[^;]*line-through/.test(style)) wrap('del');
    }
  }
  for (const a of Array.from(body.querySelectorAll('a'))) {
    const href = keptHref(a.getAttribute('href'));
    if (href) a.setAttribute('href', href);
    else unwrap(a);
  }

  if (kind === 'inline') {
    for (const [sel, between] of INLINE_SEPARATORS) {
      for (const el of Array.from(body.querySelectorAll(sel))) {
        const rowAfterHead = el.nodeName === 'TR' && el.parentElement?.previousElementSibling?.querySelector('tr');
        if (el.previousElementSibling || rowAfterHead) el.prepend(doc.createTextNode(between));
      }
    }
    for (const el of Array.from(body.querySelectorAll('br, hr'))) el.replaceWith(doc.createTextNode(' '));
    for (const el of Array.from(body.querySelectorAll(INLINE_BLOCKS)).reverse()) {
      el.prepend(doc.createTextNode(' '));
      el.append(doc.createTextNode(' '));
      unwrap(el);
    }
    return;
  }
  // A table without a heading row takes its first row as one (a Markdown table has a head).
  for (const table of Array.from(body.querySelectorAll('table'))) {
    const first = table.querySelector('tr');
    if (first && !table.querySelector('thead') && !Array.from(first.children).some((c) => c.nodeName === 'TH')) {
      for (const cell of Array.from(first.children)) {
        const th = doc.createElement('th');
        th.append(...Array.from(cell.childNodes));
        cell.replaceWith(th);
      }
    }
  }
  // A Markdown table holds one line of inline text per cell.
  for (const cell of Array.from(body.querySelectorAll('td, th'))) {
    for (const el of Array.from(cell.querySelectorAll(CELL_BLOCKS)).reverse()) {
      el.prepend(doc.createTextNode(' '));
      el.append(doc.createTextNode(' '));
      unwrap(el);
    }
    for (const br of Array.from(cell.querySelectorAll('br'))) br.replaceWith(doc.createTextNode(' '));
  }
}

/**
 * The Markdown for pasted HTML, for a field of `kind`: block Markdown, or one line of inline
 * Markdown. Empty when the HTML holds no text that is kept.
 */
export function htmlToMarkdown(html: string, kind: MarkdownKind): string {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  clean(doc.body, kind);
  let md = service()
    .turndown(doc.body)
    .replace(/\u00a0/g, ' ');
  if (kind === 'inline') md = md.replace(/\s*\n\s*/g, ' ');
  md = md
    .replace(/[ \t]+$/gm, (m, offset: number, all: string) => (all[offset + m.length] === '\n' && m.length >= 2 ? '  ' : ''))
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  if (kind === 'inline') md = md.replace(/ {2,}/g, ' ').replace(/ ;/g, ';');
  return md;
}
