// One version model, in the real app: a new guide is named v1 in review, approved, published
// live, edited and named v2. The library, the form, the preview and every exported page say what
// the store says: which version, in which state, with which history, with absolute dates. The
// Save version dialog cannot make a version live. A revised bundle of an existing guide comes in
// as a new version whose comparison with the old one shows exactly the revision's edits.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  launch, tempWorkspace, field, typeInto, waitSaved, waitPreviewHas, waitPreviewTitle, invoke, guideId, screenshot, clickOn, ROOT,
} from '../lib/app.mjs';
import { waitFor } from '../lib/webdriver.mjs';

const ALMANAC = process.env.E2E_ALMANAC ?? join(ROOT, 'target/debug/almanac');
const SLUG = 'grid-batteries';

const item = (label) => `[data-testid="version-item"][data-label="${label}"]`;

async function badgeOf(app, label) {
  return (await (await app.find(`${item(label)} [data-testid="version-state-badge"]`)).text()).trim().toLowerCase();
}

async function waitBadge(app, label, state) {
  await waitFor(async () => (await badgeOf(app, label)) === state, { timeout: 10000, what: `${label} to show ${state}` });
}

async function libraryBadge(app) {
  const el = await app.find(`[data-testid="guide-item"][data-slug="${SLUG}"] [data-testid="guide-badge"]`);
  // The words as written (the badge is shown in capitals by CSS).
  return (await app.exec('return arguments[0].textContent', el)).replace(/\s+/g, ' ').trim();
}

async function waitLibrary(app, expected) {
  let seen = '';
  try {
    await waitFor(async () => (seen = await libraryBadge(app)) === expected, { timeout: 10000, what: `the library to say ${expected}` });
  } catch (e) {
    throw new Error(`${e.message}; it says "${seen}"`);
  }
}

async function saveVersion(app, label, state) {
  await clickOn(app, '[data-testid="save-version"]');
  const dialog = await app.waitFind('[data-testid="save-version-dialog"]');
  // Naming a version offers draft and in review only: never approved or live.
  const offered = await app.exec(
    `return [...document.querySelectorAll('[data-testid="version-state"] option')].map((o) => o.value)`,
  );
  assert.deepEqual(offered, ['draft', 'in_review']);
  await typeInto(app, await dialog.find('[data-testid="version-label"]'), label);
  await app.exec(
    `const s = document.querySelector('[data-testid="version-state"]'); s.value = arguments[0]; s.dispatchEvent(new Event('change', { bubbles: true }));`,
    state,
  );
  await clickOn(app, '[data-testid="version-save"]');
  return app.waitFind(item(label));
}

async function exportVersion(app, label, dir) {
  await clickOn(app, `${item(label)} [data-testid="version-export"]`);
  await typeInto(app, await app.waitFind('[data-testid="export-dir"]'), dir);
  await clickOn(app, '[data-testid="export-submit"]');
  const shown = (await (await app.waitFind('[data-testid="export-path"]', 15000)).text()).trim();
  await clickOn(app, '[data-testid="modal-close"], [data-testid="export-dialog"] .modal-actions .btn:not(.primary)');
  return shown;
}

