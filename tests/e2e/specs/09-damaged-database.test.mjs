// The shell's database start-up, seen in the real app: a damaged database is moved aside (never
// deleted), a fresh seeded one is started, and the window says where the old file went; a
// database that cannot be opened at all is reported, and nothing is written.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, readFileSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { launch, tempWorkspace, invoke, DRIVER, APP } from '../lib/app.mjs';
import { Session, waitFor } from '../lib/webdriver.mjs';

test('a damaged database is moved aside and the window says so', async () => {
  const ws = tempWorkspace('damaged');
  const junk = 'This is not an SQLite database. '.repeat(200);
  writeFileSync(ws.db, junk);
  const app = await launch(ws.db);
  after(async () => {
    await app.end();
    ws.cleanup();
  });
  const info = await invoke(app, 'app_info');
  assert.ok(info.recovered_from, 'recovery reported');
  assert.equal(readFileSync(info.recovered_from, 'utf8'), junk, 'the damaged file is kept, unchanged');
  assert.ok(info.seeded.includes('training-infrastructure'), 'a fresh database was seeded');
  await waitFor(
    async () => {
      for (const t of await app.findAll('[data-testid="toast"]')) {
        if ((await t.text()).includes(info.recovered_from)) return true;
      }
      return false;
    },
    { what: 'a message naming where the damaged file went' },
  );
  assert.ok((await app.findAll('[data-testid="guide-item"]')).length >= 2);
});

test('a database that cannot be opened is reported and nothing is written', async () => {
  const ws = tempWorkspace('unopenable');
  const db = join(ws.dir, 'is-a-folder.db');
  mkdirSync(db);
  const app = await Session.start(DRIVER, APP, ['--db', db]);
  after(async () => {
    await app.end();
    ws.cleanup();
  });
  const fatal = await app.waitFind('[data-testid="fatal-error"]', 20000);
  const text = await fatal.text();
  assert.match(text, /cannot open its database/);
  assert.ok(text.includes(db), `names the database: ${text}`);
  assert.deepEqual(readdirSync(db), [], 'nothing written into it');
  assert.ok(existsSync(db));
});
