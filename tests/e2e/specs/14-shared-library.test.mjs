// Two people, two app windows, two databases, one shared library (a bare git repository the test
// makes): the editor links the library and names v2 in review, syncs; the reviewer links, compares
// v1 with v2, leaves a note on a deal row, approves v2, syncs; the editor syncs and sees the
// approval (by whom) and the note on the deal row's field; as the publisher, the editor makes v2
// live and publishes the site: the site repository then holds exactly the live bundles. The
// reviewer syncs and sees v2 live. The second window runs under its own
// tauri-driver, which this test starts on 127.0.0.1 and stops.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { APP, WINDOW, launch, tempWorkspace, openGuide, typeInto, clickOn, invoke, guideId, screenshot } from '../lib/app.mjs';
import { Session, waitFor } from '../lib/webdriver.mjs';

const SLUG = 'training-infrastructure';
const item = (label) => `[data-testid="version-item"][data-label="${label}"]`;

/** A second tauri-driver on a free local port, for the second window. */
async function startDriver(dir) {
  const native = execFileSync('sh', ['-c', 'command -v WebKitWebDriver'], { encoding: 'utf8' }).trim();
  const base = 4600 + Math.floor(Math.random() * 300) * 2;
  const child = spawn('tauri-driver', ['--port', String(base), '--native-port', String(base + 1), '--native-driver', native], {
    stdio: ['ignore', 'ignore', 'ignore'],
    cwd: dir,
  });
  const url = `http://127.0.0.1:${base}`;
  await waitFor(
    async () => {
      try {
        const r = await fetch(`${url}/status`);
        return r.ok && (await r.json()).value?.ready === true;
      } catch {
        return false;
      }
    },
    { timeout: 10000, what: `tauri-driver on ${url}` },
  );
  return { url, stop: () => child.kill() };
}

async function libraryState(app) {
  const el = await app.find(`[data-testid="guide-item"][data-slug="${SLUG}"] [data-testid="sync-state"]`);
  return el.attr('data-state');
}

async function link(app, remote) {
  await clickOn(app, '[data-testid="link-library"]');
  await typeInto(app, await app.waitFind('[data-testid="link-remote"]'), remote);
  await clickOn(app, '[data-testid="link-submit"]');
  await waitFor(async () => (await app.findAll('[data-testid="link-dialog"]')).length === 0, { timeout: 30000, what: 'the link dialog to close' });
}

async function sync(app) {
  await clickOn(app, '[data-testid="sync-button"]');
  await waitFor(
    async () => {
      const b = await app.find('[data-testid="sync-button"]');
      return (await app.exec('return arguments[0].disabled', b)) === false;
    },
    { timeout: 30000, what: 'the sync to finish' },
  );
}

async function badge(app, label) {
  return (await (await app.find(`${item(label)} [data-testid="version-state-badge"]`)).text()).trim().toLowerCase();
}

