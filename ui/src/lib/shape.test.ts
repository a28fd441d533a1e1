import { describe, expect, it } from 'vitest';
import { allIds } from './listops';
import { slugify } from './paths';
import {
  DRAFT_LABEL,
  FORM_PARTS,
  INITIAL_STATES,
  LIMITS,
  LIST_PARTS,
  PARTS,
  STATES,
  isApprovable,
  itemNoun,
  listOf,
  movesFrom,
  partLabel,
  stateLabel,
  stateName,
} from './shape';
import { SHAPE } from './bindings/shape';
import { smallGuide } from '../test/fixtures';

describe('the guide’s shape', () => {
  it('lists the parts in page order, the form’s without the derived versions', () => {
    expect(PARTS.map((p) => p.part)).toEqual(SHAPE.parts.map((p) => p.part));
    expect(FORM_PARTS.map((p) => p.part)).not.toContain('versions');
    expect(FORM_PARTS).toHaveLength(PARTS.length - 1);
    expect(LIST_PARTS.map((p) => p.part)).toEqual(FORM_PARTS.filter((p) => p.list_path).map((p) => p.part));
    expect(LIST_PARTS.map((p) => p.part)).toContain('deals');
    expect(LIST_PARTS.map((p) => p.part)).not.toContain('meta');
  });

  it('names parts, items and states as the shared shape does', () => {
    expect(partLabel('meta')).toBe('Details');
    expect(partLabel('sources')).toBe('Sources');
    expect(itemNoun('deals')).toBe('deal row');
    expect(stateLabel('in_review')).toBe('In review');
    expect(stateName('in_review')).toBe('in review');
    expect(stateLabel('unknown')).toBe('unknown');
  });

  it('finds each list where its list path says', () => {
    const g = smallGuide();
    expect(listOf(g, 'deals')).toBe(g.deals.rows);
    expect(listOf(g, 'takeaways')).toBe(g.takeaways);
    expect(listOf(g, 'related_guides')).toBe(g.related_guides);
    expect(listOf(g, 'meta')).toBeNull();
    expect(listOf(g, 'versions')).toBeNull();
    expect(listOf(g, 'nothing')).toBeNull();
    expect(allIds(g)).toEqual(new Set(['tk-one', 'tk-two', 'sec-a', 'fig-cap', 'deal-a', 'deal-b', 'ev-1', 'rt-1', 'faq-1', 'src-1']));
  });

  it('moves review states as the store does', () => {
    expect(STATES).toEqual(['draft', 'in_review', 'approved', 'live', 'archived']);
    expect(INITIAL_STATES).toEqual(['draft', 'in_review']);
    expect(movesFrom('in_review')).toEqual(['draft', 'archived']);
    for (const s of STATES) expect(movesFrom(s), s).not.toContain('approved');
    expect(STATES.filter(isApprovable)).toEqual(['in_review']);
    expect(DRAFT_LABEL).toBe('draft');
  });

  it('cuts a made-up slug to the longest slug allowed', () => {
    const slug = slugify('word '.repeat(LIMITS.slug_max));
    expect(slug.length).toBeLessThanOrEqual(LIMITS.slug_max);
    expect(slug.endsWith('-')).toBe(false);
  });
});
