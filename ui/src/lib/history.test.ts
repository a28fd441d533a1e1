import { describe, expect, it } from 'vitest';
import { History } from './history';

describe('History', () => {
  it('coalesces a typing burst on one field into one step and splits on another field', () => {
    let t = 0;
    const h = new History<string>(100, 1000, () => t);
    let state = 'a';
    const edit = (v: string, key: string) => {
      h.record(() => state, key);
      state = v;
    };
    edit('ab', 'title');
    t += 200;
    edit('abc', 'title');
    t += 200;
    edit('abcd', 'title');
    edit('x', 'slug');
    expect(h.undo(state)).toBe('abcd');
    state = 'abcd';
    expect(h.undo(state)).toBe('a');
    state = 'a';
    expect(h.undo(state)).toBeNull();
    expect(h.redo(state)).toBe('abcd');
  });

  it('starts a new step after a pause', () => {
    let t = 0;
    const h = new History<number>(100, 1000, () => t);
    h.record(() => 1, 'k');
    t += 5000;
    expect(h.record(() => 2, 'k')).toBe(true);
    expect(h.canUndo).toBe(true);
  });

  it('drops redo after a new edit and caps its length', () => {
    const h = new History<number>(2);
    h.record(() => 1);
    h.record(() => 2);
    h.record(() => 3);
    expect(h.undo(4)).toBe(3);
    expect(h.undo(3)).toBe(2);
    expect(h.undo(2)).toBeNull();
    h.record(() => 2);
    expect(h.canRedo).toBe(false);
  });
});
