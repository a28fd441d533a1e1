// Launching Almanac Studio for a test: each test gets its own temporary database (passed as
// `--db <path>` through tauri:options args), and helpers for the things every test does.
import { mkdtempSync, readFileSync, readdirSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import assert from 'node:assert/strict';
import { Session, waitFor } from './webdriver.mjs';

export const DRIVER = process.env.E2E_DRIVER_URL ?? 'http://127.0.0.1:4444';
export const APP = process.env.E2E_APP ?? resolve(import.meta.dirname, '../../../target/debug/almanac-studio');
export const ARTIFACTS = process.env.E2E_ARTIFACTS ?? join(tmpdir(), 'almanac-e2e-artifacts');
export const ROOT = resolve(import.meta.dirname, '../../..');

/** A fresh temporary folder holding this test's database (and anything else it writes). */
export function tempWorkspace(name) {
  const dir = mkdtempSync(join(tmpdir(), `almanac-e2e-${name}-`));
  return { dir, db: join(dir, 'almanac.db'), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The window every spec starts with (the app's default size): a spec that resized the window
 * leaves its size remembered for the next launch, which must not change what the next spec sees. */
export const WINDOW = { x: 0, y: 0, width: 1360, height: 860 };

/**
 * Starts the app on `db`, puts its window at `WINDOW` (unless `keepWindow`: a spec checking the
 * remembered size), and waits until the library has listed its guides.
 */
export async function launch(db, extraArgs = [], { keepWindow = false } = {}) {
  const session = await Session.start(DRIVER, APP, ['--db', db, ...extraArgs]);
  if (!keepWindow) await session.cmd('POST', '/window/rect', WINDOW);
  await session.waitFind('[data-testid="guide-list"]', 20000);
  return session;
}

/** The pid of the app process running on `db` (found through /proc). */
export function appPid(db) {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let argv;
    try {
      argv = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
    } catch {
      continue;
    }
    if (argv[0] && argv[0].endsWith('almanac-studio') && argv.includes(db)) return Number(entry);
  }
  return null;
}

/** Kills the app process hard (SIGKILL: no chance to save anything) and waits until it is gone. */
export async function killApp(db) {
  const pid = appPid(db);
  if (!pid) throw new Error(`no app process found running on ${db}`);
  process.kill(pid, 'SIGKILL');
  await waitFor(() => appPid(db) === null, { timeout: 5000, what: `app pid ${pid} to exit` });
  return pid;
}

/** Runs `fn` inside the preview iframe, then returns to the app page. */
export async function inPreview(session, fn) {
  const frame = await session.waitFind('[data-testid="preview-frame"]');
  await session.frame(frame);
  try {
    return await fn();
  } finally {
    await session.frame(null);
  }
}

/** The text of the rendered page's h1 in the preview ('' while there is none). */
export async function previewH1(session) {
  return inPreview(session, async () => {
    const h1s = await session.findAll('h1');
    return h1s.length ? (await h1s[0].text()).trim() : '';
  });
}

/** Waits until the preview's h1 reads `title`. */
export function waitPreviewTitle(session, title, timeout = 10000) {
  return waitFor(async () => (await previewH1(session)) === title, { timeout, what: `preview h1 "${title}"` });
}

/** Opens the guide with `slug` from the library. */
export async function openGuide(session, slug) {
  await session.waitFind(`[data-testid="guide-item"][data-slug="${slug}"]`);
  await clickOn(session, `[data-testid="guide-item"][data-slug="${slug}"] [data-testid="open-guide"]`);
  await session.waitFind('[data-testid="editor-form"]');
}

/** Saves a screenshot of the app window to the artifacts folder; returns its path. */
export async function screenshot(session, name) {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, `${name}.png`);
  writeFileSync(path, await session.screenshotPng());
  return path;
}

/** Sets a form field's value as a user would: focus, select all, type. */
export async function typeInto(session, el, text) {
  // Centre it first: sticky bars at the top and bottom of the form must not cover it.
  // A dialog fading out or a row sliding in can cover it for a moment: retry the click.
  await waitFor(
    async () => {
      await session.exec("arguments[0].scrollIntoView({ block: 'center', inline: 'nearest' })", el);
      // Let layout settle (text areas grow a frame after typing) before WebDriver aims the click.
      await session.execAsync('const done = arguments[0]; requestAnimationFrame(() => requestAnimationFrame(() => done(true)));');
      await el.click();
      return true;
    },
    { timeout: 5000, interval: 100, what: 'the field to take a click' },
  );
  await el.clear();
  if (text) await el.type(text);
}

/** Waits for the autosave indicator to say "saved". */
export function waitSaved(session, timeout = 10000) {
  return waitFor(
    async () => (await (await session.find('[data-testid="save-status"]')).attr('data-status')) === 'saved',
    { timeout, what: 'the autosave indicator to say saved' },
  );
}

/** The form control (input/textarea/select) for a finding path, e.g. `deals[0].partner`. */
export function field(session, path) {
  const p = path.replace(/"/g, '\\"');
  return session.waitFind(`input[data-path="${p}"], textarea[data-path="${p}"], select[data-path="${p}"]`);
}

/** Clicks `[data-testid="<list>-add"]` once and waits until the list has `n` items. */
export async function addItem(session, list, n) {
  const count = async () => (await session.findAll(`[data-testid="${list}-item"]`)).length;
  // A click WebDriver reports as covered is retried by clickOn. A click can also land on the
  // spot the button had a frame earlier (a text area above it grew after typing): if the list
  // has not grown two seconds after a click, the button is clicked again, up to three times.
  // The count is asserted exactly, so a click that added an item is never followed by another.
  let attempts = 0;
  while ((await count()) < n && attempts < 3) {
    attempts++;
    await clickOn(session, `[data-testid="${list}-add"]`);
    try {
      await waitFor(async () => (await count()) >= n, { timeout: attempts < 3 ? 2000 : 10000, what: `${list} to have ${n} item(s)` });
    } catch (e) {
      if (attempts >= 3) throw e;
    }
  }
  assert.equal(await count(), n, `${list} has ${n} item(s)`);
}

/** The preview page's visible text. */
export function previewText(session) {
  return inPreview(session, () => session.exec('return document.body.innerText'));
}

/** Waits until the preview's text contains every string in `needles`. */
export async function waitPreviewHas(session, needles, timeout = 10000) {
  let text = '';
  await waitFor(
    async () => {
      text = await previewText(session);
      return needles.every((n) => text.includes(n));
    },
    { timeout, what: `the preview to show ${JSON.stringify(needles.filter((n) => !text.includes(n)))}` },
  );
  return text;
}

/** Calls an IPC command from the page (the same typed path the UI uses) and returns its value. */
export async function invoke(session, cmd, args = {}) {
  const out = await session.execAsync(
    `const [cmd, args, done] = arguments;
     window.__TAURI_INTERNALS__.invoke(cmd, args).then((v) => done({ ok: v }), (e) => done({ err: e }));`,
    cmd,
    args,
  );
  if ('err' in out) throw new Error(`${cmd} failed: ${JSON.stringify(out.err)}`);
  return out.ok;
}

/** The id of the guide with `slug`, from the store. */
export async function guideId(session, slug) {
  const list = await invoke(session, 'list_guides', { query: { text: null, state: null, sort: 'title' } });
  const g = list.find((x) => x.slug === slug);
  if (!g) throw new Error(`no guide ${slug} in ${list.map((x) => x.slug)}`);
  return g.id;
}

/** Finds `css` and clicks it, retrying while it is missing or covered (a toast, a dialog fading). */
export async function clickOn(session, css, timeout = 10000) {
  return waitFor(
    async () => {
      const el = await session.find(css);
      await session.exec("arguments[0].scrollIntoView({ block: 'center', inline: 'nearest' })", el);
      // Let layout settle (text areas grow a frame after typing) before WebDriver aims the click.
      await session.execAsync('const done = arguments[0]; requestAnimationFrame(() => requestAnimationFrame(() => done(true)));');
      await el.click();
      return el;
    },
    { timeout, interval: 150, what: `a click on ${css}` },
  );
}
