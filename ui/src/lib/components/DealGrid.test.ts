import { beforeEach, describe, expect, it, vi } from 'vitest';
vi.mock('@tauri-apps/api/core', () => ({ invoke: vi.fn() }));
import { createEvent, fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { tick } from 'svelte';
import EditorHarness from '../../test/EditorHarness.svelte';
import { draftOf, smallGuide } from '../../test/fixtures';
import { installIpc, oneGuideStore } from '../../test/ipc';
import { editor } from '../editor.svelte';

function rows() {
  return within(screen.getByTestId('deal-grid')).getAllByTestId('deal-grid-item');
}
function rowIds() {
  return rows().map((r) => r.getAttribute('data-item-id'));
}

describe('deal grid', () => {
  beforeEach(() => {
    installIpc(oneGuideStore().handlers);
    editor.load(draftOf(smallGuide()));
  });

  it('shows every row with its cells and the parsed capacity beside the text', () => {
    render(EditorHarness);
    expect(rowIds()).toEqual(['deal-a', 'deal-b']);
    const first = rows()[0];
    expect(within(first).getByLabelText('Lab, row 1')).toHaveValue('Lab A');
    expect(within(first).getByTestId('deal-gw')).toHaveTextContent('= 5 GW');
    expect(within(rows()[1]).getByTestId('deal-gw')).toHaveTextContent('= 0.3 GW');
  });

  it('adds a row with a fresh prefixed id and focuses its first cell', async () => {
    render(EditorHarness);
    await userEvent.click(screen.getByTestId('deal-grid-add'));
    expect(rows()).toHaveLength(3);
    const id = rowIds()[2]!;
    expect(id).toMatch(/^deal-[0-9a-f]{8}$/);
    expect(editor.guide!.deals.rows[2].id).toBe(id);
    expect(document.activeElement).toBe(within(rows()[2]).getByLabelText('Lab, row 3'));
  });

  it('duplicates a row under itself with a new id and the same cells', async () => {
    render(EditorHarness);
    await userEvent.click(within(rows()[0]).getByTestId('duplicate'));
    const ids = rowIds();
    expect(ids).toHaveLength(3);
    expect(ids[0]).toBe('deal-a');
    expect(ids[1]).not.toBe('deal-a');
    expect(ids[1]).toMatch(/^deal-/);
    expect(ids[2]).toBe('deal-b');
    const copy = editor.guide!.deals.rows[1];
    expect(copy.partner).toBe('Cloud A');
    expect(copy.capacity).toEqual({ text: 'Up to 5 GW', gw: 5 });
  });

  it('removes a row, and Undo in the toast brings it back in place', async () => {
    render(EditorHarness);
    await userEvent.click(within(rows()[0]).getByTestId('remove'));
    expect(rowIds()).toEqual(['deal-b']);
    await userEvent.click(screen.getByTestId('toast-action'));
    expect(rowIds()).toEqual(['deal-a', 'deal-b']);
  });

  it('reorders by keyboard: Alt+ArrowDown on a focused cell moves the row and keeps focus', async () => {
    render(EditorHarness);
    const partner = within(rows()[0]).getByLabelText('Partner, row 1');
    partner.focus();
    await fireEvent.keyDown(partner, { key: 'ArrowDown', altKey: true });
    await tick();
    await tick();
    expect(rowIds()).toEqual(['deal-b', 'deal-a']);
    expect(editor.guide!.deals.rows.map((r) => r.id)).toEqual(['deal-b', 'deal-a']);
    expect(document.activeElement).toBe(partner);
    // And back up with Alt+ArrowUp.
    await fireEvent.keyDown(partner, { key: 'ArrowUp', altKey: true });
    await tick();
    expect(rowIds()).toEqual(['deal-a', 'deal-b']);
  });

  it('reorders with the move buttons, which are disabled at the ends', async () => {
    render(EditorHarness);
    expect(within(rows()[0]).getByTestId('move-up')).toBeDisabled();
    expect(within(rows()[1]).getByTestId('move-down')).toBeDisabled();
    await userEvent.click(within(rows()[1]).getByTestId('move-up'));
    expect(rowIds()).toEqual(['deal-b', 'deal-a']);
  });

  it('reorders by drag and drop', async () => {
    render(EditorHarness);
    const [a, b] = rows();
    b.getBoundingClientRect = () => ({
      top: 100,
      height: 40,
      bottom: 140,
      left: 0,
      right: 100,
      width: 100,
      x: 0,
      y: 100,
      toJSON: () => ({}),
    });
    const dt = { effectAllowed: '', dropEffect: '', setData: vi.fn(), setDragImage: vi.fn() };
    await fireEvent.dragStart(within(a).getByRole('button', { name: /Reorder deal row 1/ }), { dataTransfer: dt });
    // jsdom has no DragEvent: give the generic event the pointer position by hand.
    const at = (ev: Event) => Object.defineProperty(ev, 'clientY', { value: 135 }) && ev;
    await fireEvent(b, at(createEvent.dragOver(b, { dataTransfer: dt })));
    expect(b).toHaveClass('drop-after');
    await fireEvent(b, at(createEvent.drop(b, { dataTransfer: dt })));
    await tick();
    expect(rowIds()).toEqual(['deal-b', 'deal-a']);
  });

  it('marks a cell unknown (null, em dash) and brings the text back when known again', async () => {
    render(EditorHarness);
    const row = rows()[0];
    const toggle = within(row).getByRole('button', { name: 'Partner unknown, row 1' });
    expect(toggle).toHaveAttribute('aria-pressed', 'false');
    await userEvent.click(toggle);
    expect(editor.guide!.deals.rows[0].partner).toBeNull();
    const input = within(row).getByLabelText('Partner, row 1');
    expect(input).toBeDisabled();
    expect(input).toHaveValue('');
    expect(input).toHaveAttribute('placeholder', '— unknown');
    expect(toggle).toHaveAttribute('aria-pressed', 'true');
    await userEvent.click(toggle);
    expect(editor.guide!.deals.rows[0].partner).toBe('Cloud A');
    expect(input).not.toBeDisabled();
  });

  it('marks the capacity unknown as a null capacity, not a dash in the text', async () => {
    render(EditorHarness);
    await userEvent.click(within(rows()[1]).getByRole('button', { name: 'Committed capacity unknown, row 2' }));
    expect(editor.guide!.deals.rows[1].capacity).toBeNull();
    expect(within(rows()[1]).queryByTestId('deal-gw')).toBeNull();
  });

  it('re-parses the capacity as it is typed', async () => {
    render(EditorHarness);
    const cap = within(rows()[0]).getByLabelText('Committed capacity, row 1');
    await userEvent.clear(cap);
    await userEvent.type(cap, '750 MW');
    await waitFor(() => expect(within(rows()[0]).getByTestId('deal-gw')).toHaveTextContent('= 0.75 GW'));
    expect(editor.guide!.deals.rows[0].capacity).toEqual({ text: '750 MW', gw: 0.75 });
    await userEvent.clear(cap);
    await userEvent.type(cap, 'Multi-GW');
    await waitFor(() => expect(within(rows()[0]).getByTestId('deal-gw')).toHaveTextContent('no GW figure'));
  });
});
