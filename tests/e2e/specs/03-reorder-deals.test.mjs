// Reorder deal rows (buttons and keyboard); the preview's table follows and
// the new order is saved.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, tempWorkspace, openGuide, inPreview, waitSaved, invoke, guideId, clickOn } from '../lib/app.mjs';
import { waitFor, Keys } from '../lib/webdriver.mjs';

async function gridOrder(app) {
  const rows = await app.findAll('[data-testid="deal-grid-item"]');
  return Promise.all(rows.map((r) => r.attr('data-item-id')));
}

/** The stable ids of the preview table's rows, in order (rows carry id="deal-<id>"). */
async function previewOrder(app) {
  return inPreview(app, () =>
    app.exec(`return [...document.querySelectorAll('tr[data-path^="deals["]')].map((tr) => tr.id)`),
  );
}

test('reorder deal rows; preview and store follow', async () => {
  const ws = tempWorkspace('reorder');
  const app = await launch(ws.db);
  after(async () => {
    await app.end();
    ws.cleanup();
  });
  await openGuide(app, 'training-infrastructure');
  const before = await gridOrder(app);
  assert.ok(before.length >= 3, `sample has deal rows: ${before}`);
  const previewBefore = await previewOrder(app);
  assert.equal(previewBefore.length, before.length);
  // The preview's row anchors name the same stable ids, in the same order.
  before.forEach((id, i) => assert.ok(previewBefore[i].endsWith(id), `${previewBefore[i]} ~ ${id}`));

  // Button: move the first row down.
  await clickOn(app, '[data-testid="deal-grid-item"][data-index="0"] [data-testid="move-down"]');
  const expected1 = [before[1], before[0], ...before.slice(2)];
  await waitFor(async () => JSON.stringify(await gridOrder(app)) === JSON.stringify(expected1), {
    what: 'the first two rows to swap',
  });

  // Keyboard: Alt+ArrowUp on the (now) third row moves it to second place.
  const third = (await app.findAll('[data-testid="deal-grid-item"]'))[2];
  const handle = await third.find('button.handle');
  await app.exec("arguments[0].scrollIntoView({ block: 'center' }); arguments[0].focus()", handle);
  await app.chord([Keys.ALT, Keys.UP]);
  const expected2 = [expected1[0], expected1[2], expected1[1], ...expected1.slice(3)];
  await waitFor(async () => JSON.stringify(await gridOrder(app)) === JSON.stringify(expected2), {
    what: 'Alt+ArrowUp to move the third row up',
  });

  await waitFor(
    async () => {
      const p = await previewOrder(app);
      return expected2.every((id, i) => p[i]?.endsWith(id));
    },
    { what: 'the preview table to show the new order' },
  );
  await waitSaved(app);
  const draft = await invoke(app, 'open_draft', { id: await guideId(app, 'training-infrastructure') });
  assert.deepEqual(draft.guide.deals.rows.map((r) => r.id), expected2);
});
