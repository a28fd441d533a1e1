// Word counts and reading times, for editors sizing a guide.
//
// The rule, once: a guide is counted as its reader reads the page's running text: every
// Markdown field the shape marks (the TL;DR, the key takeaways, section bodies, the deal table's
// footnote, timeline details, FAQ answers), and the heading or question that introduces each
// block of Markdown (a section's heading, a FAQ question: the item's name fields). Tables,
// charts, titles, links and sources are looked at, not read, and are not counted.
// Markdown is counted as the page shows it: markers (`**`, `#`, `-`, `|`), link and image
// addresses, footnote labels and code-fence lines are not words. A word is what Intl.Segmenter
// calls word-like in the text's language (so text without spaces between words is counted
// word by word; a hyphenated compound counts its parts), or else a run of letters and digits.
// Reading time is words ÷ 230 words a minute, rounded to the nearest minute, and "under a
// minute" below half a minute.
import { FORM_PARTS, partShape } from './shape';
import type { Guide } from './types';

/** Words a minute, for an adult reading running text on screen. */
export const WORDS_PER_MINUTE = 230;

/** The text a reader sees of a Markdown string. */
export function visibleText(md: string): string {
  return (
    md
      // Fenced code markers (the code itself is shown, and counted).
      .replace(/^\s*(```|~~~).*$/gm, ' ')
      // Images show their alt text; links their text.
      .replace(/!?\[([^\]]*)\]\((?:<[^>]*>|[^)\s]*)(?:\s+"[^"]*")?\)/g, '$1')
      // Footnote references and definition labels; reference-style definitions.
      .replace(/\[\^[^\]]*\]:?/g, ' ')
      .replace(/^\s*\[[^\]]+\]:\s*\S+.*$/gm, ' ')
      // Autolinks.
      .replace(/<((?:https?|mailto):[^>\s]*)>/gi, ' ')
      // Table separator rows and pipes; heading, quote and list markers; emphasis and code marks.
      .replace(/^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$/gm, ' ')
      .replace(/\|/g, ' ')
      .replace(/^\s{0,3}(#{1,6}|>+|[-*+]|\d{1,9}[.)])\s+/gm, ' ')
      .replace(/[*_~`]+/g, ' ')
  );
}

let segmenters = new Map<string, Intl.Segmenter | null>();

function segmenter(lang: string): Intl.Segmenter | null {
  if (!segmenters.has(lang)) {
    let s: Intl.Segmenter | null = null;
    try {
      s = typeof Intl !== 'undefined' && 'Segmenter' in Intl ? new Intl.Segmenter(lang || undefined, { granularity: 'word' }) : null;
    } catch {
      s = null;
    }
    if (segmenters.size > 16) segmenters = new Map();
    segmenters.set(lang, s);
  }
  return segmenters.get(lang) ?? null;
}

/**
 * Counts already made, by language and text: the whole guide is counted again on every
 * keystroke, and only the edited field's text is new (segmenting every field each time costs
 * milliseconds on a large guide). Emptied when it grows past `MEMO_LIMIT` texts.
 */
const memo = new Map<string, Map<string, number>>();
const MEMO_LIMIT = 20_000;
let memoSize = 0;

function memoised(kind: string, text: string, lang: string, count: () => number): number {
  const key = `${kind}\u0000${lang}`;
  let byText = memo.get(key);
  if (!byText) memo.set(key, (byText = new Map()));
  const known = byText.get(text);
  if (known !== undefined) return known;
  const n = count();
  if (memoSize >= MEMO_LIMIT) {
    memo.clear();
    memoSize = 0;
    memo.set(key, (byText = new Map()));
  }
  byText.set(text, n);
  memoSize++;
  return n;
}

/** The words in plain text, in language `lang`. */
export function countWords(text: string, lang = 'en'): number {
  return memoised('text', text, lang, () => countWordsNow(text, lang));
}

function countWordsNow(text: string, lang: string): number {
  const seg = segmenter(lang);
  if (seg) {
    let n = 0;
    for (const s of seg.segment(text)) if (s.isWordLike) n++;
    return n;
  }
  return text.match(/[\p{L}\p{N}]+(?:['’.-][\p{L}\p{N}]+)*/gu)?.length ?? 0;
}

/** The words a reader reads in Markdown `md`. */
export function markdownWords(md: string, lang = 'en'): number {
  return memoised('markdown', md, lang, () => countWordsNow(visibleText(md), lang));
}

type Fields = Record<string, unknown>;

/** The words of one item of `part` as the rule counts them: its Markdown fields, and its name when they are blocks. */
export function itemWords(part: string, item: object, lang = 'en'): number {
  const shape = partShape(part as Parameters<typeof partShape>[0]);
  if (!shape) return 0;
  const it = item as Fields;
  const own = typeof it.lang === 'string' && it.lang ? it.lang : lang;
  let n = 0;
  let block = false;
  for (const f of shape.fields) {
    const v = it[f.key];
    if (!f.markdown || typeof v !== 'string') continue;
    n += markdownWords(v, own);
    block ||= f.markdown === 'block';
  }
  if (block) for (const k of shape.name_fields) if (typeof it[k] === 'string') n += countWords(it[k] as string, own);
  return n;
}

/** The words of a guide as the rule above counts them, in total and per list item (by id). */
export function guideWords(g: Guide): { total: number; items: Map<string, number> } {
  const lang = g.meta.lang;
  const items = new Map<string, number>();
  let total = 0;
  for (const p of FORM_PARTS) {
    if (!p.fields.some((f) => f.markdown)) continue;
    // The part's own fields sit beside its list (the deal table's footnote), or on the guide (the TL;DR).
    let holder: unknown = g;
    for (const k of (p.list_path ?? []).slice(0, -1)) holder = (holder as Fields)[k];
    const list = p.list_path ? (holder as Fields)[p.list_path[p.list_path.length - 1]] : null;
    for (const f of p.fields) {
      const v = (holder as Fields)[f.key];
      if (f.markdown && typeof v === 'string') total += markdownWords(v, lang);
    }
    if (!Array.isArray(list)) continue;
    for (const it of list as { id: string }[]) {
      const n = itemWords(p.part, it, lang);
      items.set(it.id, n);
      total += n;
    }
  }
  return { total, items };
}

/** Reading time for `words`: "under a minute", "1 min", "12 min". */
export function readingTime(words: number): string {
  const minutes = Math.round(words / WORDS_PER_MINUTE);
  return minutes < 1 ? 'under a minute' : `${minutes} min`;
}

/** "1,234 words · 5 min read". */
export function wordsAndTime(words: number): string {
  const w = `${words.toLocaleString('en')} ${words === 1 ? 'word' : 'words'}`;
  const t = readingTime(words);
  return words === 0 ? w : `${w} · ${t === 'under a minute' ? 'under a minute to read' : `${t} read`}`;
}
