// The installed package's app, driven through WebDriver: E2E_APP (/usr/bin/almanac-studio)
// starts with no --db, so on its default database in this run's fresh XDG_DATA_HOME; it seeds
// it with the sample guides built into it and lists them; it reports the version of the
// installed `almanac` (E2E_EXPECT_VERSION); its window's class is the one the installed desktop
// entry's StartupWMClass names. Not one of specs/: .ci/package-test runs it once the .deb is
// installed, through `tests/e2e/run --exec`.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { Session, waitFor } from '../lib/webdriver.mjs';
import { APP, DRIVER, ROOT, invoke, screenshot } from '../lib/app.mjs';

const ENTRY = '/usr/share/applications/org.almanac.studio.desktop';
const TITLE = JSON.parse(readFileSync(join(ROOT, 'tauri.conf.json'), 'utf8')).app.windows[0].title;

// The slugs of the sample guides in content/ (a revision shares its guide's slug).
const samples = [
  ...new Set(
    readdirSync(join(ROOT, 'content'), { withFileTypes: true })
      .filter((d) => d.isDirectory() && existsSync(join(ROOT, 'content', d.name, 'guide.json')))
      .map((d) => JSON.parse(readFileSync(join(ROOT, 'content', d.name, 'guide.json'), 'utf8')).meta.slug),
  ),
].sort();

/** WM_CLASS (instance, class) of the top-level X window titled `title`, or null. */
function windowClass(title) {
  const tree = execFileSync('xwininfo', ['-root', '-tree'], { encoding: 'utf8' });
  for (const line of tree.split('\n')) {
    const m = line.match(/^\s*(0x[0-9a-f]+) "(.*)": \("([^"]*)" "([^"]*)"\)/);
    if (!m || m[2] !== title) continue;
    const prop = execFileSync('xprop', ['-id', m[1], 'WM_CLASS'], { encoding: 'utf8' });
    const c = prop.match(/WM_CLASS\(STRING\) = "([^"]*)", "([^"]*)"/);
    if (c) return { instance: c[1], class: c[2] };
  }
  return null;
}

test('the installed app starts on its default database, seeded with the sample guides', { timeout: 120000 }, async () => {
  assert.ok(APP.startsWith('/usr/'), `E2E_APP is the installed app: ${APP}`);
  const data = process.env.XDG_DATA_HOME;
  assert.ok(data, 'XDG_DATA_HOME is set (tests/e2e/run gives each run a fresh one)');
  const db = join(data, 'almanac-studio', 'almanac.db');
  assert.ok(!existsSync(db), `no database yet at ${db}`);

  const app = await Session.start(DRIVER, APP, []);
  after(() => app.end());
  await app.waitFind('[data-testid="guide-list"]', 20000);

  // The library lists every sample guide.
  const slugs = await waitFor(
    async () => {
      const items = await app.findAll('[data-testid="guide-item"]');
      const found = (await Promise.all(items.map((i) => i.attr('data-slug')))).sort();
      return samples.every((s) => found.includes(s)) && found;
    },
    { timeout: 10000, what: `the library to list ${samples}` },
  );
  assert.deepEqual(slugs, samples);

  // The default database, in the data folder; the same version as the installed CLI.
  const info = await invoke(app, 'app_info');
  assert.equal(info.db_path, db);
  assert.deepEqual([...info.seeded].sort(), samples);
  assert.ok(existsSync(db), `${db} exists`);
  if (process.env.E2E_EXPECT_VERSION) assert.equal(info.version, process.env.E2E_EXPECT_VERSION);

  // The desktop entry's StartupWMClass names the window's class (instance or class part), so
  // a desktop groups the window under the entry.
  const wanted = readFileSync(ENTRY, 'utf8').match(/^StartupWMClass=(.*)$/m)?.[1];
  assert.ok(wanted, `${ENTRY} has StartupWMClass`);
  const wmClass = await waitFor(() => windowClass(TITLE), { timeout: 10000, what: `an X window titled "${TITLE}"` });
  assert.ok(
    wmClass.instance === wanted || wmClass.class === wanted,
    `StartupWMClass=${wanted} matches WM_CLASS ${JSON.stringify(wmClass)}`,
  );

  await screenshot(app, 'installed-app');
});
