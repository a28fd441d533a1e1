// The figures' options in the form (per chart kind) and the timeline's key events.
import { beforeEach, describe, expect, it, vi } from 'vitest';
vi.mock('@tauri-apps/api/core', () => ({ invoke: vi.fn() }));
import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import EditorHarness from '../../test/EditorHarness.svelte';
import { draftOf, smallGuide } from '../../test/fixtures';
import { installIpc, oneGuideStore } from '../../test/ipc';
import { editor } from '../editor.svelte';
import { fieldsOf } from '../shape';
import type { Finding, Guide } from '../types';

const CAPACITY = ['lab', 'partner', 'bars'];
const TIMELINE = ['key_only', 'from', 'to'];

function control<T extends HTMLElement = HTMLInputElement>(path: string): T | null {
  return document.querySelector<T>(`input[data-path="${path}"], textarea[data-path="${path}"], select[data-path="${path}"]`);
}
const byPath = <T extends HTMLElement = HTMLInputElement>(path: string): T => {
  const el = control<T>(path);
  if (!el) throw new Error(`no control at ${path}`);
  return el;
};
const select = (path: string) => byPath<HTMLSelectElement>(path);
const optionTexts = (path: string) => Array.from(select(path).options).map((o) => o.textContent);
const label = (field: string, part: 'figures' | 'timeline' = 'figures') => fieldsOf(part).find((f) => f.key === field)!.label;

/** smallGuide with a compute stack of Lab A, a key-only timeline, and a row whose lab repeats Lab A in other case. */
function figuresGuide(): Guide {
  const g = smallGuide();
  g.deals.rows.push({
    id: 'deal-c',
    lab: ' lab a ',
    partner: 'Cloud C',
    capacity: { text: '1 GW', gw: 1 },
    timeline: null,
    terms: null,
  });
  g.figures = [
    { id: 'fig-stack', kind: 'compute_stack', caption: 'What Lab A runs on', lab: 'Lab A' },
    { id: 'fig-time', kind: 'timeline', caption: 'Turning points', key_only: true },
  ];
  g.timeline[0].key = true;
  g.timeline.push({ id: 'ev-2', date: '2024', precision: 'year', title: 'Launch', detail: null, link: null });
  return g;
}

const fig = (i: number) => editor.guide!.figures[i];

