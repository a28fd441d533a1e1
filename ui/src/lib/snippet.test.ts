import { describe, expect, it } from 'vitest';
import { render } from '@testing-library/svelte';
import Snippet from './components/Snippet.svelte';
import { slugify, pathAncestors } from './paths';

describe('search snippets', () => {
  it('marks the matched runs and keeps every run as text, never markup', () => {
    const { container } = render(Snippet, {
      runs: [
        { text: '5 <b>GW</b> from ', mark: false },
        { text: 'Amazon', mark: true },
        { text: ' & more', mark: false },
      ],
    });
    const snippet = container.querySelector('.snippet')!;
    expect([...snippet.querySelectorAll('mark')].map((m) => m.textContent)).toEqual(['Amazon']);
    expect(snippet.querySelector('b')).toBeNull();
    expect(snippet.textContent).toBe('5 <b>GW</b> from Amazon & more');
  });
  it('renders a raw tag in a run as text', () => {
    const { container } = render(Snippet, { runs: [{ text: '<img src=x onerror=alert(1)>', mark: false }] });
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelector('.snippet')!.textContent).toBe('<img src=x onerror=alert(1)>');
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
