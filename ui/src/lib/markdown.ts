// Markdown helpers for the form's Markdown fields: bold, italic, links and lists applied to the
// selected text, as pure functions of (text, selection) → (text, selection). The component
// applies the result as one edit, so one undo step reverts it.

/** What a Markdown field may hold: inline Markdown (one paragraph) or block Markdown. */
export type MarkdownKind = 'inline' | 'block';

/** A text with its selection (`start` ≤ `end`, UTF-16 offsets as a text box counts them). */
export interface Edit {
  text: string;
  start: number;
  end: number;
}

/** The shortcuts the helpers answer to, as a field's hint lists them. */
export function shortcutsHint(kind: MarkdownKind): string {
  const inline = 'Ctrl+B bold · Ctrl+I italic · Ctrl+K link';
  return kind === 'block' ? `${inline} · Ctrl+Shift+7 numbered list · Ctrl+Shift+8 bulleted list` : inline;
}

/** Which helper a key press asks for, or null. Lists only apply to block Markdown. */
export function helperFor(
  e: Pick<KeyboardEvent, 'key' | 'code' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>,
  kind: MarkdownKind,
): 'bold' | 'italic' | 'link' | 'numbered' | 'bulleted' | null {
  if (!(e.ctrlKey || e.metaKey) || e.altKey) return null;
  if (e.shiftKey) {
    if (kind !== 'block') return null;
    if (e.code === 'Digit7' || e.key === '&' || e.key === '7') return 'numbered';
    if (e.code === 'Digit8' || e.key === '*' || e.key === '8') return 'bulleted';
    return null;
  }
  const k = e.key.toLowerCase();
  if (k === 'b' || e.code === 'KeyB') return 'bold';
  if (k === 'i' || e.code === 'KeyI') return 'italic';
  if (k === 'k' || e.code === 'KeyK') return 'link';
  return null;
}

/** The run of `ch` that ends at `at` (going left) or starts at `at` (going right). */
function runLeft(s: string, at: number, ch: string): number {
  let n = 0;
  while (at - n - 1 >= 0 && s[at - n - 1] === ch) n++;
  return n;
}
function runRight(s: string, at: number, ch: string): number {
  let n = 0;
  while (at + n < s.length && s[at + n] === ch) n++;
  return n;
}

/** Whether a run of `n` asterisks holds the emphasis `width` (1 italic, 2 bold): 3 holds both. */
const holds = (n: number, width: number) => n === width || n === 3;

