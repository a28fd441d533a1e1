import { describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/svelte';
import FieldDiff from './FieldDiff.svelte';
import type { DiffLayout, FieldChange } from '../diff';

/** "2 GW" → "3 GW" as almanac-diff gives it: the number replaced as a pair of whole tokens. */
const gw: FieldChange = {
  path: 'deals[0].capacity',
  item_id: 'deal-a',
  field: 'capacity',
  kind: 'text',
  old: 'Options for 2 GW',
  new: 'Options for 3 GW',
  segments: [
    { op: 'equal', text: 'Options for ' },
    { op: 'delete', text: '2', numeric: true },
    { op: 'insert', text: '3', numeric: true },
    { op: 'equal', text: ' GW' },
  ],
  paragraphs: [],
  coarse: false,
};

describe('a replaced number in a word diff', () => {
  it('shows “2” struck and “3” inserted as two separate, marked tokens with a gap (inline)', () => {
    render(FieldDiff, { change: gw, layout: 'inline' as DiffLayout });
    const diff = screen.getByTestId('field-diff');
    const del = diff.querySelector('del')!;
    const ins = diff.querySelector('ins')!;
    expect(del).toHaveTextContent(/^2$/);
    expect(ins).toHaveTextContent(/^3$/);
    expect(del).toHaveClass('num');
    expect(ins).toHaveClass('num');
    const marks = [...diff.querySelectorAll('del, [data-testid="num-gap"], ins')].map(
      (el) => el.tagName.toLowerCase() + ':' + el.textContent,
    );
    expect(marks).toEqual(['del:2', 'span: ', 'ins:3']);
    // Read as text, the two never run together into "23".
    expect(diff.querySelector('.inline')!.textContent).toBe('Options for 2 3 GW');
  });

  it('marks each side’s figure in the side-by-side view', () => {
    render(FieldDiff, { change: gw, layout: 'side_by_side' as DiffLayout });
    expect(screen.getByRole('group', { name: 'Before' }).querySelector('del.num')).toHaveTextContent('2');
    expect(screen.getByRole('group', { name: 'After' }).querySelector('ins.num')).toHaveTextContent('3');
  });

  it('marks numbers inside prose paragraphs too, and leaves plain word changes unboxed', () => {
    const prose: FieldChange = {
      ...gw,
      path: 'sections[0].body',
      field: 'body',
      kind: 'prose',
      segments: [],
      paragraphs: [
        {
          op: 'changed',
          old_index: 0,
          new_index: 0,
          coarse: false,
          segments: [
            { op: 'equal', text: 'Built in ' },
            { op: 'delete', text: '2026', numeric: true },
            { op: 'insert', text: '2027', numeric: true },
            { op: 'equal', text: ', ' },
            { op: 'delete', text: 'slowly' },
            { op: 'insert', text: 'fast' },
          ],
        },
      ],
    } as FieldChange;
    render(FieldDiff, { change: prose, layout: 'inline' as DiffLayout });
    expect(screen.getAllByTestId('num-gap')).toHaveLength(1);
    expect(document.querySelectorAll('.num')).toHaveLength(2);
    expect(document.querySelector('del:not(.num)')).toHaveTextContent('slowly');
  });

  it('names the field as the form does', () => {
    render(FieldDiff, { change: gw, layout: 'inline' as DiffLayout });
    expect(document.querySelector('.fd-name')).toHaveTextContent('Committed capacity');
  });
});
