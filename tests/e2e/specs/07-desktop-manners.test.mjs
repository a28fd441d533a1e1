// One instance at a time (per database), and the window's size and position
// remembered across starts.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { launch, tempWorkspace, APP, appPid, killApp } from '../lib/app.mjs';
import { waitFor } from '../lib/webdriver.mjs';

/** Starts the app binary directly; resolves with its exit code, or 'running' after `ms`. */
function startDirect(args, ms) {
  const child = spawn(APP, args, { stdio: 'ignore' });
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve({ state: 'running', child }), ms);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ state: 'exited', code, child });
    });
  });
}

test('a second start on the same database hands over to the running window and exits', async (t) => {
  if (!process.env.DBUS_SESSION_BUS_ADDRESS) {
    assert.fail('no D-Bus session bus: run through tests/e2e/run, which starts one');
  }
  const ws = tempWorkspace('single');
  const app = await launch(ws.db);
  after(async () => {
    await app.end();
    ws.cleanup();
  });
  const first = appPid(ws.db);

  const second = await startDirect(['--db', ws.db], 15000);
  assert.equal(second.state, 'exited', 'the second instance exits');
  assert.equal(second.code, 0);
  assert.equal(appPid(ws.db), first, 'the first instance keeps running');
  // ...and still answers.
  assert.ok((await app.findAll('[data-testid="guide-item"]')).length >= 2);

  // Another database is another instance.
  const other = join(ws.dir, 'other.db');
  const third = await startDirect(['--db', other], 4000);
  t.after(() => third.child.kill('SIGKILL'));
  assert.equal(third.state, 'running', 'an app on another database starts normally');
});

test('the window’s size and position are remembered', async () => {
  const ws = tempWorkspace('window');
  let app = await launch(ws.db);
  after(async () => {
    await app.end();
    ws.cleanup();
  });
  const wanted = { x: 40, y: 30, width: 1180, height: 760 };
  await app.cmd('POST', '/window/rect', wanted);
  await waitFor(async () => {
    const r = await app.cmd('GET', '/window/rect');
    return r.width === wanted.width && r.height === wanted.height;
  }, { what: 'the window to take the new size' });
  const set = await app.cmd('GET', '/window/rect');

  // The state is saved shortly after the change, so even a crash (here: SIGKILL) keeps it.
  const stateFile = join(process.env.XDG_CONFIG_HOME ?? join(process.env.HOME, '.config'), 'org.almanac.studio', '.window-state.json');
  await waitFor(() => {
    if (!existsSync(stateFile)) return false;
    const saved = JSON.parse(readFileSync(stateFile, 'utf8')).main;
    return saved && saved.width === set.width && saved.height === set.height;
  }, { what: `${stateFile} to hold the new size` });
  await killApp(ws.db);
  await app.end();

  app = await launch(ws.db, [], { keepWindow: true });
  const r = await app.cmd('GET', '/window/rect');
  assert.deepEqual([r.width, r.height], [set.width, set.height], 'size restored');
  assert.deepEqual([r.x, r.y], [set.x, set.y], 'position restored');
});
