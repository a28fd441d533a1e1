import { beforeEach, describe, expect, it, vi } from 'vitest';
vi.mock('@tauri-apps/api/core', () => ({ invoke: vi.fn() }));
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import EditorHarness from '../../test/EditorHarness.svelte';
import { draftOf, smallGuide } from '../../test/fixtures';
import { installIpc, oneGuideStore } from '../../test/ipc';
import sample from '../../test/data/diff-v1-v2.json';
import { editor } from '../editor.svelte';
import type { GuideDiff } from '../diff';
import type { Finding } from '../types';
import DiffView from './DiffView.svelte';
import NewGuideDialog from './NewGuideDialog.svelte';

describe('names people see', () => {
  it('a note on a field or an item is titled with its label, never its path or id', async () => {
    const onNote = vi.fn();
    render(DiffView, { diff: structuredClone(sample) as GuideDiff, onNote });
    const tldr = screen.getAllByTestId('diff-part').find((p) => p.dataset.part === 'tldr')!;
    await fireEvent.click(within(tldr).getByTestId('note-on-change'));
    expect(onNote).toHaveBeenLastCalledWith('tldr', null, 'TL;DR');
    const row = screen.getAllByTestId('diff-item').find((el) => el.dataset.itemId === 'deal-openai-nvidia')!;
    await fireEvent.click(within(row).getByTestId('note-on-change'));
    expect(onNote).toHaveBeenLastCalledWith('deals[4]', 'deal-openai-nvidia', 'deal row OpenAI · NVIDIA');
    // Items show their name; neither ids nor raw paths are on screen.
    const view = screen.getByTestId('diff-view');
    expect(view).not.toHaveTextContent('deal-openai-nvidia');
    expect(view).not.toHaveTextContent('deals[4]');
    expect(within(tldr).getByTestId('field-diff').querySelector('.fd-name')).toHaveTextContent('Summary paragraph');
  });
});

describe('the form', () => {
  beforeEach(() => {
    installIpc(oneGuideStore().handlers);
    const g = smallGuide();
    g.deals.rows[1] = { ...g.deals.rows[1], lab: 'Mirage AI', partner: 'Sahara Grid' };
    editor.load(draftOf(g));
  });

  it('says which deal row it removed by its name', async () => {
    render(EditorHarness);
    const rows = within(screen.getByTestId('deal-grid')).getAllByTestId('deal-grid-item');
    await fireEvent.click(within(rows[1]).getByTestId('remove'));
    expect(screen.getAllByTestId('toast').at(-1)).toHaveTextContent('Removed deal row Mirage AI · Sahara Grid.');
  });

  it('a new deal row shows one line saying what to do, not an error per cell', async () => {
    const blank = (f: Finding[]) => f;
    render(EditorHarness);
    await fireEvent.click(screen.getByTestId('deal-grid-add'));
    const rows = within(screen.getByTestId('deal-grid')).getAllByTestId('deal-grid-item');
    const row = rows.at(-1)!;
    // Validation reports every empty cell; the row shows one summary line instead.
    editor.findings = blank(
      ['lab', 'partner', 'capacity', 'timeline', 'terms'].map((c) => ({
        severity: 'error',
        path: `deals[2].${c}`,
        item_id: null,
        code: 'empty_cell',
        message: `Deal row 3: the ${c} cell is empty; mark it unknown instead.`,
      })) as Finding[],
    );
    await Promise.resolve();
    expect(row.querySelectorAll('.msg.error')).toHaveLength(0);
    expect(within(row).getAllByTestId('deal-row-blank')).toHaveLength(1);
    // Once typed in, the row's cells speak for themselves.
    await userEvent.type(row.querySelector<HTMLInputElement>('input[data-path="deals[2].lab"]')!, 'X');
    expect(within(row).queryByTestId('deal-row-blank')).toBeNull();
    expect(row.querySelectorAll('.msg.error').length).toBeGreaterThan(0);
  });

  it('explains the unknown button, on it and beside the table', () => {
    render(EditorHarness);
    expect(screen.getAllByTestId('unknown-toggle')[0]).toHaveAttribute('title', 'Mark as unknown: shown as — on the page');
    expect(screen.getByTestId('deal-unknown-hint')).toHaveTextContent('mark as unknown, shown as — on the page');
  });

  it('a score’s message runs under the whole source row, tied to the score field', async () => {
    render(EditorHarness);
    editor.findings = [
      {
        severity: 'error',
        path: 'sources[0].score',
        item_id: 'src-1',
        code: 'bad_score',
        message: 'Source 1 has score 12; scores run from 0 to 10.',
      },
    ] as Finding[];
    await Promise.resolve();
    const score = document.querySelector<HTMLInputElement>('input[data-path="sources[0].score"]')!;
    const msg = document.getElementById(
      score
        .getAttribute('aria-describedby')!
        .split(' ')
        .find((x) => x.endsWith('-msg'))!,
    )!;
    expect(msg).toHaveTextContent('scores run from 0 to 10');
    expect(msg.closest('.grid-source')).toBeNull();
    expect(score.labels![0]).toHaveTextContent('Relevance');
  });

  it('shows the guide’s reading length and each section’s', () => {
    render(EditorHarness);
    expect(screen.getByTestId('guide-words')).toHaveTextContent(/Reading length: \d+ words · under a minute to read/);
    expect(screen.getAllByTestId('section-words')[0]).toHaveTextContent('This section: 5 words');
  });
});

describe('the new guide dialog', () => {
  it('ties “Give the guide a title.” to the title and clears it once a title is typed', async () => {
    installIpc({});
    const user = userEvent.setup();
    render(NewGuideDialog, { onClose: vi.fn(), onCreated: vi.fn() });
    await user.click(screen.getByTestId('new-guide-create'));
    const title = screen.getByTestId('new-guide-title');
    expect(screen.getByTestId('new-guide-error')).toHaveTextContent('Give the guide a title.');
    expect(title).toHaveAttribute('aria-invalid', 'true');
    expect(title).toHaveAccessibleDescription('Give the guide a title.');
    expect(title).toHaveFocus();
    await user.type(title, 'Chips');
    expect(screen.queryByTestId('new-guide-error')).toBeNull();
    expect(title).not.toHaveAttribute('aria-invalid');
  });
});
