// The guide's parts, lists, limits and review states are written down once, in Rust, and reach
// the UI only through the generated SHAPE. This test reads every source file of the UI and fails
// on a hand-made copy: a literal listing several list parts or review states, a Record keyed by
// every part or state, or the number of a limit.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { LIMITS, LIST_PARTS, STATES } from './shape';

const SRC = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The UI's own source files: generated bindings, tests and test helpers aside. */
function sourceFiles(): string[] {
  return (readdirSync(SRC, { recursive: true }) as string[])
    .filter((f) => /\.(ts|svelte)$/.test(f) && !/\.test\.ts$/.test(f))
    .filter((f) => !f.startsWith(join('lib', 'bindings') + sep) && !f.startsWith('test' + sep));
}

const LIST_KEYS = LIST_PARTS.map((p) => p.key);
const LIMIT_NUMBERS = [...new Set(Object.values(LIMITS))];

/** The code without comments, style blocks and timer delays (which may share a limit's number). */
function codeOf(src: string): string {
  return src
    .replace(/<style[\s\S]*?<\/style>/g, '')
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/(^|[^:\\'"`])\/\/.*$/gm, '$1')
    .replace(/\b(setTimeout|setInterval)\(([\s\S]*?),\s*\d+\s*\)/g, '$1($2)');
}

/** Every bracket or brace literal in `code`, as [open, close] offsets (escaped brackets aside). */
function spans(code: string): [number, number][] {
  const out: [number, number][] = [];
  const stack: number[] = [];
  for (let i = 0; i < code.length; i++) {
    const c = code[i];
    if (c === '\\') i++;
    else if (c === '[' || c === '{') stack.push(i);
    else if ((c === ']' || c === '}') && stack.length && code[stack[stack.length - 1]] === (c === ']' ? '[' : '{')) {
      out.push([stack.pop()!, i]);
    }
  }
  return out;
}

/** The text of a span at its own depth: nested literals left out. */
function ownLevel(code: string, open: number, close: number): string {
  let depth = 0;
  let own = '';
  for (let i = open + 1; i < close; i++) {
    const c = code[i];
    if (c === '[' || c === '{') depth++;
    else if (c === ']' || c === '}') depth--;
    else if (depth === 0) own += c;
  }
  return own;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The keys a literal names: as strings anywhere in it, or at its own level as names (`ownAs`:
 * any name, or only a property name before a colon).
 */
function keysNamed(keys: readonly string[], ownAs: 'name' | 'property', code: string, open: number, close: number): string[] {
  const inside = code.slice(open + 1, close);
  const own = ownLevel(code, open, close);
  return keys.filter((key) => {
    const k = escape(key);
    const asName = ownAs === 'name' ? `(?<![\\w$])${k}(?![\\w$])` : `(?<![\\w$.])${k}\\s*:`;
    return new RegExp(`(['"\`])${k}\\1`).test(inside) || new RegExp(asName).test(own);
  });
}

/** What in `src` copies the guide's shape by hand, one line of explanation each. */
function handMadeShape(src: string): string[] {
  const code = codeOf(src);
  const found: string[] = [];
  for (const [open, close] of spans(code)) {
    const excerpt = code.slice(open, Math.min(close + 1, open + 80));
    const parts = keysNamed(LIST_KEYS, 'name', code, open, close);
    if (parts.length >= 2) found.push(`a literal listing parts (${parts.join(', ')}): ${excerpt}`);
    const states = keysNamed(STATES, 'property', code, open, close);
    if (states.length >= 2) found.push(`a literal listing review states (${states.join(', ')}): ${excerpt}`);
  }
  for (const m of code.matchAll(/Record<\s*(Part|VersionState)\s*,/g)) found.push(`a Record keyed by every ${m[1]}`);
  for (const n of LIMIT_NUMBERS) {
    for (const m of code.matchAll(new RegExp(`(?<![\\w.$-])${n}(?![\\w.%])`, 'g'))) {
      const end = code.indexOf('\n', m.index);
      found.push(`the limit ${n}: ${code.slice(code.lastIndexOf('\n', m.index) + 1, end < 0 ? undefined : end).trim()}`);
    }
  }
  return found;
}

describe('the guide’s shape comes from Rust only', () => {
  it('finds the hand-made copies the UI used to have', () => {
    const oldCode = [
      // diff.ts
      `export const PART_LABELS: Record<Part, string> = {
  meta: 'Metadata',
  tldr: 'TL;DR',
  takeaways: 'Key takeaways',
  sections: 'Sections',
  sources: 'More on the topic',
};`,
      // listops.ts
      `for (const list of [g.takeaways, g.sections, g.figures, g.deals.rows, g.timeline, g.related_topics, g.related_guides, g.faq, g.sources]) {}`,
      // EditorForm.svelte
      `const parts = [
    { id: 'meta', title: 'Details' },
    { id: 'takeaways', title: 'Key takeaways' },
    { id: 'sections', title: 'Sections' },
  ];`,
      // review.ts
      `export function listOf(g: Guide, part: string): { id: string }[] | null {
  switch (part) {
    case 'takeaways':
      return g.takeaways;
    case 'sections':
      return g.sections;
    default:
      return null;
  }
}`,
      `const t: Record<VersionState, VersionState[]> = { draft: ['in_review', 'archived'] };`,
      `export const INITIAL_STATES: VersionState[] = ['draft', 'in_review'];`,
      // types.ts
      `export const VERSION_STATES = ['draft', 'in_review', 'approved', 'live', 'archived'] as const;`,
      `export const STATE_LABELS: Record<string, string> = {
  draft: 'Draft',
  in_review: 'In review',
};`,
      `export const TLDR_MAX = 800;`,
      `export const FAQ_ANSWER_MAX = 1200;`,
      // EditorForm.svelte, paths.ts
      `<TextField path="tldr" max={${LIMITS.tldr_max}} value={guide.tldr} />`,
      `return title.toLowerCase().slice(0, ${LIMITS.slug_max});`,
    ];
    for (const src of oldCode) expect(handMadeShape(src), src).not.toEqual([]);
  });

  it('lets code that reads the shape, or merely names one part, pass', () => {
    const cleanCode = [
      `for (const p of LIST_PARTS) { for (const it of listOf(g, p.part)) s.add(it.id); }`,
      `{#if p.part === 'meta'}<MetaPart {guide} />{:else if p.part === 'takeaways'}<TakeawaysPart {guide} />{/if}`,
      `<TextField path="tldr" max={LIMITS.tldr_max} value={guide.tldr} testid="tldr" />`,
      `const t = setTimeout(() => refreshKey++, ${LIMITS.takeaway_max});`,
      `const restorable = (p: Part) => !isDerived(p); // not 'takeaways' or 'sections'`,
      `if (a.kind === 'draft' || status.approved) { onCompare({ kind: 'version', version_id: v.id }); }`,
      `const precisionHint: Record<DatePrecision, string> = { year: '2019', month: '2019-07', day: '2019-07-22' };`,
    ];
    for (const src of cleanCode) expect(handMadeShape(src), src).toEqual([]);
  });

  it('finds no hand-made copy in the UI', () => {
    const files = sourceFiles();
    expect(files.length).toBeGreaterThan(20);
    for (const f of files) {
      expect(handMadeShape(readFileSync(join(SRC, f), 'utf8')), relative(SRC, join(SRC, f))).toEqual([]);
    }
  });
});
