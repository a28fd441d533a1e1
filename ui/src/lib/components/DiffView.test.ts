import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import DiffView from './DiffView.svelte';
import type { GuideDiff } from '../diff';
import { FIRST_CHANGES } from '../progressive';
// Real output of `almanac diff --format json content/training-infrastructure content/training-infrastructure-v2`.
import sample from '../../test/data/diff-v1-v2.json';

const diff = () => structuredClone(sample) as GuideDiff;
const item = (id: string) => screen.getAllByTestId('diff-item').find((el) => el.getAttribute('data-item-id') === id)!;

describe('diff view', () => {
  it('shows the summary first, then only the changed parts; unchanged parts stay folded', () => {
    render(DiffView, { diff: diff() });
    const summary = screen.getByTestId('diff-summary');
    expect(summary).toHaveTextContent('2 changed');
    expect(summary).toHaveTextContent('1 added');
    expect(summary).toHaveTextContent('1 removed');
    expect(summary).toHaveTextContent('2 moved');
    expect(summary).toHaveTextContent('4 fields edited');
    const parts = screen.getAllByTestId('diff-part').map((p) => p.getAttribute('data-part'));
    expect(parts).toEqual(['meta', 'tldr', 'takeaways', 'deals', 'faq']);
    // Parts go by the names the form and the page give them.
    expect(screen.getAllByTestId('diff-part')[0].querySelector('h3')).toHaveTextContent(/^Details/);
    // The summary precedes the parts in the document.
    expect(summary.compareDocumentPosition(screen.getAllByTestId('diff-part')[0]) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(screen.getByTestId('diff-unchanged')).toHaveTextContent('Sections');
    expect(screen.getByTestId('diff-unchanged')).toHaveTextContent('Timeline');
  });

  it('marks items by kind, matched by id, with word-level insertions and deletions', () => {
    render(DiffView, { diff: diff() });
    expect(item('deal-anthropic-spacex')).toHaveAttribute('data-kind', 'removed');
    expect(item('deal-openai-aws')).toHaveAttribute('data-kind', 'added');
    expect(item('tk-codesign')).toHaveAttribute('data-kind', 'moved');
    expect(item('tk-codesign')).toHaveTextContent(/Moved from position \d+ to \d+/);
    const changed = item('deal-openai-nvidia');
    expect(changed).toHaveAttribute('data-kind', 'changed');
    expect(changed.querySelectorAll('ins').length + changed.querySelectorAll('del').length).toBeGreaterThan(0);
  });

  it('side by side puts deletions only on the old side and insertions only on the new', () => {
    render(DiffView, { diff: diff(), layout: 'side_by_side' });
    const changed = item('deal-openai-nvidia');
    const olds = changed.querySelectorAll('.sbs .old');
    const news = changed.querySelectorAll('.sbs .new');
    expect(olds.length).toBeGreaterThan(0);
    expect(olds.length).toBe(news.length);
    olds.forEach((o) => expect(o.querySelector('ins')).toBeNull());
    news.forEach((n) => expect(n.querySelector('del')).toBeNull());
  });

  it('jumps from change to change with N and P, wrapping around', async () => {
    render(DiffView, { diff: diff() });
    const view = screen.getByTestId('diff-view');
    const changes = Array.from(view.querySelectorAll<HTMLElement>('[data-change]'));
    expect(changes.length).toBeGreaterThan(5);
    await fireEvent.keyDown(view, { key: 'n' });
    expect(document.activeElement).toBe(changes[0]);
    await fireEvent.keyDown(view, { key: 'j' });
    expect(document.activeElement).toBe(changes[1]);
    await fireEvent.keyDown(view, { key: 'p' });
    expect(document.activeElement).toBe(changes[0]);
    await fireEvent.keyDown(view, { key: 'p' });
    expect(document.activeElement).toBe(changes[changes.length - 1]);
  });

  it('offers restore per item and per field when the new side is the draft', async () => {
    const onRestoreItem = vi.fn();
    const onRestoreField = vi.fn();
    render(DiffView, { diff: diff(), restoreLabel: 'Restore from v1', onRestoreItem, onRestoreField });
    await userEvent.click(within(item('deal-anthropic-spacex')).getByTestId('restore-item'));
    expect(onRestoreItem).toHaveBeenCalledWith('deals', expect.objectContaining({ id: 'deal-anthropic-spacex', kind: 'removed' }));
    expect(within(item('deal-openai-aws')).getByTestId('restore-item')).toHaveTextContent('Remove, as in v1');
    const tldr = screen.getAllByTestId('diff-part').find((p) => p.getAttribute('data-part') === 'tldr')!;
    await userEvent.click(within(tldr).getByTestId('restore-field'));
    expect(onRestoreField).toHaveBeenCalledWith(expect.objectContaining({ path: 'tldr' }));
  });

  it('hides restore when no restore is possible, and says so when nothing changed', () => {
    const d = diff();
    for (const p of d.parts) {
      p.fields = [];
      p.items = [];
    }
    Object.assign(d.summary, { added: 0, removed: 0, changed: 0, moved: 0, fields_changed: 0 });
    render(DiffView, { diff: d });
    expect(screen.getByTestId('diff-empty')).toBeInTheDocument();
    expect(screen.queryByTestId('restore-item')).toBeNull();
  });

  it('shows text from the diff as text, never as markup', () => {
    const d = diff();
    const tldr = d.parts.find((p) => p.part === 'tldr')!;
    tldr.fields[0].segments = [{ op: 'insert', text: '<img src=x onerror=alert(1)>' }];
    render(DiffView, { diff: d });
    const part = screen.getAllByTestId('diff-part').find((p) => p.getAttribute('data-part') === 'tldr')!;
    expect(part.querySelector('img')).toBeNull();
    expect(part.querySelector('ins')).toHaveTextContent('<img src=x onerror=alert(1)>');
  });

  /** The sample's item changes ten times over, under new ids: 4 field changes and 60 item changes. */
  function tenTimes(): GuideDiff {
    const d = diff();
    for (const p of d.parts) p.items = Array.from({ length: 10 }, (_, k) => p.items.map((it) => ({ ...it, id: `${it.id}-x${k}` }))).flat();
    return d;
  }
  const changeCount = (d: GuideDiff) => d.parts.reduce((n, p) => n + p.fields.length + p.items.length, 0);
  const rendered = () => screen.getByTestId('diff-view').querySelectorAll('[data-change]');

  it('renders the summary, every part and the first changes at once, and the rest after the first paint', async () => {
    const d = tenTimes();
    const total = changeCount(d);
    expect(total).toBeGreaterThan(FIRST_CHANGES * 2);
    render(DiffView, { diff: d, restoreLabel: 'Restore from v1', onRestoreItem: vi.fn(), onNote: vi.fn() });
    // The first render: the summary, every changed part's heading, the first chunk of changes.
    expect(screen.getByTestId('diff-summary')).toHaveTextContent('4 fields edited');
    expect(screen.getAllByTestId('diff-part').map((p) => p.getAttribute('data-part'))).toEqual([
      'meta',
      'tldr',
      'takeaways',
      'deals',
      'faq',
    ]);
    expect(rendered()).toHaveLength(FIRST_CHANGES);
    // In order: the fields of the first parts, then the first items.
    expect(screen.getAllByTestId('diff-item')[0]).toHaveAttribute('data-item-id', d.parts.find((p) => p.part === 'takeaways')!.items[0].id);
    // The rest arrives in later chunks, each with its buttons.
    await waitFor(() => expect(rendered()).toHaveLength(total), { timeout: 2000 });
    const ids = screen.getAllByTestId('diff-item').map((el) => el.getAttribute('data-item-id'));
    expect(ids).toEqual(d.parts.flatMap((p) => p.items.map((it) => it.id)));
    expect(screen.getAllByTestId('note-on-change')).toHaveLength(total);
  });

  it('renders the rest before N or P moves past the changes rendered so far', async () => {
    const d = tenTimes();
    const total = changeCount(d);
    render(DiffView, { diff: d });
    const view = screen.getByTestId('diff-view');
    // P from the start wraps to the very last change, which was not rendered yet.
    expect(rendered().length).toBeLessThan(total);
    await fireEvent.keyDown(view, { key: 'p' });
    expect(rendered()).toHaveLength(total);
    const last = Array.from(rendered()).at(-1);
    expect(document.activeElement).toBe(last);
    expect(last).toHaveAttribute(
      'data-item-id',
      d.parts
        .filter((p) => p.items.length)
        .at(-1)!
        .items.at(-1)!.id,
    );
  });

  it('N walks through every change, past the first chunk', async () => {
    const d = tenTimes();
    const total = changeCount(d);
    render(DiffView, { diff: d });
    const view = screen.getByTestId('diff-view');
    const seen = new Set<Element>();
    for (let i = 0; i < total; i++) {
      await fireEvent.keyDown(view, { key: 'n' });
      seen.add(document.activeElement!);
    }
    expect(seen.size).toBe(total);
    expect(document.activeElement).toBe(Array.from(rendered()).at(-1));
  });
});
