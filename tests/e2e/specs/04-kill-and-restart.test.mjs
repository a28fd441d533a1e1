// After a kill (SIGKILL, no chance to clean up) the next start opens
// the draft with the last saved edit.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, tempWorkspace, openGuide, field, typeInto, waitSaved, killApp, waitPreviewHas, appPid } from '../lib/app.mjs';

test('kill the app, restart it, and find the draft', async () => {
  const ws = tempWorkspace('kill');
  let app = await launch(ws.db);
  after(async () => {
    await app.end();
    ws.cleanup();
  });
  await openGuide(app, 'scaling-science');
  const marker = `Edited before the crash ${Date.now()}`;
  await typeInto(app, await field(app, 'tldr'), marker);
  await waitSaved(app);

  const pid = await killApp(ws.db);
  assert.equal(appPid(ws.db), null, `app ${pid} is gone`);
  await app.end();

  app = await launch(ws.db);
  await openGuide(app, 'scaling-science');
  const tldr = await field(app, 'tldr');
  assert.equal(await tldr.prop('value'), marker);
  await waitPreviewHas(app, [marker]);
});
