// Create a guide and fill every part in the forms; the preview follows, and
// everything typed is in the store.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  launch, tempWorkspace, waitPreviewTitle, waitPreviewHas, field, addItem, typeInto, waitSaved,
  invoke, guideId, screenshot, clickOn,
} from '../lib/app.mjs';

test('create a guide and fill every part; the preview shows each part', async () => {
  const ws = tempWorkspace('create');
  const app = await launch(ws.db);
  after(async () => {
    await app.end();
    ws.cleanup();
  });

  await clickOn(app, '[data-testid="new-guide"]');
  await (await app.waitFind('[data-testid="new-guide-title"]')).type('Desert Solar Compute');
  const slug = await app.waitFind('[data-testid="new-guide-slug"]');
  await typeInto(app, slug, 'desert-solar-compute');
  await clickOn(app, '[data-testid="new-guide-create"]');
  await app.waitFind('[data-testid="editor-form"]');
  await waitPreviewTitle(app, 'Desert Solar Compute');

  const fill = async (path, text) => typeInto(app, await field(app, path), text);

  await fill('meta.topic', 'Energy for AI');
  await fill('tldr', 'Solar farms in the desert now power **training runs** at night through batteries.');

  await addItem(app, 'takeaways', 1);
  await fill('takeaways[0].text', 'Batteries carry solar power into the night shift.');

  await addItem(app, 'sections', 1);
  await fill('sections[0].heading', 'Why the desert');
  await fill('sections[0].body', 'Cheap land and strong sun.\n\nGrid links are the bottleneck.');

  await addItem(app, 'figures', 1);
  await fill('figures[0].caption', 'Committed solar capacity by lab');

  await fill('deals.caption', 'Solar compute deals');
  await addItem(app, 'deal-grid', 1);
  await fill('deals[0].lab', 'Helio Labs');
  await fill('deals[0].partner', 'Dune Power');
  await fill('deals[0].capacity', '300 MW');
  await fill('deals[0].timeline', '2027');
  await fill('deals[0].terms', 'Twenty-year power purchase agreement');
  await fill('deals.footnote', 'Capacities are nameplate solar output.');
  const gw = await app.waitFind('[data-testid="deal-gw"]');
  assert.match(await gw.text(), /0\.3 GW/);

  await addItem(app, 'timeline', 1);
  await fill('timeline[0].date', '2026');
  await fill('timeline[0].title', 'First desert cluster online');

  await addItem(app, 'related_topics', 1);
  await fill('related_topics[0].title', 'Power markets');
  await fill('related_topics[0].target', 'power-markets');

  await addItem(app, 'faq', 1);
  await fill('faq[0].question', 'Does solar work at night?');
  await fill('faq[0].answer', 'With batteries sized for the night load, yes.');

  await addItem(app, 'related_guides', 1);
  await fill('related_guides[0].title', 'Training Infrastructure');
  await fill('related_guides[0].target', 'training-infrastructure');

  await addItem(app, 'sources', 1);
  await fill('sources[0].source', 'Desert Energy Review');
  await fill('sources[0].published', '2026-10-01');
  await fill('sources[0].title', 'Solar clusters come of age');
  await fill('sources[0].url', 'https://example.org/solar-clusters');
  await fill('sources[0].summary', 'A survey of solar-powered training sites.');

  await waitPreviewHas(app, [
    'Energy for AI',
    'training runs',
    'Batteries carry solar power into the night shift.',
    'Why the desert',
    'Grid links are the bottleneck.',
    'Committed solar capacity by lab',
    'Solar compute deals',
    'Helio Labs',
    'Dune Power',
    '300 MW',
    'Twenty-year power purchase agreement',
    'Capacities are nameplate solar output.',
    'First desert cluster online',
    'Power markets',
    'Does solar work at night?',
    'Training Infrastructure',
    'Solar clusters come of age',
  ]);
  await waitSaved(app);
  await screenshot(app, '02-filled-guide');

  // Everything typed is in the store's draft.
  const draft = await invoke(app, 'open_draft', { id: await guideId(app, 'desert-solar-compute') });
  const g = draft.guide;
  assert.equal(g.meta.title, 'Desert Solar Compute');
  assert.equal(g.meta.topic, 'Energy for AI');
  assert.match(g.tldr, /training runs/);
  assert.equal(g.takeaways[0].text, 'Batteries carry solar power into the night shift.');
  assert.equal(g.sections[0].heading, 'Why the desert');
  assert.equal(g.deals.caption, 'Solar compute deals');
  assert.equal(g.deals.footnote, 'Capacities are nameplate solar output.');
  assert.equal(g.figures[0].caption, 'Committed solar capacity by lab');
  assert.deepEqual(
    [g.deals.rows[0].lab, g.deals.rows[0].partner, g.deals.rows[0].capacity, g.deals.rows[0].timeline],
    ['Helio Labs', 'Dune Power', { text: '300 MW', gw: 0.3 }, '2027'],
  );
  assert.equal(g.timeline[0].title, 'First desert cluster online');
  assert.equal(g.related_topics[0].target, 'power-markets');
  assert.equal(g.faq[0].answer, 'With batteries sized for the night load, yes.');
  assert.equal(g.related_guides[0].target, 'training-infrastructure');
  assert.equal(g.sources[0].url, 'https://example.org/solar-clusters');
  const findings = await invoke(app, 'validate_guide', { guide: g });
  assert.deepEqual(findings.filter((f) => f.severity === 'error'), [], 'the filled guide has no errors');
});