function readBundle(dir) {
  const html = readFileSync(join(dir, 'index.html'), 'utf8');
  return {
    html,
    text: html.replace(/<style[\s\S]*?<\/style>/g, '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' '),
    guide: JSON.parse(readFileSync(join(dir, 'guide.json'), 'utf8')),
    manifest: JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')),
    md: readFileSync(join(dir, 'guide.md'), 'utf8'),
  };
}

function assertStatic(b, what) {
  for (const [name, text] of [['index.html', b.text], ['guide.md', b.md]]) {
    assert.doesNotMatch(text, /just now|\b\d+(m|h|d|mo|y) ago\b|\bin \d+(m|h|d|mo|y)\b/, `${what} ${name}: no relative age`);
  }
  execFileSync(ALMANAC, ['check', join(b.dir)], { encoding: 'utf8' });
}

test('v1 in review → approved → live, v2 in review: every page says what the store says', async () => {
  const ws = tempWorkspace('versions');
  const app = await launch(ws.db);
  after(async () => {
    await app.end();
    ws.cleanup();
  });

  // A new guide, exportable once its topic and TL;DR are written.
  await clickOn(app, '[data-testid="new-guide"]');
  await (await app.waitFind('[data-testid="new-guide-title"]')).type('Grid Batteries for Compute');
  await typeInto(app, await app.waitFind('[data-testid="new-guide-slug"]'), SLUG);
  await clickOn(app, '[data-testid="new-guide-create"]');
  await app.waitFind('[data-testid="editor-form"]');
  await waitPreviewTitle(app, 'Grid Batteries for Compute');
  await typeInto(app, await field(app, 'meta.topic'), 'Energy for AI');
  await typeInto(app, await field(app, 'tldr'), 'Batteries beside data centres now carry training runs through the evening peak.');
  await waitSaved(app);
  // Details shows the version line and times read-only: nothing there to type.
  assert.equal((await (await app.find('[data-testid="version-line"]')).text()).trim(), 'draft · not yet versioned');
  assert.equal(await app.exec('return document.querySelectorAll(\'[data-testid="version-info"] input, [data-testid="version-info"] select\').length'), 0);
  await waitPreviewHas(app, ['not yet versioned']);

  // v1 in review, approved (the reviewer name asked once), published live.
  await clickOn(app, '[data-testid="show-versions"]');
  await app.waitFind('[data-testid="versions-panel"]');
  await saveVersion(app, 'v1', 'in_review');
  await waitBadge(app, 'v1', 'in review');
  // "Move to…" never offers approved or live for a version in review.
  const moves = await app.exec(
    `return [...document.querySelectorAll('${item('v1')} [data-testid="version-set-state"] option:not([disabled])')].map((o) => o.value)`,
  );
  assert.deepEqual(moves, ['draft', 'archived']);
  await clickOn(app, `${item('v1')} [data-testid="version-approve"]`);
  await typeInto(app, await app.waitFind('[data-testid="reviewer-name"]'), 'Rita Reviewer');
  await clickOn(app, '[data-testid="reviewer-save"]');
  await waitBadge(app, 'v1', 'approved');
  await clickOn(app, `${item('v1')} [data-testid="version-publish"]`);
  await waitBadge(app, 'v1', 'live');
  await waitLibrary(app, 'v1 live');

  // An edit: the draft now has unpublished edits; v2 goes in review.
  await typeInto(app, await field(app, 'tldr'), 'Batteries beside data centres carry training runs through the evening peak, and sell power back at night.');
  await waitSaved(app);
  await waitLibrary(app, 'v1 live unpublished edits');
  await waitPreviewHas(app, ['v1', 'draft, unpublished edits']);
  await saveVersion(app, 'v2', 'in_review');
  await waitLibrary(app, 'v2 in review v1 live unpublished edits');
  await screenshot(app, 'versions-v2-in-review');

  // Export v1: "v1 · live", v1 alone in its versions list, absolute dates, almanac check passes.
  const out1 = join(ws.dir, 'out-v1');
  const b1 = { dir: await exportVersion(app, 'v1', out1) };
  Object.assign(b1, readBundle(b1.dir));
  assert.equal(b1.manifest.version, 'v1');
  assert.deepEqual(b1.guide.meta.version, { label: 'v1', state: 'live' });
  assert.deepEqual(b1.guide.versions.map((v) => [v.label, v.state]), [['v1', 'live']]);
  assert.match(b1.text, /v1 · live/);
  assert.match(b1.html, /<time datetime="[^"]+">\d{1,2} [A-Z][a-z]{2} \d{4}<\/time>/, 'absolute dates');
  assertStatic(b1, 'v1');

  // v2 approved (the name is remembered) and published: v1 is archived.
  await clickOn(app, `${item('v2')} [data-testid="version-approve"]`);
  await waitBadge(app, 'v2', 'approved');
  assert.equal((await app.findAll('[data-testid="reviewer-form"]')).length, 0, 'the reviewer name is asked once');
  await clickOn(app, `${item('v2')} [data-testid="version-publish"]`);
  await waitBadge(app, 'v2', 'live');
  await waitBadge(app, 'v1', 'archived');
  await waitLibrary(app, 'v2 live');

  const out2 = join(ws.dir, 'out-v2');
  const b2 = { dir: await exportVersion(app, 'v2', out2) };
  Object.assign(b2, readBundle(b2.dir));
  assert.deepEqual(b2.guide.meta.version, { label: 'v2', state: 'live' });
  assert.deepEqual(b2.guide.versions.map((v) => [v.label, v.state]), [['v2', 'live'], ['v1', 'archived']]);
  assert.match(b2.text, /v2 · live/);
  assertStatic(b2, 'v2');

  // The draft's page says it is a draft, never a version's label as its own.
  await clickOn(app, '[data-testid="export-draft"]');
  await typeInto(app, await app.waitFind('[data-testid="export-dir"]'), join(ws.dir, 'out-draft'));
  await clickOn(app, '[data-testid="export-submit"]');
  const bd = { dir: (await (await app.waitFind('[data-testid="export-path"]', 15000)).text()).trim() };
  Object.assign(bd, readBundle(bd.dir));
  assert.equal(bd.manifest.version, 'draft');
  assert.deepEqual(bd.guide.meta.version, { label: 'draft', state: 'draft', based_on: 'v2', same_as_base: true });
  assert.match(bd.text, /v2 · draft, no edits since/);
  assertStatic(bd, 'draft');

  // The same version in the same state exports to the same bytes (times are the store's).
  const again = join(ws.dir, 'again');
  execFileSync(ALMANAC, ['--db', ws.db, 'export', `${SLUG}@v2`, '-o', again]);
  for (const f of ['guide.json', 'index.html', 'guide.md', 'manifest.json']) {
    assert.ok(readFileSync(join(again, SLUG, f)).equals(readFileSync(join(b2.dir, f))), `${f}: app and CLI agree byte for byte`);
  }
});

test('a revised bundle of an existing guide comes in as a new version; comparing shows exactly its edits', async () => {
  const ws = tempWorkspace('import-version');
  // The revision: the sample guide as it was published (v1), with two edits, exported by the CLI.
  const v1 = JSON.parse(readFileSync(join(ROOT, 'content/training-infrastructure/guide.json'), 'utf8'));
  const revised = structuredClone(v1);
  revised.tldr = `${v1.tldr} Two more sites broke ground this month.`;
  revised.faq[0].question = 'Why do labs sign compute deals that run for a decade?';
  revised.meta.version = { label: 'v1', state: 'live' };
  mkdirSync(join(ws.dir, 'src'), { recursive: true });
  writeFileSync(join(ws.dir, 'src/guide.json'), JSON.stringify(revised, null, 2));
  execFileSync(ALMANAC, ['export', join(ws.dir, 'src/guide.json'), '-o', join(ws.dir, 'bundles')]);
  const bundle = join(ws.dir, 'bundles', 'training-infrastructure');

  const app = await launch(ws.db);
  after(async () => {
    await app.end();
    ws.cleanup();
  });
  const id = await guideId(app, 'training-infrastructure');
  const before = await invoke(app, 'list_versions', { id });

  await clickOn(app, '[data-testid="import-bundle"]');
  await typeInto(app, await app.waitFind('[data-testid="import-path"]'), bundle);
  await clickOn(app, '[data-testid="import-submit"]');
  // The comparison with the current draft comes first; nothing is written before the choice.
  await app.waitFind('[data-testid="import-update"]');
  assert.equal((await invoke(app, 'list_versions', { id })).length, before.length);
  await screenshot(app, 'import-as-version');
  await clickOn(app, '[data-testid="import-choice-draft"]');
  await clickOn(app, '[data-testid="import-choice-version"]');
  assert.equal(await app.exec('return document.querySelector(\'[data-testid="import-as-version"]\').checked'), true);
  await clickOn(app, '[data-testid="import-confirm"]');

  let versions;
  await waitFor(async () => {
    versions = await invoke(app, 'list_versions', { id });
    return versions.length === before.length + 1;
  }, { what: 'the imported version' });
  const added = versions[0];
  assert.equal(added.label, 'v1-imported', 'v1 is taken: renamed');
  assert.equal(added.state, 'in_review', 'a bundle\'s approval does not travel: it comes back in review');
  const old = before.find((v) => v.label === 'v1');
  const diff = await invoke(app, 'diff', { a: { kind: 'version', version_id: old.id }, b: { kind: 'version', version_id: added.id } });
  const changes = diff.parts.flatMap((p) => [...p.fields.map((f) => f.path), ...p.items.map((i) => `${p.part}:${i.id}:${i.kind}`)]);
  assert.deepEqual(changes.sort(), ['faq:faq-decade-deals:changed', 'tldr']);
  // The draft is untouched.
  const draft = (await invoke(app, 'open_draft', { id })).guide;
  assert.notEqual(draft.tldr, revised.tldr);
});
