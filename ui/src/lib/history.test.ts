import { describe, expect, it } from 'vitest';
import type { Patch } from './bindings/Patch';
import { History, redoPatches, undoPatches } from './history';

const set = (path: string, value: unknown): Patch => ({ op: 'set', path, value });

describe('History', () => {
  it('coalesces a typing burst on one field into one step that keeps the first inverse', () => {
    let t = 0;
    const h = new History(100, 1000, () => t);
    const [a] = h.record([set('tldr', 'ab')], 'tldr');
    a!.inv = set('tldr', 'a');
    t += 200;
    expect(h.record([set('tldr', 'abc')], 'tldr')).toEqual([null]);
    t += 200;
    h.record([set('tldr', 'abcd')], 'tldr');
    const [b] = h.record([set('meta.slug', 'x')], 'slug');
    b!.inv = set('meta.slug', 'old');
    const slug = h.undo()!;
    expect(undoPatches(slug)).toEqual([set('meta.slug', 'old')]);
    const tldr = h.undo()!;
    expect(undoPatches(tldr)).toEqual([set('tldr', 'a')]);
    expect(redoPatches(tldr)).toEqual([set('tldr', 'abcd')]);
    expect(h.undo()).toBeNull();
    expect(h.redo()).toBe(tldr);
  });

  it('undoes a step of several patches in reverse order, and waits for missing inverses', () => {
    const h = new History();
    const entries = h.record([
      { op: 'remove', list: 'takeaways', id: 'a' },
      { op: 'move', list: 'takeaways', id: 'b', to: 0 },
    ]);
    const step = h.undo()!;
    expect(undoPatches(step)).toBeNull();
    entries[0]!.inv = { op: 'insert', list: 'takeaways', index: 0, item: { id: 'a' } };
    entries[1]!.inv = { op: 'move', list: 'takeaways', id: 'b', to: 1 };
    expect(undoPatches(step)!.map((p) => p.op)).toEqual(['move', 'insert']);
  });

  it('starts a new step after a pause, drops redo after a new edit and caps its length', () => {
    let t = 0;
    const h = new History(2, 1000, () => t);
    h.record([set('tldr', '1')], 'k');
    t += 5000;
    h.record([set('tldr', '2')], 'k');
    h.record([set('tldr', '3')]);
    expect(h.undo()).not.toBeNull();
    expect(h.undo()).not.toBeNull();
    expect(h.undo()).toBeNull();
    h.record([set('tldr', '4')]);
    expect(h.canRedo).toBe(false);
    expect(h.canUndo).toBe(true);
  });
});
