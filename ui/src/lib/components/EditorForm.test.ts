import { beforeEach, describe, expect, it, vi } from 'vitest';
vi.mock('@tauri-apps/api/core', () => ({ invoke: vi.fn() }));
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import EditorHarness from '../../test/EditorHarness.svelte';
import { draftOf, smallGuide } from '../../test/fixtures';
import { installIpc, oneGuideStore } from '../../test/ipc';
import { editor } from '../editor.svelte';
import { FORM_PARTS, LIMITS } from '../shape';

const byPath = (p: string) =>
  document.querySelector<HTMLInputElement>(`input[data-path="${p}"], textarea[data-path="${p}"], select[data-path="${p}"]`)!;

describe('editor form', () => {
  beforeEach(() => {
    installIpc(oneGuideStore().handlers);
    editor.load(draftOf(smallGuide()));
  });

  it('has a labelled control for every part of the guide', () => {
    render(EditorHarness);
    for (const p of [
      'meta.title',
      'meta.slug',
      'meta.topic',
      'meta.kind',
      'meta.depth',
      'meta.status',
      'meta.lang',
      'tldr',
      'takeaways[0].text',
      'sections[0].heading',
      'sections[0].body',
      'figures[0].kind',
      'figures[0].caption',
      'deals.caption',
      'deals.footnote',
      'deals[0].lab',
      'deals[0].capacity',
      'timeline[0].precision',
      'timeline[0].date',
      'timeline[0].title',
      'timeline[0].detail',
      'timeline[0].link',
      'related_topics[0].title',
      'related_topics[0].target',
      'faq[0].question',
      'faq[0].answer',
      'sources[0].score',
      'sources[0].source',
      'sources[0].published',
      'sources[0].url',
      'sources[0].title',
      'sources[0].summary',
    ]) {
      const el = byPath(p);
      expect(el, p).not.toBeNull();
      expect(el.labels?.length ?? 0, `label for ${p}`).toBeGreaterThan(0);
    }
  });

  it('heads the parts, in page order, with the names the page gives them, and links each from the navigation', () => {
    render(EditorHarness);
    const form = screen.getByTestId('editor-form');
    const headings = Array.from(form.querySelectorAll('section.part > h2')).map((h) => h.textContent);
    expect(headings).toEqual(FORM_PARTS.map((p) => p.label));
    const nav = screen.getByRole('navigation', { name: 'Parts of the guide' });
    for (const a of Array.from(nav.querySelectorAll('a'))) {
      expect(form.querySelector(a.getAttribute('href')!), a.textContent!).not.toBeNull();
    }
    expect(screen.getByTestId('meta-title-counter')).toHaveTextContent(`${'Small guide'.length} / ${LIMITS.title_max}`);
  });

  it('shows the version and times the store keeps, read-only', () => {
    const d = draftOf(smallGuide());
    d.guide.meta.version = { label: 'draft', state: 'draft', based_on: 'v3' };
    d.guide.meta.updated = '2026-11-18T09:25:00Z';
    editor.load(d);
    render(EditorHarness, { onShowVersions: () => undefined });
    expect(screen.getByTestId('version-line')).toHaveTextContent('v3 · draft, unpublished edits');
    expect(screen.getByTestId('meta-updated')).toHaveTextContent('18 Nov 2026, 09:25 UTC');
    const info = screen.getByTestId('version-info');
    // Nothing to type: no input, select or text area for them.
    expect(info.querySelectorAll('input, select, textarea')).toHaveLength(0);
    for (const p of ['meta.version.label', 'meta.version.state', 'meta.created', 'meta.updated', 'meta.generated']) {
      expect(byPath(p), p).toBeNull();
    }
    expect(screen.getByTestId('show-versions')).toBeInTheDocument();
  });

  it('re-shapes a timeline date when its precision changes', async () => {
    render(EditorHarness);
    expect(byPath('timeline[0].date')).toHaveValue('2020-01');
    await userEvent.selectOptions(byPath('timeline[0].precision'), 'day');
    expect(editor.guide!.timeline[0]).toMatchObject({ precision: 'day', date: '2020-01-01' });
    await userEvent.selectOptions(byPath('timeline[0].precision'), 'year');
    expect(editor.guide!.timeline[0]).toMatchObject({ precision: 'year', date: '2020' });
  });

  it('stores an emptied optional field as absent, not as an empty string', async () => {
    render(EditorHarness);
    await userEvent.type(byPath('timeline[0].link'), 'https://example.org');
    expect(editor.guide!.timeline[0].link).toBe('https://example.org');
    await userEvent.clear(byPath('timeline[0].link'));
    expect(editor.guide!.timeline[0].link).toBeNull();
  });

  it('keeps a source score a whole number the model can hold', async () => {
    render(EditorHarness);
    await fireEvent.input(byPath('sources[0].score'), { target: { value: '12' } });
    expect(editor.guide!.sources[0].score).toBe(12); // out of range: validation says so, nothing is lost
    await fireEvent.input(byPath('sources[0].score'), { target: { value: '' } });
    expect(editor.guide!.sources[0].score).toBe(0);
    await fireEvent.input(byPath('sources[0].score'), { target: { value: '-4' } });
    expect(editor.guide!.sources[0].score).toBe(0);
  });

  it('gives new list items prefixed random ids, unique in the guide', async () => {
    render(EditorHarness);
    const list = screen.getByTestId('faq');
    await userEvent.click(within(list).getByTestId('faq-add'));
    await userEvent.click(within(list).getByTestId('faq-add'));
    const ids = editor.guide!.faq.map((f) => f.id);
    expect(ids).toHaveLength(3);
    expect(ids[1]).toMatch(/^faq-[0-9a-f]{8}$/);
    expect(new Set(ids).size).toBe(3);
  });
});
