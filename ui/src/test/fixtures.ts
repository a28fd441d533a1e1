import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Draft, Guide, GuideSummary } from '../lib/types';

/** The real sample guide from content/ (the publishing format the app stores). */
export function sampleGuide(slug = 'training-infrastructure'): Guide {
  // This file is ui/src/test/fixtures.ts; content/ is at the repository root.
  const here = dirname(fileURLToPath(import.meta.url));
  const file = resolve(here, '..', '..', '..', 'content', slug, 'guide.json');
  return JSON.parse(readFileSync(file, 'utf8')) as Guide;
}

/** A small guide made in code: two deal rows, two takeaways, no errors in shape. */
export function smallGuide(): Guide {
  return {
    format: 1,
    meta: {
      slug: 'small-guide',
      title: 'Small guide',
      topic: 'Testing',
      kind: 'Topic guide',
      depth: 'In-depth',
      status: 'active',
      version: { label: 'v1', state: 'draft' },
      lang: 'en',
      created: '2026-11-01T09:00:00Z',
      updated: '2026-11-02T09:00:00Z',
      generated: '2026-11-02T09:00:00Z',
    },
    tldr: 'A short summary.',
    takeaways: [
      { id: 'tk-one', text: 'First point.' },
      { id: 'tk-two', text: 'Second point.' },
    ],
    sections: [{ id: 'sec-a', heading: 'What it covers', body: 'Body text.' }],
    figures: [{ id: 'fig-cap', kind: 'deal_capacity', caption: 'Capacity by lab' }],
    deals: {
      caption: 'Deals',
      footnote: '',
      rows: [
        { id: 'deal-a', lab: 'Lab A', partner: 'Cloud A', capacity: { text: 'Up to 5 GW', gw: 5 }, timeline: '2027', terms: 'Ten years' },
        { id: 'deal-b', lab: 'Lab B', partner: 'Cloud B', capacity: { text: '300 MW', gw: 0.3 }, timeline: null, terms: 'Unknown terms' },
      ],
    },
    timeline: [{ id: 'ev-1', date: '2020-01', precision: 'month', title: 'Paper', detail: null, link: null }],
    related_topics: [{ id: 'rt-1', title: 'Chips', target: 'chips' }],
    related_guides: [],
    faq: [{ id: 'faq-1', question: 'Why?', answer: 'Because.' }],
    sources: [
      {
        id: 'src-1',
        score: 7,
        source: 'News',
        published: '2026-10-14',
        url: 'https://example.com/a',
        title: 'A story',
        summary: 'About it.',
      },
    ],
    versions: [],
  };
}

export function draftOf(guide: Guide, revision = 1, id = 1): Draft {
  return { guide_id: id, revision, updated: guide.meta.updated, guide };
}

export function summaryOf(guide: Guide, id = 1): GuideSummary {
  return {
    id,
    slug: guide.meta.slug,
    title: guide.meta.title,
    state: guide.meta.version.state,
    newest: null,
    live: null,
    unpublished_edits: false,
    sync: null,
    created: guide.meta.created,
    updated: guide.meta.updated,
    trashed_at: null,
  };
}
