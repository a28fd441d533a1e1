// The library's full-text search (store FTS, snippets with highlights) and move
// to trash with undo.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, tempWorkspace, typeInto, clickOn, invoke } from '../lib/app.mjs';
import { waitFor } from '../lib/webdriver.mjs';

async function slugs(app) {
  const items = await app.findAll('[data-testid="guide-item"]');
  return Promise.all(items.map((i) => i.attr('data-slug')));
}

test('search finds guides by their content, with highlighted snippets', async () => {
  const ws = tempWorkspace('search');
  const app = await launch(ws.db);
  after(async () => {
    await app.end();
    ws.cleanup();
  });
  await typeInto(app, await app.waitFind('[data-testid="library-search"]'), 'gigawatts');
  const hit = await app.waitFind('[data-testid="search-hit"]');
  assert.match(await hit.text(), /gigawatts/i);
  const marks = await app.exec(
    `return [...document.querySelectorAll('[data-testid="search-hit"] mark')].map((m) => m.textContent.toLowerCase())`,
  );
  assert.ok(marks.some((m) => m.startsWith('gigawatt')), `highlighted: ${marks}`);
  // The hit opens the guide.
  await clickOn(app, '[data-testid="search-hit"]');
  await app.waitFind('[data-testid="editor-form"]');
  const title = await (await app.waitFind('[data-testid="meta-title"]')).prop('value');
  assert.match(title, /^Training Infrastructure/);
});

test('move a guide to the trash, then undo', async () => {
  const ws = tempWorkspace('trash');
  const app = await launch(ws.db);
  after(async () => {
    await app.end();
    ws.cleanup();
  });
  assert.ok((await slugs(app)).includes('scaling-science'));
  await clickOn(app, '[data-testid="guide-item"][data-slug="scaling-science"] [data-testid="trash-guide"]');
  await waitFor(async () => !(await slugs(app)).includes('scaling-science'), { what: 'the guide to leave the list' });
  const trash = await invoke(app, 'list_trash');
  assert.deepEqual(trash.map((g) => g.slug), ['scaling-science']);

  await clickOn(app, '[data-testid="toast-action"]');
  await waitFor(async () => (await slugs(app)).includes('scaling-science'), { what: 'undo to bring it back' });
  assert.deepEqual(await invoke(app, 'list_trash'), []);
});