/** The word around a caret, as [start, end] (equal when the caret is not in a word). */
function wordAt(text: string, at: number): [number, number] {
  const isWord = (c: string | undefined) => c !== undefined && /[\p{L}\p{N}_'’-]/u.test(c);
  let a = at;
  let b = at;
  while (isWord(text[a - 1])) a--;
  while (isWord(text[b])) b++;
  return [a, b];
}

/**
 * Toggles emphasis on the selection: `**bold**` (width 2) or `*italic*` (width 1). Spaces at the
 * ends of the selection stay outside the markers (Markdown needs them there). An empty selection
 * takes the word at the caret, or inserts the markers with the caret between them. Emphasis the
 * selection already has (markers just outside or just inside it) is taken off instead.
 */
export function toggleEmphasis(e: Edit, width: 1 | 2): Edit {
  let { start, end } = e;
  const { text } = e;
  if (start === end) [start, end] = wordAt(text, start);
  while (start < end && /\s/.test(text[start])) start++;
  while (end > start && /\s/.test(text[end - 1])) end--;
  const m = '*'.repeat(width);
  if (start === end) {
    return { text: text.slice(0, start) + m + m + text.slice(end), start: start + width, end: start + width };
  }
  // Markers just outside the selection.
  const outside = Math.min(runLeft(text, start, '*'), runRight(text, end, '*'));
  if (holds(outside, width)) {
    return {
      text: text.slice(0, start - width) + text.slice(start, end) + text.slice(end + width),
      start: start - width,
      end: end - width,
    };
  }
  // Markers just inside it.
  const inside = Math.min(runRight(text, start, '*'), runLeft(text, end, '*'));
  if (end - start > 2 * width && holds(inside, width)) {
    const inner = text.slice(start + width, end - width);
    return { text: text.slice(0, start) + inner + text.slice(end), start, end: start + inner.length };
  }
  return {
    text: text.slice(0, start) + m + text.slice(start, end) + m + text.slice(end),
    start: start + width,
    end: end + width,
  };
}

/**
 * Whether a link address is one the renderer links, and if not, why. The rules are the
 * renderer's for links written in Markdown (`safe_url` with `UrlPolicy::MarkdownLink` in
 * almanac-render): `http`/`https` with a host, `mailto:` with an address, or a path, query or
 * fragment on the same site; never another scheme, never `//host`. Tabs and line breaks are
 * removed and spaces at the ends trimmed first, as a browser does.
 */
export function checkLinkUrl(raw: string): { ok: true; url: string } | { ok: false; reason: string } {
  // eslint-disable-next-line no-control-regex
  const url = raw.replace(/[\t\n\r]/g, '').replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '');
  if (!url) return { ok: false, reason: 'Type the address to link to.' };
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f-\u009f]/.test(url)) return { ok: false, reason: 'The address holds a control character.' };
  const delim = url.search(/[/?#]/);
  const colon = url.indexOf(':');
  const scheme = colon >= 0 && (delim < 0 || colon < delim) ? url.slice(0, colon).toLowerCase() : null;
  if (scheme === 'http' || scheme === 'https') {
    const rest = url.slice(colon + 1);
    if (!rest.startsWith('//') || rest.length < 3 || '/\\?#'.includes(rest[2])) {
      return { ok: false, reason: `A web address needs a host after “${scheme}://”, as in https://example.org/page.` };
    }
    if (/\s/.test(url)) return { ok: false, reason: 'A web address cannot hold spaces (write them as %20).' };
    return { ok: true, url };
  }
  if (scheme === 'mailto') {
    return url.length > 'mailto:'.length ? { ok: true, url } : { ok: false, reason: 'Write the e-mail address after “mailto:”.' };
  }
  if (scheme !== null) {
    return {
      ok: false,
      reason: `The page does not link “${scheme}:” addresses: only http, https and mailto links, or a path on this site.`,
    };
  }
  if (/^[/\\][/\\]/.test(url)) {
    return { ok: false, reason: 'An address starting with “//” would leave the site: write it with https:// in front.' };
  }
  return { ok: true, url };
}

/** A link's text as Markdown link text: brackets and backslashes escaped. */
function linkText(s: string): string {
  return s.replace(/([\\[\]])/g, '\\$1');
}

/** A destination as Markdown writes it: in angle brackets when it holds spaces or parentheses. */
export function linkDestination(url: string): string {
  return /[\s()<>]/.test(url) ? `<${url.replace(/([<>])/g, '\\$1')}>` : url;
}

/**
 * Makes the selection a link to `url` (already accepted by `checkLinkUrl`): `[text](url)`. An
 * empty selection uses the word at the caret, or the address itself as the text. The link
 * text ends up selected.
 */
export function insertLink(e: Edit, url: string): Edit {
  let { start, end } = e;
  const { text } = e;
  if (start === end) [start, end] = wordAt(text, start);
  while (start < end && /\s/.test(text[start])) start++;
  while (end > start && /\s/.test(text[end - 1])) end--;
  const label = start === end ? linkText(url) : text.slice(start, end);
  const md = `[${label}](${linkDestination(url)})`;
  return { text: text.slice(0, start) + md + text.slice(end), start: start + 1, end: start + 1 + label.length };
}

const LIST_MARK = /^(\s*)(?:[-*+]|\d{1,9}[.)])\s+/;

/**
 * Toggles a list on the lines the selection touches: each non-blank line becomes an item (`- `,
 * or `1. `, `2. `… numbered), replacing any list marker it had. When every such line already
 * is an item of that kind, the markers are taken off instead. The changed lines end up selected.
 */
export function toggleList(e: Edit, kind: 'numbered' | 'bulleted'): Edit {
  const { text } = e;
  const from = text.lastIndexOf('\n', e.start - 1) + 1;
  // A selection that ends at the start of a line does not take that line.
  const stop = e.end > e.start && text[e.end - 1] === '\n' ? e.end - 1 : e.end;
  const nl = text.indexOf('\n', stop);
  const to = nl < 0 ? text.length : nl;
  const lines = text.slice(from, to).split('\n');
  const want = kind === 'numbered' ? /^\s*\d{1,9}[.)]\s+/ : /^\s*[-*+]\s+/;
  const filled = lines.filter((l) => l.trim() !== '');
  const off = filled.length > 0 && filled.every((l) => want.test(l));
  let n = 0;
  const out = lines.map((l) => {
    if (l.trim() === '') return l;
    const bare = l.replace(LIST_MARK, '$1');
    if (off) return bare;
    n++;
    const m = /^(\s*)(.*)$/s.exec(bare)!;
    return `${m[1]}${kind === 'numbered' ? `${n}.` : '-'} ${m[2]}`;
  });
  const block = out.join('\n');
  return { text: text.slice(0, from) + block + text.slice(to), start: from, end: from + block.length };
}

/** Replaces the selection with `insert`, leaving the caret after it. */
export function replaceSelection(e: Edit, insert: string): Edit {
  const at = e.start + insert.length;
  return { text: e.text.slice(0, e.start) + insert + e.text.slice(e.end), start: at, end: at };
}