test('editor and reviewer round trip through a shared library', async () => {
  const ws = tempWorkspace('shared');
  const remote = join(ws.dir, 'library.git');
  execFileSync('git', ['init', '-q', '--bare', remote]);
  mkdirSync(join(ws.dir, 'ed'));
  mkdirSync(join(ws.dir, 'rita'));
  const ed = await launch(join(ws.dir, 'ed', 'almanac.db'));
  const driver = await startDriver(ws.dir);
  const rita = await Session.start(driver.url, APP, ['--db', join(ws.dir, 'rita', 'almanac.db')]);
  after(async () => {
    await ed.end();
    await rita.end();
    driver.stop();
    ws.cleanup();
  });
  await rita.cmd('POST', '/window/rect', { ...WINDOW, x: 120, y: 60 });
  await rita.waitFind('[data-testid="guide-list"]', 20000);
  // Each person's name, as their acts record it (the app asks for it at the first approval).
  await invoke(ed, 'set_reviewer_name', { name: 'Ed Editor' });
  await invoke(rita, 'set_reviewer_name', { name: 'Rita Reviewer' });

  // The editor links the library: the sample guides are shared.
  await link(ed, remote);
  await waitFor(async () => (await libraryState(ed)) === 'shared', { timeout: 10000, what: 'the guide to show shared' });

  // The editor names v2 (in review) from the draft and syncs.
  await openGuide(ed, SLUG);
  await clickOn(ed, '[data-testid="tab-versions"]');
  await ed.waitFind('[data-testid="versions-panel"]');
  await clickOn(ed, '[data-testid="save-version"]');
  await typeInto(ed, await ed.waitFind('[data-testid="version-label"]'), 'v2');
  await ed.exec(
    `const s = document.querySelector('[data-testid="version-state"]'); s.value = 'in_review'; s.dispatchEvent(new Event('change', { bubbles: true }));`,
  );
  await clickOn(ed, '[data-testid="version-save"]');
  await ed.waitFind(item('v2'));
  await waitFor(async () => (await libraryState(ed)) === 'changes_to_share', { timeout: 10000, what: 'changes to share' });
  await sync(ed);
  await waitFor(async () => (await libraryState(ed)) === 'shared', { timeout: 10000, what: 'shared after sync' });
  const author = (await (await ed.find(`${item('v2')} [data-testid="version-author"]`)).text()).trim();
  assert.match(author, /named by Ed Editor/);

  // The reviewer links the same library: v1 is the same version, v2 arrives.
  await link(rita, remote);
  await openGuide(rita, SLUG);
  await clickOn(rita, '[data-testid="tab-versions"]');
  await rita.waitFind(item('v2'), 15000);
  assert.equal(await badge(rita, 'v2'), 'in review');
  const ritaAuthor = (await (await rita.find(`${item('v2')} [data-testid="version-author"]`)).text()).trim();
  assert.match(ritaAuthor, /named by Ed Editor/, 'who named it travelled');

  // Compare v1 → v2 and leave a note on a changed deal row.
  for (const label of ['v1', 'v2']) await clickOn(rita, `${item(label)} input[type="checkbox"]`);
  await clickOn(rita, '[data-testid="compare-picked"]');
  await rita.waitFind('[data-testid="diff-view"]', 15000);
  const changedRow = await rita.exec(
    `const i = document.querySelector('[data-testid="diff-part"][data-part="deals"] [data-testid="diff-item"]'); return i && i.getAttribute('data-item-id');`,
  );
  assert.ok(changedRow, 'v1 → v2 changes a deal row');
  await screenshot(rita, '14-reviewer-compare');
  await clickOn(rita, `[data-testid="diff-item"][data-item-id="${changedRow}"] [data-testid="note-on-change"]`);
  await typeInto(rita, await rita.waitFind('[data-testid="note-text"]'), 'Check this capacity against the filing.');
  await clickOn(rita, '[data-testid="note-save"]');
  await clickOn(rita, '[data-testid="compare-close"]');

  // Approve v2 (the panel asks for the name it approves with, prefilled) and sync.
  await clickOn(rita, `${item('v2')} [data-testid="version-approve"]`);
  const asked = await rita.findAll('[data-testid="reviewer-name"]');
  if (asked.length) {
    await typeInto(rita, asked[0], 'Rita Reviewer');
    await clickOn(rita, '[data-testid="reviewer-save"]');
  }
  await waitFor(async () => (await badge(rita, 'v2')) === 'approved', { timeout: 10000, what: 'v2 approved' });
  await sync(rita);

  // The editor syncs: the approval (by Rita) and the note on the deal row arrive.
  await sync(ed);
  await waitFor(async () => (await badge(ed, 'v2')) === 'approved', { timeout: 15000, what: 'the approval to arrive' });
  const approvedBy = (await (await ed.waitFind('[data-testid="approved-by"]')).text()).trim();
  assert.match(approvedBy, /Approved by Rita Reviewer/);
  const id = await guideId(ed, SLUG);
  const versions = await invoke(ed, 'list_versions', { id });
  const v2 = versions.find((v) => v.label === 'v2');
  const notes = await invoke(ed, 'list_notes', { versionId: v2.id });
  assert.equal(notes.length, 1);
  assert.equal(notes[0].item_id, changedRow);
  assert.equal(notes[0].author, 'Rita Reviewer');
  await clickOn(ed, '[data-testid="tab-preview"]').catch(() => {});
  const fieldNote = await ed.waitFind('[data-testid="field-note"]', 15000);
  assert.match(await fieldNote.text(), /Note from Rita Reviewer.*Check this capacity against the filing\./s);
  await screenshot(ed, '14-editor-after-sync');

  // The publisher makes v2 live and publishes the site to a bare repository.
  const site = join(ws.dir, 'site.git');
  execFileSync('git', ['init', '-q', '--bare', site]);
  await clickOn(ed, '[data-testid="tab-versions"]');
  await clickOn(ed, `${item('v2')} [data-testid="version-publish"]`);
  await waitFor(async () => (await badge(ed, 'v2')) === 'live', { timeout: 10000, what: 'v2 live' });
  await typeInto(ed, await ed.waitFind('[data-testid="site-target"]'), site);
  await clickOn(ed, '[data-testid="site-save"]');
  await clickOn(ed, '[data-testid="publish-site"]');
  const result = await ed.waitFind('[data-testid="publish-result"]', 30000);
  assert.match(await result.text(), /training-infrastructure v2/);
  const tree = execFileSync('git', ['--git-dir', site, 'ls-tree', '-r', '--name-only', 'main'], { encoding: 'utf8' })
    .trim()
    .split('\n');
  const folders = [...new Set(tree.filter((p) => p.includes('/')).map((p) => p.split('/')[0]))].sort();
  assert.deepEqual(folders, ['scaling-science', SLUG], 'exactly the live guides');
  const index = JSON.parse(execFileSync('git', ['--git-dir', site, 'show', 'main:index.json'], { encoding: 'utf8' }));
  assert.deepEqual(
    index.guides.map((g) => [g.slug, g.version]),
    [
      ['scaling-science', 'v1'],
      [SLUG, 'v2'],
    ],
  );
  const published = JSON.parse(execFileSync('git', ['--git-dir', site, 'show', `main:${SLUG}/guide.json`], { encoding: 'utf8' }));
  assert.equal(published.meta.version.label, 'v2');
  assert.equal(published.meta.version.state, 'live');
  await sync(ed);
  await sync(rita);
  await clickOn(rita, '[data-testid="tab-versions"]');
  await waitFor(async () => (await badge(rita, 'v2')) === 'live', { timeout: 15000, what: 'the reviewer to see v2 live' });

  // Nothing left to share on either side.
  for (const app of [ed, rita]) {
    await sync(app);
    assert.equal(await libraryState(app), 'shared');
  }
});
