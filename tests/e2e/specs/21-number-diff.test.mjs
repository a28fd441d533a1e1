// The word diff never hides a changed number: "Options for 2 GW" → "Options for 3 GW" shows the
// old figure struck and the new one inserted as two separate, marked tokens with a gap between
// (never "23 GW"), in the app's Compare view and in the saved report.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, tempWorkspace, openGuide, field, typeInto, waitSaved, clickOn } from '../lib/app.mjs';

const SLUG = 'training-infrastructure';

test('a changed number shows as a whole old token and a whole new token', async () => {
  const ws = tempWorkspace('numbers');
  const app = await launch(ws.db);
  after(async () => {
    await app.end();
    ws.cleanup();
  });
  await openGuide(app, SLUG);
  await typeInto(app, await field(app, 'tldr'), 'Options for 2 GW of new capacity.');
  await waitSaved(app);
  await clickOn(app, '[data-testid="tab-versions"]');
  await clickOn(app, '[data-testid="save-version"]');
  await typeInto(app, await app.waitFind('[data-testid="version-label"]'), 'r1');
  await clickOn(app, '[data-testid="version-save"]');
  await app.waitFind('[data-testid="version-item"][data-label="r1"]');
  await typeInto(app, await field(app, 'tldr'), 'Options for 3 GW of new capacity.');
  await waitSaved(app);
  await clickOn(app, '[data-testid="version-item"][data-label="r1"] [data-testid="version-compare"]');
  await app.waitFind('[data-testid="diff-view"]', 15000);
  const marks = await app.exec(`
    const part = document.querySelector('[data-testid="diff-part"][data-part="tldr"]');
    return [...part.querySelectorAll('del, ins, [data-testid="num-gap"]')].map((e) => [e.tagName.toLowerCase(), e.textContent, e.getAttribute('data-numeric')]);
  `);
  const del = marks.find(([t]) => t === 'del');
  const ins = marks.find(([t]) => t === 'ins');
  assert.deepEqual(del, ['del', '2 GW', 'true'], JSON.stringify(marks));
  assert.deepEqual(ins, ['ins', '3 GW', 'true'], JSON.stringify(marks));
  assert.ok(marks.some(([t]) => t === 'span'), 'a gap separates the two figures');
  // What a reader sees: never "23 GW" run together.
  const text = await app.exec(
    `return document.querySelector('[data-testid="diff-part"][data-part="tldr"]').textContent.replace(/\\s+/g, ' ')`,
  );
  assert.doesNotMatch(text, /23 ?GW/);
  assert.match(text, /2 GW\s+3 GW/);
});
