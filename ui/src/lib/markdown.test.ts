import { describe, expect, it } from 'vitest';
import { checkLinkUrl, helperFor, insertLink, shortcutsHint, toggleEmphasis, toggleList, type Edit } from './markdown';

/** `text` with the selection marked by [ and ] (or one | for a caret). */
function sel(marked: string): Edit {
  if (marked.includes('|')) {
    const at = marked.indexOf('|');
    return { text: marked.replace('|', ''), start: at, end: at };
  }
  const start = marked.indexOf('[');
  const end = marked.indexOf(']') - 1;
  return { text: marked.replace('[', '').replace(']', ''), start, end };
}
const show = (e: Edit) =>
  e.start === e.end
    ? e.text.slice(0, e.start) + '|' + e.text.slice(e.start)
    : e.text.slice(0, e.start) + '[' + e.text.slice(e.start, e.end) + ']' + e.text.slice(e.end);

describe('emphasis (Ctrl+B, Ctrl+I)', () => {
  it('wraps the selection, keeping spaces at its ends outside the markers', () => {
    expect(show(toggleEmphasis(sel('Up to [5 GW ]of power'), 2))).toBe('Up to **[5 GW]** of power');
    expect(show(toggleEmphasis(sel('Up to [5 GW] of power'), 1))).toBe('Up to *[5 GW]* of power');
  });
  it('takes the word at the caret, or inserts the markers', () => {
    expect(show(toggleEmphasis(sel('a big| deal'), 2))).toBe('a **[big]** deal');
    expect(show(toggleEmphasis(sel('a | b'), 2))).toBe('a **|** b');
  });
  it('toggles off emphasis the selection already has, outside or inside it', () => {
    expect(show(toggleEmphasis(sel('a **[big]** deal'), 2))).toBe('a [big] deal');
    expect(show(toggleEmphasis(sel('a [**big**] deal'), 2))).toBe('a [big] deal');
    expect(show(toggleEmphasis(sel('a *[big]* deal'), 1))).toBe('a [big] deal');
    // Italic inside bold: Ctrl+I adds italic, it does not take a star of the bold.
    expect(show(toggleEmphasis(sel('a **[big]** deal'), 1))).toBe('a ***[big]*** deal');
    expect(show(toggleEmphasis(sel('a ***[big]*** deal'), 2))).toBe('a *[big]* deal');
  });
});

describe('lists (Ctrl+Shift+7, Ctrl+Shift+8)', () => {
  it('numbers the selected lines, skipping blank ones, and toggles back', () => {
    const on = toggleList(sel('Intro\n[Alpha\nBeta\n\nGamma]\nAfter'), 'numbered');
    expect(show(on)).toBe('Intro\n[1. Alpha\n2. Beta\n\n3. Gamma]\nAfter');
    expect(show(toggleList(on, 'numbered'))).toBe('Intro\n[Alpha\nBeta\n\nGamma]\nAfter');
  });
  it('turns a numbered list into bullets, and takes the caret’s line alone', () => {
    expect(toggleList(sel('[1. Alpha\n2. Beta]'), 'bulleted').text).toBe('- Alpha\n- Beta');
    expect(toggleList(sel('one\ntw|o\nthree'), 'bulleted').text).toBe('one\n- two\nthree');
  });
  it('does not take the line after a selection that ends at a line start', () => {
    expect(toggleList(sel('[one\n]two'), 'bulleted').text).toBe('- one\ntwo');
  });
});

describe('links (Ctrl+K)', () => {
  it('accepts what the renderer links', () => {
    for (const u of [
      'https://example.org/a?b#c',
      'http://x.example',
      'mailto:a@b.example',
      '/guides/chips',
      '#faq',
      '?q=1',
      ' https://x.example ',
    ]) {
      expect(checkLinkUrl(u).ok, u).toBe(true);
    }
  });
  it('refuses what the renderer refuses, saying why', () => {
    const cases: [string, RegExp][] = [
      ['javascript:alert(1)', /does not link “javascript:”/],
      ['JaVa\tScript:alert(1)', /does not link “javascript:”/],
      ['data:text/html,x', /does not link “data:”/],
      ['//evil.example/x', /would leave the site/],
      ['\\\\evil.example', /would leave the site/],
      ['https:/x', /needs a host/],
      ['https:///x', /needs a host/],
      ['https://x.example/a b', /spaces/],
      ['mailto:', /e-mail address/],
      ['', /Type the address/],
    ];
    for (const [u, why] of cases) {
      const c = checkLinkUrl(u);
      expect(c.ok, u).toBe(false);
      if (!c.ok) expect(c.reason, u).toMatch(why);
    }
  });
  it('links the selection, or the word at the caret, or the address itself', () => {
    expect(show(insertLink(sel('see [the report] here'), 'https://x.example/r'))).toBe('see [[the report]](https://x.example/r) here');
    expect(insertLink(sel('see | here'), 'https://x.example').text).toBe('see [https://x.example](https://x.example) here');
    expect(insertLink(sel('a [b] c'), '/path (1)').text).toBe('a [b](</path (1)>) c');
  });
});

describe('keys', () => {
  const key = (k: string, code: string, mods: Partial<KeyboardEvent> = {}) =>
    ({ key: k, code, ctrlKey: true, metaKey: false, altKey: false, shiftKey: false, ...mods }) as KeyboardEvent;
  it('maps the shortcuts, lists only in block Markdown', () => {
    expect(helperFor(key('b', 'KeyB'), 'inline')).toBe('bold');
    expect(helperFor(key('I', 'KeyI'), 'inline')).toBe('italic');
    expect(helperFor(key('k', 'KeyK'), 'block')).toBe('link');
    expect(helperFor(key('&', 'Digit7', { shiftKey: true }), 'block')).toBe('numbered');
    expect(helperFor(key('*', 'Digit8', { shiftKey: true }), 'block')).toBe('bulleted');
    expect(helperFor(key('*', 'Digit8', { shiftKey: true }), 'inline')).toBeNull();
    expect(helperFor(key('b', 'KeyB', { ctrlKey: false }), 'block')).toBeNull();
    expect(helperFor(key('z', 'KeyZ'), 'block')).toBeNull();
    expect(shortcutsHint('block')).toContain('Ctrl+Shift+8');
    expect(shortcutsHint('inline')).not.toContain('Ctrl+Shift');
  });
});
