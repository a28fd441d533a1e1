// Colour contrast of the app's text (WCAG 2 AA: 4.5:1; the app has no large text). Parses
// app.css: its custom properties for the light look and dark's overrides, and the rules that
// colour text, then checks each text colour against every surface it is shown on.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const CSS = readFileSync(join(dirname(fileURLToPath(import.meta.url)), 'app.css'), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
const AA = 4.5;

type Rgba = [number, number, number, number];
type Vars = Record<string, string>;

/** The declarations of a `{ … }` body. */
function declarations(body: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const d of body.split(';')) {
    const i = d.indexOf(':');
    if (i > 0) out[d.slice(0, i).trim()] = d.slice(i + 1).trim();
  }
  return out;
}

/** Top-level rules and at-rule blocks of `css`: [prelude, body] in order. */
function blocks(css: string): [string, string][] {
  const out: [string, string][] = [];
  let depth = 0;
  let start = 0;
  let open = 0;
  for (let i = 0; i < css.length; i++) {
    if (css[i] === '{') {
      if (depth === 0) open = i;
      depth++;
    } else if (css[i] === '}') {
      depth--;
      if (depth === 0) {
        out.push([css.slice(start, open).trim(), css.slice(open + 1, i)]);
        start = i + 1;
      }
    }
  }
  return out;
}

const top = blocks(CSS);
const rootBody = top.find(([p]) => p === ':root')?.[1];
const darkMedia = top.find(([p]) => /^@media\s*\(prefers-color-scheme:\s*dark\)$/.test(p))?.[1];
const darkRoot = darkMedia === undefined ? undefined : blocks(darkMedia).find(([p]) => p === ':root')?.[1];
if (rootBody === undefined || darkRoot === undefined)
  throw new Error('app.css: no :root block, or none in @media (prefers-color-scheme: dark)');
const LIGHT: Vars = declarations(rootBody);
const DARK: Vars = { ...LIGHT, ...declarations(darkRoot) };
const LOOKS: [string, Vars][] = [
  ['light', LIGHT],
  ['dark', DARK],
];

/** The declaration `prop` of the top-level rule(s) listing `selector` (the last one wins). */
function ruleValue(selector: string, prop: string): string | undefined {
  let value: string | undefined;
  for (const [prelude, body] of top) {
    if (prelude.startsWith('@')) continue;
    if (!prelude.split(',').some((s) => s.trim().replace(/\s+/g, ' ') === selector)) continue;
    const d = declarations(body);
    if (prop in d) value = d[prop];
  }
  return value;
}

/** Splits `s` at commas outside parentheses. */
function args(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of s) {
    if (ch === ',' && depth === 0) {
      out.push(cur.trim());
      cur = '';
      continue;
    }
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    cur += ch;
  }
  out.push(cur.trim());
  return out;
}

/** A colour value: #rgb, #rrggbb, transparent, var(--x), color-mix(in srgb, A p%, B). */
function color(value: string, vars: Vars): Rgba {
  const v = value.trim();
  const ref = /^var\((--[\w-]+)\)$/.exec(v);
  if (ref) {
    if (!(ref[1] in vars)) throw new Error(`app.css: ${ref[1]} is not defined`);
    return color(vars[ref[1]], vars);
  }
  if (v === 'transparent') return [0, 0, 0, 0];
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(v);
  if (hex) {
    const h = hex[1].length === 3 ? [...hex[1]].map((c) => c + c).join('') : hex[1];
    return [parseInt(h.slice(0, 2), 16), parseInt(h.slice(2, 4), 16), parseInt(h.slice(4, 6), 16), 1];
  }
  const mix = /^color-mix\(in srgb,(.*)\)$/.exec(v);
  if (mix) {
    const [a, b] = args(mix[1]);
    const pa = /^(.*)\s+([\d.]+)%$/.exec(a);
    if (!pa) throw new Error(`unsupported color-mix argument: ${a}`);
    const p = Number(pa[2]) / 100;
    const ca = color(pa[1], vars);
    const cb = color(b, vars);
    // Premultiplied interpolation, as CSS Color 5 specifies.
    const alpha = ca[3] * p + cb[3] * (1 - p);
    const ch = (i: number) => (alpha === 0 ? 0 : (ca[i] * ca[3] * p + cb[i] * cb[3] * (1 - p)) / alpha);
    return [ch(0), ch(1), ch(2), alpha];
  }
  throw new Error(`unsupported colour value: ${v}`);
}

/** `fg` painted over the opaque `bg`. */
function over(fg: Rgba, bg: Rgba): Rgba {
  const a = fg[3];
  return [0, 1, 2].map((i) => fg[i] * a + bg[i] * (1 - a)).concat(1) as Rgba;
}

