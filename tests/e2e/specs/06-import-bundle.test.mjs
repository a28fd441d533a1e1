// Import a bundle (made by the `almanac` CLI) into the library: by typed
// path, and through the "Browse…" folder dialog, which the test answers with `--import-from`
// (WebDriver cannot drive a native dialog). A tampered bundle is refused and nothing is added.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync, mkdirSync, cpSync, appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { launch, tempWorkspace, openGuide, typeInto, waitPreviewTitle, clickOn, ROOT } from '../lib/app.mjs';
import { waitFor } from '../lib/webdriver.mjs';

const ALMANAC = process.env.E2E_ALMANAC ?? join(ROOT, 'target/debug/almanac');
const ws = tempWorkspace('import');
let bundle;
let tampered;
const title = 'Scaling Science (imported copy)';
const slug = 'scaling-science-imported';

before(() => {
  const guide = JSON.parse(readFileSync(join(ROOT, 'content/scaling-science/guide.json'), 'utf8'));
  guide.meta.slug = slug;
  guide.meta.title = title;
  mkdirSync(join(ws.dir, 'src'));
  writeFileSync(join(ws.dir, 'src/guide.json'), JSON.stringify(guide, null, 2));
  bundle = execFileSync(ALMANAC, ['export', join(ws.dir, 'src/guide.json'), '-o', join(ws.dir, 'bundles')], {
    encoding: 'utf8',
  }).trim();
  assert.equal(bundle, join(ws.dir, 'bundles', slug));
  tampered = join(ws.dir, 'tampered', slug);
  cpSync(bundle, tampered, { recursive: true });
  appendFileSync(join(tampered, 'guide.md'), '\nAn edit after export.\n');
});
after(() => ws.cleanup());

async function slugs(app) {
  const items = await app.findAll('[data-testid="guide-item"]');
  return Promise.all(items.map((i) => i.attr('data-slug')));
}

test('import a bundle by path; a tampered one is refused', async () => {
  const app = await launch(join(ws.dir, 'typed.db'));
  try {
    const start = await slugs(app);

    await clickOn(app, '[data-testid="import-bundle"]');
    await typeInto(app, await app.waitFind('[data-testid="import-path"]'), tampered);
    await clickOn(app, '[data-testid="import-submit"]');
    const error = await app.waitFind('[data-testid="import-error"]');
    await waitFor(async () => /checksum/i.test(await error.text()), { what: 'the checksum error' });
    assert.deepEqual(await slugs(app), start, 'nothing was added');

    await typeInto(app, await app.find('[data-testid="import-path"]'), bundle);
    await clickOn(app, '[data-testid="import-submit"]');
    await app.waitFind(`[data-testid="guide-item"][data-slug="${slug}"]`);
    await openGuide(app, slug);
    await waitPreviewTitle(app, title);
  } finally {
    await app.end();
  }
});

test('import through the folder dialog (answered by --import-from)', async () => {
  const app = await launch(join(ws.dir, 'dialog.db'), ['--import-from', bundle]);
  try {
    await clickOn(app, '[data-testid="import-bundle"]');
    await clickOn(app, '[data-testid="import-browse"]');
    await app.waitFind(`[data-testid="guide-item"][data-slug="${slug}"]`);
    await openGuide(app, slug);
    await waitPreviewTitle(app, title);
  } finally {
    await app.end();
  }
});
