// Merge into draft, in the real app: Bea names v2 (her own summary and title) and syncs; Ann, who
// edited the same summary differently, links the same shared library: v2 is offered for merging.
// The merge applies Bea's title by itself, asks about the summary (one conflict), takes hers, and
// one undo takes the whole merge back.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { launch, tempWorkspace, openGuide, field, typeInto, waitSaved, clickOn, invoke, screenshot } from '../lib/app.mjs';
import { waitFor } from '../lib/webdriver.mjs';

const SLUG = 'training-infrastructure';
const BEA_TLDR = "Bea's summary: the race for power decides who trains the next models.";
const BEA_TITLE = 'Training Infrastructure: The Race for Power';
const ANN_TLDR = "Ann's summary: gigawatts, not chips, now set the pace.";

async function link(app, remote) {
  await clickOn(app, '[data-testid="link-library"]');
  await typeInto(app, await app.waitFind('[data-testid="link-remote"]'), remote);
  await clickOn(app, '[data-testid="link-submit"]');
  await waitFor(async () => (await app.findAll('[data-testid="link-dialog"]')).length === 0, { timeout: 30000, what: 'the link dialog to close' });
}

async function value(app, path) {
  return (await field(app, path)).prop('value');
}

test('a colleague version merges into the draft with one conflict, undone in one step', async () => {
  const ws = tempWorkspace('merge');
  const remote = join(ws.dir, 'library.git');
  execFileSync('git', ['init', '-q', '--bare', remote]);
  mkdirSync(join(ws.dir, 'bea'));
  mkdirSync(join(ws.dir, 'ann'));
  after(() => ws.cleanup());

  // Bea: her summary and title, named v2, shared.
  const bea = await launch(join(ws.dir, 'bea', 'almanac.db'));
  try {
    await invoke(bea, 'set_reviewer_name', { name: 'Bea' });
    await link(bea, remote);
    await openGuide(bea, SLUG);
    await typeInto(bea, await field(bea, 'tldr'), BEA_TLDR);
    await typeInto(bea, await field(bea, 'meta.title'), BEA_TITLE);
    await waitSaved(bea);
    await clickOn(bea, '[data-testid="tab-versions"]');
    await clickOn(bea, '[data-testid="save-version"]');
    await typeInto(bea, await bea.waitFind('[data-testid="version-label"]'), 'v2');
    await clickOn(bea, '[data-testid="version-save"]');
    await bea.waitFind('[data-testid="version-item"][data-label="v2"]');
    await clickOn(bea, '[data-testid="sync-button"]');
    await waitFor(async () => (await bea.find(`[data-testid="guide-item"][data-slug="${SLUG}"] [data-testid="sync-state"]`).then((e) => e.attr('data-state'))) === 'shared', {
      timeout: 30000,
      what: "Bea's v2 shared",
    });
  } finally {
    await bea.end();
  }

  // Ann: her own summary, then she links the library.
  const ann = await launch(join(ws.dir, 'ann', 'almanac.db'));
  after(() => ann.end());
  await invoke(ann, 'set_reviewer_name', { name: 'Ann' });
  await openGuide(ann, SLUG);
  const title = await value(ann, 'meta.title');
  await typeInto(ann, await field(ann, 'tldr'), ANN_TLDR);
  await waitSaved(ann);
  await link(ann, remote);
  await clickOn(ann, '[data-testid="tab-versions"]');
  const annId = (await invoke(ann, 'list_guides', { query: {} })).find((g) => g.slug === SLUG).id;
  await clickOn(ann, '[data-testid="version-item"][data-label="v2"] [data-testid="merge-into-draft"]', 15000);
  await ann.waitFind('[data-testid="merge-dialog"]');
  await ann.waitFind('[data-testid="merge-conflict"]', 15000);
  const conflicts = await ann.findAll('[data-testid="merge-conflict"]');
  assert.deepEqual(await Promise.all(conflicts.map((c) => c.attr('data-key'))), ['tldr']);
  const applied = await (await ann.find('[data-testid="merge-applied"]')).text();
  assert.match(applied, /Title/);
  assert.equal(await (await ann.find('[data-testid="merge-apply"]')).prop('disabled'), true, 'a choice is needed first');
  await screenshot(ann, '16-merge-dialog');
  await clickOn(ann, '[data-testid="merge-conflict"][data-key="tldr"] [data-choice="theirs"]');
  await clickOn(ann, '[data-testid="merge-apply"]');
  await waitFor(async () => (await ann.findAll('[data-testid="merge-dialog"]')).length === 0, { what: 'the merge dialog to close' });
  await waitFor(async () => (await value(ann, 'tldr')) === BEA_TLDR, { what: "Bea's summary in the draft" });
  assert.equal(await value(ann, 'meta.title'), BEA_TITLE, "Bea's title merged by itself");
  await waitSaved(ann);
  assert.equal((await invoke(ann, 'merge_offers', { id: (await invoke(ann, 'list_guides', { query: {} })).find((g) => g.slug === SLUG).id })).length, 0);

  // One undo takes the whole merge back.
  await clickOn(ann, '[data-testid="undo"]');
  await waitFor(async () => (await value(ann, 'tldr')) === ANN_TLDR, { what: 'the merge undone' });
  assert.equal(await value(ann, 'meta.title'), title);
});
