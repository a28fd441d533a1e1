import { describe, expect, it } from 'vitest';
import { snippetParts } from './snippet';
import { slugify, pathAncestors } from './paths';

describe('search snippets', () => {
  it('keeps <mark> highlights and decodes escaped text without creating markup', () => {
    const parts = snippetParts('5 &lt;b&gt;GW&lt;/b&gt; from <mark>Amazon</mark> &amp; more');
    expect(parts).toEqual([
      { text: '5 <b>GW</b> from ', mark: false },
      { text: 'Amazon', mark: true },
      { text: ' & more', mark: false },
    ]);
  });
  it('treats any other raw tag as text', () => {
    expect(snippetParts('<img src=x onerror=alert(1)>')).toEqual([{ text: '<img src=x onerror=alert(1)>', mark: false }]);
  });
});

describe('paths and slugs', () => {
  it('lists a path and its ancestors', () => {
    expect(pathAncestors('deals[3].partner')).toEqual(['deals[3].partner', 'deals[3]', 'deals']);
    expect(pathAncestors('meta.version.label')).toEqual(['meta.version.label', 'meta.version', 'meta']);
  });
  it('derives a safe slug from a title', () => {
    expect(slugify('Training Infrastructure: The Gigawatt Race!')).toBe('training-infrastructure-the-gigawatt-race');
    expect(slugify('Ça va — über')).toBe('ca-va-uber');
  });
});