function luminance([r, g, b]: Rgba): number {
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

/** WCAG 2 contrast ratio of text `fg` on `bg` (both resolved; `fg` painted over `bg`). */
function contrast(fg: Rgba, bg: Rgba): number {
  const a = luminance(over(fg, bg));
  const b = luminance(bg);
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}

function ratio(fg: string, bg: string, vars: Vars): number {
  return contrast(color(fg, vars), color(bg, vars));
}

describe('contrast arithmetic', () => {
  it('gives WCAG’s ratios', () => {
    expect(ratio('#000', '#fff', LIGHT)).toBeCloseTo(21, 6);
    expect(ratio('#8a93a3', '#ffffff', LIGHT)).toBeCloseTo(3.096, 3);
    expect(ratio('#767676', '#ffffff', LIGHT)).toBeCloseTo(4.542, 3);
  });
  it('mixes with transparent as a see-through colour', () => {
    expect(color('color-mix(in srgb, #208040 25%, transparent)', LIGHT)).toEqual([32, 128, 64, 0.25]);
    expect(color('color-mix(in srgb, #000000 50%, #ffffff)', LIGHT)).toEqual([127.5, 127.5, 127.5, 1]);
  });
});

// Text colour → the surfaces it is shown on (custom property names).
const PAIRS: [string, string[], string][] = [
  ['--text', ['--bg', '--panel', '--sunken', '--accent-soft', '--warn-soft', '--error-soft'], 'body text, banners, the viewing bar'],
  ['--muted', ['--bg', '--panel', '--sunken', '--accent-soft', '--border'], 'labels, meta lines, the draft badge'],
  ['--faint', ['--bg', '--panel', '--sunken'], 'hints, slugs, counters, finding paths, placeholders'],
  ['--accent', ['--panel', '--sunken', '--accent-soft'], 'links, pressed toggles, the approved badge'],
  ['--error', ['--panel', '--sunken', '--error-soft'], 'messages, error counts'],
  ['--warn', ['--panel', '--sunken', '--accent-soft', '--warn-soft'], 'warnings, unpublished edits, the in-review badge'],
  ['--ok', ['--panel'], 'saved, added'],
  ['--accent-text', ['--accent'], 'primary buttons'],
  ['--panel', ['--error'], 'the error count badge'],
];

describe.each(LOOKS)('%s look', (_look, vars) => {
  for (const [fg, surfaces, what] of PAIRS) {
    it.each(surfaces)(`${fg} (${what}) on %s reaches ${AA}:1`, (bg) => {
      expect(ratio(`var(${fg})`, `var(${bg})`, vars)).toBeGreaterThanOrEqual(AA);
    });
  }

  // Review state badges: their own background, on the library (sunken; hovered: panel; the open
  // guide: accent-soft), the Versions panel and dialogs (panel) and the compare summary (sunken).
  it.each(['', '.draft', '.in_review', '.approved', '.live', '.archived'])(`state badge %s reaches ${AA}:1 on every surface`, (state) => {
    const sel = `.state-badge${state}`;
    const fg = ruleValue(sel, 'color') ?? ruleValue('.state-badge', 'color');
    const bg = ruleValue(sel, 'background') ?? ruleValue('.state-badge', 'background');
    expect(fg && bg, `${sel} has a colour and a background`).toBeTruthy();
    for (const surface of ['--panel', '--sunken', '--accent-soft']) {
      const badge = over(color(bg!, vars), color(`var(${surface})`, vars));
      expect(contrast(color(fg!, vars), badge), `${sel} on ${surface}`).toBeGreaterThanOrEqual(AA);
    }
  });

  // Rules that colour text, on the surfaces where they are shown: a custom property, or the
  // background of a rule (the element's own).
  const RULES: [string, string[]][] = [
    ['.hint', ['--panel']],
    ['.counter', ['--panel']],
    ['.doc-slug', ['--panel']],
    ['.preview-meta', ['--panel']],
    ['.finding .where', ['--sunken', '--panel']],
    ['.lib-meta', ['--sunken', '--panel', '--accent-soft']],
    ['.lib-live.edits', ['--sunken', '--panel', '--accent-soft']],
    ['.unknown-toggle', ['.unknown-toggle']],
    [".unknown-toggle[aria-pressed='true']", [".unknown-toggle[aria-pressed='true']"]],
    [".segmented button[aria-pressed='true']", [".segmented button[aria-pressed='true']"]],
    ['input::placeholder', ['--panel']],
    ['.cell.unknown input::placeholder', ['--panel']],
    ['.absent', ['--panel', '--sunken']],
    ['.kind-badge.added', ['--panel']],
    ['.kind-badge.moved', ['--panel']],
    ['.chip.added', ['.chip']],
    ['.chip.moved', ['.chip']],
    ['.badge.error', ['.badge.error']],
  ];
  it.each(RULES)(`%s reaches ${AA}:1 on %j`, (sel, surfaces) => {
    const fg = ruleValue(sel, 'color');
    expect(fg, `${sel} sets a colour`).toBeTruthy();
    for (const surface of surfaces) {
      const bg = surface.startsWith('--') ? `var(${surface})` : ruleValue(surface, 'background');
      expect(bg, `${surface} has a background`).toBeTruthy();
      expect(ratio(fg!, bg!, vars), `${sel} on ${surface}`).toBeGreaterThanOrEqual(AA);
    }
  });
});
