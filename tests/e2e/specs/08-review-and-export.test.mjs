// Save a version, edit, save another, compare and see exactly the edits, leave a note on a deal
// row, restore that deal row from the earlier version, approve (the reviewer name asked once),
// export (the export folder typed in the dialog), and check the bundle with `almanac check`; the
// bundle is the CLI's bundle, byte for byte.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  launch, tempWorkspace, openGuide, field, typeInto, waitSaved, invoke, guideId, screenshot, clickOn, ROOT,
} from '../lib/app.mjs';
import { waitFor } from '../lib/webdriver.mjs';

const ALMANAC = process.env.E2E_ALMANAC ?? join(ROOT, 'target/debug/almanac');
const SLUG = 'training-infrastructure';

async function saveVersion(app, label) {
  await clickOn(app, '[data-testid="save-version"]');
  await typeInto(app, await app.waitFind('[data-testid="version-label"]'), label);
  await clickOn(app, '[data-testid="version-save"]');
  return app.waitFind(`[data-testid="version-item"][data-label="${label}"]`);
}

test('version, compare, note, restore a deal row, approve, export, almanac check', async () => {
  const ws = tempWorkspace('review');
  const app = await launch(ws.db);
  after(async () => {
    await app.end();
    ws.cleanup();
  });
  await openGuide(app, SLUG);
  const id = await guideId(app, SLUG);
  const original = (await invoke(app, 'open_draft', { id })).guide;
  const row = original.deals.rows[0];
  assert.ok(row, 'the sample has a deal row');

  await clickOn(app, '[data-testid="tab-versions"]');
  await app.waitFind('[data-testid="versions-panel"]');
  await saveVersion(app, 'r1');

  // Two edits: the TL;DR and the first deal row's partner.
  await typeInto(app, await field(app, 'tldr'), 'A rewritten summary for review.');
  await typeInto(app, await field(app, 'deals[0].partner'), 'Edited Partner');
  await waitSaved(app);
  const r2 = await saveVersion(app, 'r2');

  // Compare r1 with the draft (= r2): exactly the two edits.
  const r1 = await app.find('[data-testid="version-item"][data-label="r1"]');
  await clickOn(app, '[data-testid="version-item"][data-label="r1"] [data-testid="version-compare"]');
  await app.waitFind('[data-testid="diff-view"]', 15000);
  const parts = await app.exec(
    `return [...document.querySelectorAll('[data-testid="diff-part"]')].map((p) => p.getAttribute('data-part'))`,
  );
  assert.deepEqual(parts.sort(), ['deals', 'tldr']);
  const items = await app.exec(
    `return [...document.querySelectorAll('[data-testid="diff-part"][data-part="deals"] [data-testid="diff-item"]')]
       .map((i) => [i.getAttribute('data-item-id'), i.getAttribute('data-kind')])`,
  );
  assert.deepEqual(items, [[row.id, 'changed']]);
  const diff = await invoke(app, 'diff', {
    a: { kind: 'version', version_id: Number(await r1.attr('data-version-id')) },
    b: { kind: 'draft', guide_id: id },
  });
  const changedPaths = diff.parts.flatMap((p) => [...p.fields, ...p.items.flatMap((i) => i.fields)]).map((f) => f.path);
  assert.deepEqual(changedPaths.sort(), ['deals[0].partner', 'tldr']);
  await screenshot(app, '08-compare');

  // A review note on the deal row.
  await clickOn(app, `[data-testid="diff-item"][data-item-id="${row.id}"] [data-testid="note-on-change"]`);
  await typeInto(app, await app.waitFind('[data-testid="note-text"]'), 'Check the partner name with the source.');
  await clickOn(app, '[data-testid="note-save"]');

  // Restore the deal row from r1 into the draft.
  await clickOn(app, `[data-testid="diff-item"][data-item-id="${row.id}"] [data-testid="restore-item"]`);
  await waitFor(async () => (await invoke(app, 'open_draft', { id })).guide.deals.rows[0].partner === row.partner, {
    what: 'the deal row restored in the draft',
  });
  const draft = (await invoke(app, 'open_draft', { id })).guide;
  assert.equal(draft.tldr, 'A rewritten summary for review.', 'only the row was restored');
  await clickOn(app, '[data-testid="compare-close"]');

  const versions = await invoke(app, 'list_versions', { id });
  const notes = (await Promise.all(versions.map((v) => invoke(app, 'list_notes', { versionId: v.id })))).flat();
  assert.ok(
    notes.some((n) => n.text === 'Check the partner name with the source.' && (n.item_id === row.id || /^deals\[/.test(n.path ?? ''))),
    `a note on the deal row: ${JSON.stringify(notes)}`,
  );

  // Approve r2: draft → in review → approved. The draft (row restored) is no longer covered.
  const r2Id = Number(await r2.attr('data-version-id'));
  const r2Item = () => app.find(`[data-testid="version-item"][data-label="r2"]`);
  const inR2 = (css) => `[data-testid="version-item"][data-label="r2"] ${css}`;
  await clickOn(app, inR2('[data-testid="version-set-state"] option[value="in_review"]'));
  await clickOn(app, inR2('[data-testid="version-approve"]'));
  // The first approval asks for the reviewer name, which the approval records.
  await typeInto(app, await app.waitFind('[data-testid="reviewer-name"]'), 'Rita Reviewer');
  await clickOn(app, '[data-testid="reviewer-save"]');
  await waitFor(async () => (await (await (await r2Item()).find('[data-testid="version-state-badge"]')).text()).trim().toLowerCase() === 'approved', {
    what: 'r2 to show Approved',
  });
  const status = await app.waitFind('[data-testid="approval-status"]');
  await waitFor(async () => (await status.attr('data-covers')) === 'false', { what: 'approval not covering the edited draft' });

  // Export r2 into a folder typed in the export dialog.
  await clickOn(app, inR2('[data-testid="version-export"]'));
  const out = join(ws.dir, 'export');
  await typeInto(app, await app.waitFind('[data-testid="export-dir"]'), out);
  await clickOn(app, '[data-testid="export-submit"]');
  const shown = await (await app.waitFind('[data-testid="export-path"]', 15000)).text();
  const bundle = join(out, SLUG);
  assert.equal(shown.trim(), bundle);

  // `almanac check` accepts it, and it holds r2 as approved.
  // (execFileSync throws on a non-zero exit: 1 = validation errors, 4 = bundle refused.)
  const check = execFileSync(ALMANAC, ['check', bundle], { encoding: 'utf8' });
  assert.match(check, /: ok \(0 errors/);
  const exported = JSON.parse(readFileSync(join(bundle, 'guide.json'), 'utf8'));
  assert.equal(exported.deals.rows[0].partner, 'Edited Partner');
  assert.equal(exported.tldr, 'A rewritten summary for review.');
  assert.deepEqual(exported.meta.version, { label: 'r2', state: 'approved' });
  assert.deepEqual(exported.versions.map((v) => [v.label, v.state]), [['r2', 'approved'], ['r1', 'draft'], ['v1', 'live']]);
  assert.equal(r2Id, versions.find((v) => v.label === 'r2').id);
  const approvals = await invoke(app, 'approval_status', { id });
  assert.equal(approvals.approved[1].reviewer, 'Rita Reviewer');

  // The CLI exports the same guide.json to the same bytes.
  const again = join(ws.dir, 'cli');
  execFileSync(ALMANAC, ['export', join(bundle, 'guide.json'), '-o', again]);
  for (const f of readdirSync(bundle).sort()) {
    assert.ok(readFileSync(join(bundle, f)).equals(readFileSync(join(again, SLUG, f))), `${f} byte for byte`);
  }
  assert.deepEqual(readdirSync(join(again, SLUG)).sort(), readdirSync(bundle).sort());
});