describe('figure options', () => {
  let findings: Finding[];
  let store: ReturnType<typeof installIpc>;

  beforeEach(() => {
    findings = [];
    const s = oneGuideStore();
    store = installIpc({ ...s.handlers, validate_guide: () => findings });
    editor.load(draftOf(figuresGuide()));
  });

  it('shows the options of each figure’s kind only, labelled as the guide’s shape names them, each at its path', () => {
    render(EditorHarness);
    expect(optionTexts('figures[0].kind')).toEqual([
      'Capacity by lab (from deal rows)',
      'Compute stack of one lab (from deal rows)',
      'Timeline (from timeline events)',
    ]);
    expect(select('figures[0].kind')).toHaveValue('compute_stack');
    for (const f of ['kind', 'caption', ...CAPACITY]) {
      const el = byPath(`figures[0].${f}`);
      expect(el.labels?.[0]).toHaveTextContent(label(f));
      expect(el.closest('.field')).toHaveAttribute('data-path', `figures[0].${f}`);
    }
    for (const f of TIMELINE) expect(control(`figures[0].${f}`), f).toBeNull();
    for (const f of TIMELINE) expect(byPath(`figures[1].${f}`).labels?.[0]).toHaveTextContent(label(f));
    for (const f of CAPACITY) expect(control(`figures[1].${f}`), f).toBeNull();

    expect(select('figures[0].lab')).toHaveValue('Lab A');
    expect(select('figures[0].bars')).toHaveValue('stacked');
    expect(byPath('figures[1].key_only')).toBeChecked();
    expect(byPath('figures[1].from')).toHaveAccessibleDescription(/2023, 2023-09 or 2023-09-25/);
    expect(screen.getByText(`1 of 2 events are marked “${label('key', 'timeline')}” in the timeline`)).toBeInTheDocument();
  });

  it('offers the deal table’s labs, each once, and "All labs" for capacity by lab only', async () => {
    render(EditorHarness);
    expect(optionTexts('figures[0].lab')).toEqual(['Lab A', 'Lab B']);
    await userEvent.selectOptions(select('figures[0].lab'), 'Lab B');
    expect(fig(0).lab).toBe('Lab B');

    await userEvent.selectOptions(select('figures[0].kind'), 'deal_capacity');
    expect(optionTexts('figures[0].lab')).toEqual(['All labs', 'Lab A', 'Lab B']);
    expect(fig(0)).toMatchObject({ kind: 'deal_capacity', lab: 'Lab B' });
    await userEvent.selectOptions(select('figures[0].lab'), 'All labs');
    expect(fig(0)).not.toHaveProperty('lab');

    // A compute stack without its lab asks for one; a lab no deal row has is shown as such.
    await userEvent.selectOptions(select('figures[0].kind'), 'compute_stack');
    expect(optionTexts('figures[0].lab')).toEqual(['Choose a lab…', 'Lab A', 'Lab B']);
    expect(select('figures[0].lab')).toHaveValue('');
    editor.edit((g) => (g.figures[0].lab = 'Lab Z'));
    await waitFor(() => expect(optionTexts('figures[0].lab')).toEqual(['Lab A', 'Lab B', 'Lab Z (no deal row)']));
    expect(select('figures[0].lab')).toHaveValue('Lab Z');
  });

  it('changes the guide through editor.edit for every option', async () => {
    const edit = vi.spyOn(editor, 'edit');
    render(EditorHarness);
    const steps: [string, () => Promise<void>, (g: Guide) => unknown, unknown][] = [
      ['figures[0].bars', () => userEvent.selectOptions(select('figures[0].bars'), 'grouped'), (g) => g.figures[0].bars, 'grouped'],
      ['figures[0].partner', () => userEvent.type(byPath('figures[0].partner'), 'Cloud'), (g) => g.figures[0].partner, 'Cloud'],
      ['figures[0].lab', () => userEvent.selectOptions(select('figures[0].lab'), 'Lab B'), (g) => g.figures[0].lab, 'Lab B'],
      ['figures[1].key_only', () => userEvent.click(byPath('figures[1].key_only')), (g) => g.figures[1].key_only, undefined],
      ['figures[1].from', () => userEvent.type(byPath('figures[1].from'), '2020'), (g) => g.figures[1].from, '2020'],
      ['figures[1].to', () => userEvent.type(byPath('figures[1].to'), '2024-06'), (g) => g.figures[1].to, '2024-06'],
      ['timeline[1].key', () => userEvent.click(byPath('timeline[1].key')), (g) => g.timeline[1].key, true],
    ];
    for (const [path, act, read, want] of steps) {
      edit.mockClear();
      await act();
      expect(edit, path).toHaveBeenCalled();
      expect(read(editor.guide!), path).toBe(want);
    }
    edit.mockRestore();
    await editor.flush();
    const saved = store.calls('save_draft').at(-1)!.guide as Guide;
    expect(saved.figures).toEqual([
      { id: 'fig-stack', kind: 'compute_stack', caption: 'What Lab A runs on', lab: 'Lab B', partner: 'Cloud', bars: 'grouped' },
      { id: 'fig-time', kind: 'timeline', caption: 'Turning points', from: '2020', to: '2024-06' },
    ]);
    expect(saved.timeline.map((e) => e.key)).toEqual([true, true]);
  });

  it('removes an option from the guide when it is cleared or set back to its default', async () => {
    const g = figuresGuide();
    Object.assign(g.figures[0], { partner: 'Cloud', bars: 'grouped' });
    Object.assign(g.figures[1], { from: '2020', to: '2024' });
    editor.load(draftOf(g));
    render(EditorHarness);
    await userEvent.clear(byPath('figures[0].partner'));
    await userEvent.selectOptions(select('figures[0].bars'), 'stacked');
    await userEvent.click(byPath('figures[1].key_only'));
    await userEvent.clear(byPath('figures[1].from'));
    await userEvent.clear(byPath('figures[1].to'));
    await userEvent.click(byPath('timeline[0].key'));
    expect(Object.keys(fig(0))).toEqual(['id', 'kind', 'caption', 'lab']);
    expect(Object.keys(fig(1))).toEqual(['id', 'kind', 'caption']);
    expect(editor.guide!.timeline[0]).not.toHaveProperty('key');
    expect(byPath('timeline[0].key')).not.toBeChecked();
  });

  it('keeps the caption when the kind changes and drops the options the new kind does not use', async () => {
    const g = figuresGuide();
    Object.assign(g.figures[0], { partner: 'Cloud', bars: 'grouped' });
    Object.assign(g.figures[1], { from: '2020' });
    editor.load(draftOf(g));
    render(EditorHarness);
    await userEvent.selectOptions(select('figures[1].kind'), 'compute_stack');
    expect(fig(1)).toEqual({ id: 'fig-time', kind: 'compute_stack', caption: 'Turning points' });
    for (const f of TIMELINE) expect(control(`figures[1].${f}`), f).toBeNull();
    expect(select('figures[1].lab')).toHaveValue('');

    // Between the capacity kinds the lab, partner and bars stay.
    await userEvent.selectOptions(select('figures[0].kind'), 'deal_capacity');
    expect(fig(0)).toEqual({
      id: 'fig-stack',
      kind: 'deal_capacity',
      caption: 'What Lab A runs on',
      lab: 'Lab A',
      partner: 'Cloud',
      bars: 'grouped',
    });
    await userEvent.selectOptions(select('figures[0].kind'), 'timeline');
    expect(fig(0)).toEqual({ id: 'fig-stack', kind: 'timeline', caption: 'What Lab A runs on' });
  });

  it('undoes one option change at a time', async () => {
    render(EditorHarness);
    await userEvent.selectOptions(select('figures[0].bars'), 'grouped');
    await userEvent.selectOptions(select('figures[0].bars'), 'stacked');
    await userEvent.selectOptions(select('figures[0].bars'), 'grouped');
    await userEvent.type(byPath('figures[1].from'), '2020');
    await userEvent.click(byPath('timeline[1].key'));

    expect(editor.undo()).toBe(true);
    expect(editor.guide!.timeline[1]).not.toHaveProperty('key');
    expect(fig(1).from).toBe('2020');
    expect(editor.undo()).toBe(true);
    expect(fig(1)).not.toHaveProperty('from');
    expect(fig(0).bars).toBe('grouped');
    expect(editor.undo()).toBe(true);
    expect(fig(0)).not.toHaveProperty('bars');
    await waitFor(() => expect(select('figures[0].bars')).toHaveValue('stacked'));
    expect(editor.undo()).toBe(true);
    expect(fig(0).bars).toBe('grouped');
  });

  it('shows an option the kind does not use, with its finding, until it is removed', async () => {
    const g = figuresGuide();
    g.figures[1].lab = 'Lab A';
    editor.load(draftOf(g));
    findings = [
      {
        path: 'figures[1].lab',
        item_id: 'fig-time',
        severity: 'warning',
        code: 'figure_option_unused',
        message: 'A lab or partner filter applies only to capacity figures; this one ignores it.',
      } as Finding,
    ];
    render(EditorHarness);
    const row = await screen.findByTestId('figure-unused');
    expect(row).toHaveAttribute('data-path', 'figures[1].lab');
    expect(row).toHaveTextContent(`${label('lab')}: Lab A`);
    await waitFor(() => expect(row).toHaveTextContent('applies only to capacity figures'));
    await userEvent.click(within(row).getByRole('button', { name: `Remove ${label('lab')} from figure 2` }));
    expect(fig(1)).not.toHaveProperty('lab');
    expect(screen.queryByTestId('figure-unused')).toBeNull();
  });

  it('shows a finding at the option it is about', async () => {
    findings = [
      {
        path: 'figures[0].lab',
        item_id: 'fig-stack',
        severity: 'error',
        code: 'required',
        message: 'A compute stack needs the lab whose deals it draws.',
      } as Finding,
    ];
    render(EditorHarness);
    await waitFor(() => expect(select('figures[0].lab')).toHaveAttribute('aria-invalid', 'true'));
    expect(select('figures[0].lab')).toHaveAccessibleDescription('A compute stack needs the lab whose deals it draws.');
  });

  it('marks timeline events as key, with the label the shape gives and a hint', async () => {
    render(EditorHarness);
    const box = byPath('timeline[1].key');
    expect(box.labels?.[0]).toHaveTextContent(label('key', 'timeline'));
    expect(box).toHaveAccessibleDescription('Timeline figures can show key events only');
    expect(byPath('timeline[0].key')).toBeChecked();
    expect(box).not.toBeChecked();
    await userEvent.click(box);
    expect(editor.guide!.timeline[1].key).toBe(true);
    expect(screen.getByText(`2 of 2 events are marked “${label('key', 'timeline')}” in the timeline`)).toBeInTheDocument();
  });
});
