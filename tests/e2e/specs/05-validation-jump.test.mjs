// A validation error shows at the field and in the problems panel, and a
// click on it jumps to the field.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, tempWorkspace, openGuide, field, typeInto, clickOn } from '../lib/app.mjs';
import { waitFor } from '../lib/webdriver.mjs';

test('provoke a validation error and jump to it', async () => {
  const ws = tempWorkspace('validation');
  const app = await launch(ws.db);
  after(async () => {
    await app.end();
    ws.cleanup();
  });
  await openGuide(app, 'training-infrastructure');

  const path = 'sources[1].url';
  await typeInto(app, await field(app, path), 'not a web address');
  await app.waitFind(`[data-testid="finding"][data-finding-path="${path}"]`, 10000);
  // Inline at the field: marked invalid.
  const input = await field(app, path);
  assert.equal(await input.attr('aria-invalid'), 'true');

  // Move away: focus the title at the top of the form, then jump back through the panel.
  await (await field(app, 'meta.title')).click();
  await clickOn(app, `[data-testid="finding"][data-finding-path="${path}"]`);
  await waitFor(
    () => app.exec(`const a = document.activeElement; return !!a && (a.getAttribute('data-path') === arguments[0] || !!a.closest('[data-path="' + arguments[0] + '"]'))`, path),
    { what: `focus to land on ${path}` },
  );
  // And it is on screen.
  const visible = await app.exec(
    `const r = document.activeElement.getBoundingClientRect(); return r.top >= 0 && r.bottom <= window.innerHeight`,
  );
  assert.ok(visible, 'the field is scrolled into view');
});
