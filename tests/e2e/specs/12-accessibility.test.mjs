// axe-core in the real window, light and dark: the app page (library with the sample guide open,
// form and preview; the Versions panel; the Compare view; the Save version dialog) and the pages
// in its sandboxed frames (the preview in its Light and Dark looks; the comparison report, inline
// and side by side). No serious or critical violation; every violation found is printed.
//
// The app follows the system's light/dark setting (app.css: @media (prefers-color-scheme: dark))
// and has no switch of its own, so its dark look is applied here the way a dark system would
// apply it (lib/axe.mjs emulateDark). The report frame follows the system the same way; the
// preview has its own Light and Dark buttons, which are used.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { launch, tempWorkspace, openGuide, waitPreviewTitle, clickOn, screenshot, ARTIFACTS, ROOT } from '../lib/app.mjs';
import { waitFor } from '../lib/webdriver.mjs';
import { runAxe, emulateDark, describeViolations, BLOCKING } from '../lib/axe.mjs';

const SLUG = 'training-infrastructure';
const sample = JSON.parse(readFileSync(join(ROOT, 'content/training-infrastructure-v2/guide.json'), 'utf8'));

let app;
let ws;
/** Every axe run: { screen, look, violations }, written to the artifacts folder at the end. */
const runs = [];

before(async () => {
  ws = tempWorkspace('accessibility');
  app = await launch(ws.db);
  await openGuide(app, SLUG);
  await waitPreviewTitle(app, sample.meta.title, 15000);
  // The system look under Xvfb is light: the light runs need no emulation.
  assert.equal(await app.exec("return matchMedia('(prefers-color-scheme: dark)').matches"), false, 'the system look is light');
});

after(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  writeFileSync(join(ARTIFACTS, '12-accessibility-axe.json'), JSON.stringify(runs, null, 2));
  await app?.end();
  ws?.cleanup();
});

/**
 * Runs axe where the session is, logs what it found (and what it left for review), and fails on
 * a serious or critical violation.
 */
async function check(screen, look) {
  const { violations, incomplete } = await runAxe(app);
  runs.push({ screen, look, violations, incomplete });
  const blocking = violations.filter((v) => BLOCKING.includes(v.impact));
  const label = `${screen} (${look})`;
  if (violations.length) console.log(`axe: ${label}: ${violations.length} violation(s)\n${describeViolations(violations)}`);
  else console.log(`axe: ${label}: no violations`);
  if (incomplete.length) {
    console.log(`axe: ${label}: left for review: ${incomplete.map((v) => `${v.id} (${v.nodes.length})`).join(', ')}`);
  }
  assert.equal(blocking.length, 0, `serious or critical axe violations in ${label}:\n${describeViolations(blocking)}`);
}

/** The app page in its light and dark looks. */
async function checkApp(screen) {
  try {
    await check(screen, 'light');
    assert.ok((await emulateDark(app, true)) > 0, 'app.css has dark rules');
    await screenshot(app, `12-${screen.replace(/\W+/g, '-')}-dark`);
    await check(screen, 'dark');
  } finally {
    await emulateDark(app, false);
  }
}

/** Runs `fn` inside the frame matching `css`, then returns to the app page. */
async function inFrame(css, fn) {
  const frame = await app.waitFind(css);
  await app.frame(frame);
  try {
    return await fn();
  } finally {
    await app.frame(null);
  }
}

/** Waits until the frame matching `css` holds a page whose text includes `needle`. */
function waitFrameText(css, needle, timeout = 15000) {
  return waitFor(
    () => inFrame(css, async () => String(await app.exec('return document.body ? document.body.innerText : ""')).includes(needle)),
    {
      timeout,
      what: `${css} to show “${needle}”`,
    },
  );
}

test('library with the sample guide open: form and preview', async (t) => {
  await app.waitFind('[data-testid="editor-form"]');
  await t.test('app page', () => checkApp('library and editor'));

  const frame = '[data-testid="preview-frame"]';
  for (const look of ['light', 'dark']) {
    await t.test(`preview page, ${look} look`, async () => {
      const el = await app.find(frame);
      const seq = Number((await el.attr('data-render-seq')) ?? 0);
      await clickOn(app, `[data-testid="preview-theme-${look}"]`);
      await waitFor(async () => Number((await el.attr('data-render-seq')) ?? 0) > seq, { what: `the preview in its ${look} look` });
      const scheme = await inFrame(frame, () => app.exec('return document.querySelector(\'meta[name="color-scheme"]\')?.content'));
      assert.equal(scheme, look, 'the preview page is in the look chosen');
      await inFrame(frame, () => check('preview page', look));
    });
  }
  await clickOn(app, '[data-testid="preview-theme-auto"]');
});

test('Versions panel', async (t) => {
  await clickOn(app, '[data-testid="tab-versions"]');
  await app.waitFind('[data-testid="version-item"][data-label="v1"]');
  await t.test('app page', () => checkApp('versions panel'));
});

test('Compare view: changes and the comparison report', async (t) => {
  await clickOn(app, '[data-testid="version-item"][data-label="v1"] [data-testid="version-compare"]');
  await app.waitFind('[data-testid="diff-view"]', 15000);
  await t.test('changes, inline (app page)', () => checkApp('compare changes inline'));
  await clickOn(app, '[data-testid="layout-sbs"]');
  await app.waitFind('[data-testid="diff-view"] .sbs, [data-testid="diff-view"] .para-row', 15000);
  await t.test('changes, side by side (app page)', () => checkApp('compare changes side by side'));

  const frame = '[data-testid="report-frame"]';
  for (const layout of ['sbs', 'inline']) {
    await clickOn(app, `[data-testid="layout-${layout}"]`);
    await clickOn(app, '[data-testid="view-rendered"]');
    const mark = layout === 'sbs' ? 'side by side' : 'inline';
    // The report's header names its layout ("inline · rendered view"); wait for the one asked for.
    await waitFor(
      () =>
        inFrame(frame, () =>
          app.exec(`return document.querySelector('.diff-view')?.textContent.startsWith(arguments[0] + ' ·') ?? false`, mark),
        ),
      { timeout: 15000, what: `the ${mark} report in the frame` },
    );
    await waitFrameText(frame, sample.meta.title);
    for (const look of ['light', 'dark']) {
      await t.test(`comparison report, ${mark}, ${look} look`, () =>
        inFrame(frame, async () => {
          try {
            if (look === 'dark') assert.ok((await emulateDark(app, true)) > 0, 'the report has dark rules');
            await check(`comparison report ${mark}`, look);
          } finally {
            await emulateDark(app, false);
          }
        }),
      );
    }
  }
  await clickOn(app, '[data-testid="view-changes"]');
  await clickOn(app, '[data-testid="compare-close"]');
  await waitFor(async () => (await app.findAll('[data-testid="compare-view"]')).length === 0, { what: 'the Compare view to close' });
});

test('Save version dialog', async (t) => {
  if ((await app.findAll('[data-testid="compare-view"]')).length) await clickOn(app, '[data-testid="compare-close"]');
  await clickOn(app, '[data-testid="save-version"]');
  await app.waitFind('[data-testid="save-version-dialog"]');
  await t.test('app page', () => checkApp('save version dialog'));
  await clickOn(app, '[data-testid="save-version-dialog"] .modal-actions .btn:not(.primary)');
  await waitFor(async () => (await app.findAll('[data-testid="save-version-dialog"]')).length === 0, { what: 'the dialog to close' });
});
