import { describe, expect, it } from 'vitest';
import { smallGuide } from '../test/fixtures';
import { fieldLabelAt, itemLabel, itemName, markdownOf, pathLabel } from './labels';
import { partLabel } from './shape';

describe('labels for people', () => {
  it('read paths as almanac-guide’s path_label reads them', () => {
    // The same cases as shape.rs's paths_read_as_people_name_them.
    expect(pathLabel('deals[3].partner')).toBe('Deal table · deal row 4 · Partner');
    expect(pathLabel('deals.caption')).toBe('Deal table · Caption');
    expect(pathLabel('tldr')).toBe('TL;DR');
    expect(pathLabel('meta.title')).toBe('Details · Title');
    expect(pathLabel('faq[0]')).toBe('FAQ · question 1');
    expect(pathLabel('deals[0].capacity.text')).toBe('Deal table · deal row 1 · Committed capacity');
    expect(pathLabel('nonsense')).toBe('nonsense');
  });

  it('name items by the shape’s name fields, given the guide', () => {
    const g = smallGuide();
    g.deals.rows[1] = { ...g.deals.rows[1], lab: 'Mirage AI', partner: 'Sahara Grid' };
    expect(pathLabel('deals[1].terms', g)).toBe('Deal table · deal row Mirage AI · Sahara Grid · Notable terms');
    expect(itemLabel('deals', g.deals.rows[1], 1)).toBe('deal row Mirage AI · Sahara Grid');
    expect(itemName('deals', { ...g.deals.rows[1], partner: null })).toBe('Mirage AI · —');
    expect(itemLabel('deals', { ...g.deals.rows[1], lab: '', partner: null }, 3)).toBe('deal row 4');
    expect(itemLabel('timeline', g.timeline[0], 0)).toBe('event 2020-01 · Paper');
    expect(itemLabel('faq', g.faq[0], 0)).toBe('question Why?');
    expect(itemName('sections', { heading: 'x'.repeat(80) })).toHaveLength(60);
  });

  it('name fields and parts as the form does, and know the Markdown fields from the shape', () => {
    expect(fieldLabelAt('sources[2].score', 'score')).toBe('Relevance');
    expect(fieldLabelAt('tldr', 'tldr')).toBe('Summary paragraph');
    expect(partLabel('sources')).toBe('Sources');
    expect(markdownOf('tldr')).toBe('inline');
    expect(markdownOf('sections[3].body')).toBe('block');
    expect(markdownOf('faq[0].answer')).toBe('block');
    expect(markdownOf('deals.footnote')).toBe('inline');
    expect(markdownOf('timeline[1].detail')).toBe('inline');
    expect(markdownOf('sections[3].heading')).toBeNull();
    expect(markdownOf('meta.title')).toBeNull();
  });
});

describe('fields inside fields', () => {
  it('are named after both, as the report names them', () => {
    expect(fieldLabelAt('meta.version.state', 'state')).toBe('Version · state');
    expect(fieldLabelAt('meta.updated', 'updated')).toBe('Last updated');
  });
});
