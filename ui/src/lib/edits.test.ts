import { describe, expect, it } from 'vitest';
import { sampleGuide } from '../test/fixtures';
import { applyPatch, recordPatches } from './edits';
import type { Guide } from './types';

const clone = (g: Guide) => JSON.parse(JSON.stringify(g)) as Guide;

/** Applies recorded inverses (in reverse) to the changed guide. */
function undo(g: Guide, inverses: ReturnType<typeof recordPatches>['inverses']): Guide {
  const out = clone(g);
  for (const p of [...inverses].reverse()) applyPatch(out, p!);
  return out;
}

describe('edits as patches', () => {
  it('says a typed field as a set of its validation path, with the old value as inverse', () => {
    const g = sampleGuide();
    const before = clone(g);
    const r = recordPatches(g, (x) => {
      x.tldr = 'New.';
      x.deals.rows[3].partner = 'Someone';
      x.meta.title = 'T';
    });
    expect(r.patches).toEqual([
      { op: 'set', path: 'tldr', value: 'New.' },
      { op: 'set', path: 'deals[3].partner', value: 'Someone' },
      { op: 'set', path: 'meta.title', value: 'T' },
    ]);
    expect(undo(g, r.inverses)).toEqual(before);
    const again = clone(before);
    for (const p of r.patches) applyPatch(again, p);
    expect(again).toEqual(g);
  });

  it('says list changes as insert, remove and move by id, each undone exactly', () => {
    const g = sampleGuide();
    const before = clone(g);
    const ids = g.takeaways.map((t) => t.id);
    const r = recordPatches(g, (x) => {
      const [first] = x.takeaways.splice(0, 1);
      x.takeaways.splice(2, 0, first);
      x.takeaways.splice(1, 1);
      x.takeaways.push({ id: 'tk-new', text: 'Added.' } as Guide['takeaways'][number]);
    });
    expect(r.patches.map((p) => p.op).sort()).toEqual(['insert', 'move', 'remove']);
    expect(r.patches[0]).toEqual({ op: 'remove', list: 'takeaways', id: ids[2] });
    expect(undo(g, r.inverses)).toEqual(before);
    const again = clone(before);
    for (const p of r.patches) applyPatch(again, p);
    expect(again).toEqual(g);
  });

  it('sets an item whole when an option leaves it, and replaces the guide for a write elsewhere', () => {
    const g = sampleGuide();
    g.figures[0].lab = 'Lab';
    const withLab = clone(g);
    const r = recordPatches(g, (x) => {
      delete x.figures[0].lab;
    });
    expect(r.patches).toEqual([{ op: 'set', path: 'figures[0]', value: clone(g).figures[0] }]);
    expect('lab' in (r.patches[0] as { value: object }).value).toBe(false);
    expect(undo(g, r.inverses)).toEqual(withLab);
    const whole = recordPatches(g, (x) => {
      x.takeaways = [];
    });
    expect(whole.patches).toEqual([{ op: 'replace', guide: g }]);
    expect(whole.inverses).toEqual([null]);
  });

  it('records nothing for a change that changes nothing', () => {
    const g = sampleGuide();
    expect(recordPatches(g, (x) => (x.tldr = `${x.tldr}`)).patches).toEqual([]);
  });
});
