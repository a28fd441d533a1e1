// The review measured run: compare and export timings (not a test: numbers for BENCHMARKS.md).
//   tests/e2e/run --exec node tests/e2e/bench-review.mjs --app target/release/almanac-studio
//
// 1. "Compare" → diff shown, p50/p95, for the sample guide (seeded: training-infrastructure has
//    v1 named, the v2 content as its draft) and for a guide ten times larger (v1 = the sample's
//    v1 with every list ten times as long under new ids, named as a version; draft = the sample's
//    v2 grown the same way, so the v1→v2 edits are applied ten times). Each sample: the Compare
//    view is closed, then the v1 row's "Compare with draft" button in the Versions panel is
//    clicked (a DOM click on the real button, dispatched in the page; the start is taken just
//    before it) and the end is the moment the diff view holds every change the diff model has
//    (a MutationObserver checks `[data-testid="diff-view"] [data-change]` against the count
//    from the `diff` command, taken once before), then the next animation frame (on screen).
//    For a diff longer than the view's first frame, also the first screen: the summary and the
//    first `FIRST_CHANGES` changes in the DOM, and the frame after (the rest follows in chunks).
//    In between: the UI flushes the draft, calls `diff` over IPC (Rust loads both sides from the
//    store and diffs them), and Svelte builds the diff view.
// 2. Export of 100 guides: 100 guides made through the app's own commands (create_guide +
//    save_draft with the sample v2 content, unique slugs), then the Export dialog in its
//    "Several guides" mode with exactly those 100 ticked, and "Browse…" clicked: the app is
//    launched with `--export-to <dir>`, which answers the native folder dialog. From that click
//    to the dialog's done state (100 paths listed, the progress bar at 100/100, the buttons
//    enabled again). Includes the dialog's validation pass (open_draft + validate_guide per
//    guide) and `export_bundles` (load, build, write, one progress event per bundle). Then the
//    100 bundle folders are checked on disk and `almanac check` runs on a few.
import { readFileSync, readdirSync, mkdtempSync, existsSync, rmSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir, loadavg, cpus } from 'node:os';
import { join, resolve } from 'node:path';
import { Session, waitFor } from './lib/webdriver.mjs';
import { ROOT, DRIVER, openGuide, invoke, guideId, clickOn } from './lib/app.mjs';

const argApp = process.argv.indexOf('--app');
const APP = argApp > 0 ? resolve(process.argv[argApp + 1]) : process.env.E2E_APP;
const COMPARES = Number(process.env.BENCH_COMPARES ?? 30);
const WARMUP = 3;
// The diff view's first frame: the summary and this many changes (ui/src/lib/progressive.ts).
const FIRST_CHANGES = Number(/FIRST_CHANGES = (\d+)/.exec(readFileSync(join(ROOT, 'ui/src/lib/progressive.ts'), 'utf8'))[1]);
const GUIDES = Number(process.env.BENCH_GUIDES ?? 100);
// The CLI that checks the exported bundles: E2E_ALMANAC when given (the CLI built with the app
// under test), else the release build, else the debug build.
const ALMANAC = [process.env.E2E_ALMANAC, join(ROOT, 'target/release/almanac'), join(ROOT, 'target/debug/almanac')].find(
  (p) => p && existsSync(p),
);

const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};
const fmt = (x) => x.toFixed(1);
const loads = [];
const sampleLoad = () => loads.push(loadavg()[0]);
const loadTimer = setInterval(sampleLoad, 5000);
sampleLoad();

const readGuide = (dir) => JSON.parse(readFileSync(join(ROOT, 'content', dir, 'guide.json'), 'utf8'));

/** The guide with every list ten times as long (ids suffixed -x0..-x9) and the given slug. */
function tenTimes(guide, slug) {
  const g = structuredClone(guide);
  g.meta.slug = slug;
  g.meta.title = 'Training infrastructure (×10)';
  const grow = (list) => Array.from({ length: 10 }, (_, k) => list.map((it) => ({ ...structuredClone(it), id: `${it.id}-x${k}` }))).flat();
  for (const key of ['takeaways', 'sections', 'timeline', 'related_topics', 'related_guides', 'faq', 'sources']) g[key] = grow(g[key]);
  g.deals.rows = grow(g.deals.rows);
  return g;
}

/** Stores `guide` as the draft of guide `id` (on top of its current revision). */
async function putDraft(s, id, guide) {
  const d = await invoke(s, 'open_draft', { id });
  await invoke(s, 'save_draft', { id, baseRevision: d.revision, guide });
}

async function start(db, exportTo) {
  const s = await Session.start(DRIVER, APP, ['--db', db, '--export-to', exportTo]);
  await s.waitFind('[data-testid="guide-item"]', 20000);
  await s.cmd('POST', '/timeouts', { script: 600000 });
  return s;
}

const changeCount = (diff) => diff.parts.reduce((n, p) => n + p.fields.length + p.items.length, 0);

// Click the v1 row's "Compare with draft", resolve when the diff view holds `expected` changes.
const COMPARE_SCRIPT = `
const [versionId, expected, FIRST, done] = arguments;
const btn = document.querySelector('[data-testid="version-item"][data-version-id="' + versionId + '"] [data-testid="version-compare"]');
if (!btn) { done({ error: 'no Compare button on version ' + versionId }); return; }
const count = () => document.querySelectorAll('[data-testid="diff-view"] [data-change]').length;
let t0 = 0;
let finished = false;
let first = null;
let firstPainted = null;
const finish = () => {
  if (finished) return;
  finished = true;
  obs.disconnect();
  const shown = performance.now() - t0;
  requestAnimationFrame(() => {
    const painted = performance.now() - t0;
    const end = () => done({ shown, painted, first, firstPainted: firstPainted ?? painted, changes: count() });
    if (firstPainted === null && first !== null) requestAnimationFrame(end); else end();
  });
};
const firstScreen = () => {
  if (first !== null || !document.querySelector('[data-testid="diff-summary"]') || count() < Math.min(FIRST, expected)) return;
  first = performance.now() - t0;
  requestAnimationFrame(() => { firstPainted = performance.now() - t0; });
};
const obs = new MutationObserver(() => { firstScreen(); if (count() >= expected) finish(); });
obs.observe(document.body, { childList: true, subtree: true });
setTimeout(() => { if (!finished) { finished = true; obs.disconnect(); done({ error: 'diff not shown within 60 s (' + count() + ' of ' + expected + ' changes)' }); } }, 60000);
t0 = performance.now();
btn.click();
`;

async function compares(s, slug, label) {
  await openGuide(s, slug);
  await waitFor(() => s.exec(`return document.querySelector('input[data-path="meta.slug"]')?.value`).then((v) => v === slug), {
    what: `the editor to show ${slug}`,
  });
  const id = await guideId(s, slug);
  const versions = await invoke(s, 'list_versions', { id });
  const v1 = versions.find((v) => v.label === 'v1');
  if (!v1) throw new Error(`${slug} has no version v1: ${versions.map((v) => v.label)}`);
  const diff = await invoke(s, 'diff', { a: { kind: 'version', version_id: v1.id }, b: { kind: 'draft', guide_id: id } });
  const expected = changeCount(diff);
  if (!expected) throw new Error(`${slug}: v1 and the draft do not differ`);
  await clickOn(s, '[data-testid="tab-versions"]');
  await s.waitFind(`[data-testid="version-item"][data-version-id="${v1.id}"] [data-testid="version-compare"]`);
  const shown = [];
  const painted = [];
  const firstShown = [];
  const firstPainted = [];
  for (let i = 0; i < WARMUP + COMPARES; i++) {
    const r = await s.execAsync(COMPARE_SCRIPT, v1.id, expected, FIRST_CHANGES);
    if (r.error) throw new Error(`${label}: ${r.error}`);
    if (r.changes !== expected) throw new Error(`${label}: ${r.changes} changes shown, the diff has ${expected}`);
    if (i >= WARMUP) {
      shown.push(r.shown);
      painted.push(r.painted);
      firstShown.push(r.first);
      firstPainted.push(r.firstPainted);
    }
    await clickOn(s, '[data-testid="compare-close"]');
    await waitFor(async () => (await s.findAll('[data-testid="compare-view"]')).length === 0, { what: 'the Compare view to close' });
  }
  // The diff command alone, from the page (IPC + load both sides + diff + JSON).
  const ipc = await s.execAsync(
    `const [a, b, n, done] = arguments; const inv = window.__TAURI_INTERNALS__.invoke;
     (async () => { const xs = []; for (let i = 0; i < n; i++) { const t = performance.now(); await inv('diff', { a, b }); xs.push(performance.now() - t); } done(xs); })();`,
    { kind: 'version', version_id: v1.id },
    { kind: 'draft', guide_id: id },
    COMPARES,
  );
  const s_ = diff.summary;
  console.log(
    `${label}: the diff has ${expected} changes (${s_.changed} changed, ${s_.added} added, ${s_.removed} removed, ${s_.moved} moved, ${s_.fields_changed} fields edited) in ${diff.parts.filter((p) => p.fields.length || p.items.length).length} parts`,
  );
  if (expected > FIRST_CHANGES) {
    console.log(`${label}: click → the first screen (the summary and the first ${FIRST_CHANGES} changes) in the DOM, n=${COMPARES}: p50 ${fmt(pct(firstShown, 50))} ms, p95 ${fmt(pct(firstShown, 95))} ms`);
    console.log(`${label}: click → next frame after the first screen (on screen), n=${COMPARES}: p50 ${fmt(pct(firstPainted, 50))} ms, p95 ${fmt(pct(firstPainted, 95))} ms, max ${fmt(Math.max(...firstPainted))} ms`);
  }
  console.log(`${label}: click "Compare with draft" → diff in the DOM, n=${COMPARES}: p50 ${fmt(pct(shown, 50))} ms, p95 ${fmt(pct(shown, 95))} ms, max ${fmt(Math.max(...shown))} ms`);
  console.log(`${label}: click → next frame after it (on screen), n=${COMPARES}: p50 ${fmt(pct(painted, 50))} ms, p95 ${fmt(pct(painted, 95))} ms, max ${fmt(Math.max(...painted))} ms`);
  console.log(`${label}: the diff command alone (IPC round trip from the page), n=${COMPARES}: p50 ${fmt(pct(ipc, 50))} ms, p95 ${fmt(pct(ipc, 95))} ms`);
}

// Click "Browse…" in the export dialog (the --export-to seam answers the folder dialog); resolve
// at the done state: `n` paths listed, progress n/n, the buttons enabled again.
const EXPORT_SCRIPT = `
const [n, done] = arguments;
const q = (css) => document.querySelector('[data-testid="export-dialog"] ' + css);
const browse = q('[data-testid="export-browse"]');
let t0 = 0, started = 0, finished = false;
const check = () => {
  if (finished) return;
  const err = q('[data-testid="export-error"]') || q('[data-testid="export-blocked"]');
  if (err) { finished = true; obs.disconnect(); done({ error: err.textContent.trim() }); return; }
  const prog = q('[data-testid="export-progress"]');
  if (prog && !started) started = performance.now() - t0;
  const paths = document.querySelectorAll('[data-testid="export-dialog"] [data-testid="export-path"]').length;
  if (paths === n && prog && Number(prog.value) === n && !browse.disabled) {
    finished = true;
    obs.disconnect();
    const total = performance.now() - t0;
    requestAnimationFrame(() => done({ total, started, painted: performance.now() - t0,
      paths: [...document.querySelectorAll('[data-testid="export-dialog"] [data-testid="export-path"]')].map((e) => e.textContent.trim()) }));
  }
};
const obs = new MutationObserver(check);
obs.observe(document.body, { childList: true, subtree: true, attributes: true, characterData: true });
setTimeout(() => { if (!finished) { finished = true; obs.disconnect(); done({ error: 'export not done within 10 min' }); } }, 600000);
t0 = performance.now();
browse.click();
`;

async function exportMany(s, prefix, exportTo) {
  await clickOn(s, '[data-testid="tab-versions"]');
  await clickOn(s, '[data-testid="export-draft"]');
  await s.waitFind('[data-testid="export-dialog"]');
  await clickOn(s, '[data-testid="export-what-many"]');
  // The dialog ticks every guide; keep exactly the benchmark's guides ticked.
  await waitFor(
    () => s.exec(`return document.querySelectorAll('[data-testid="export-dialog"] .check-list input[type="checkbox"]').length`),
    { what: 'the list of guides in the export dialog' },
  );
  const ticked = await s.exec(
    `const [prefix] = arguments;
     for (const label of document.querySelectorAll('[data-testid="export-dialog"] .check-list label')) {
       const box = label.querySelector('input[type="checkbox"]');
       const mine = label.textContent.trim().startsWith(prefix);
       if (box.checked !== mine) box.click();
     }
     return [...document.querySelectorAll('[data-testid="export-dialog"] .check-list label')]
       .filter((l) => l.querySelector('input').checked).map((l) => l.textContent.trim());`,
    prefix,
  );
  if (ticked.length !== GUIDES || !ticked.every((t) => t.startsWith(prefix))) {
    throw new Error(`expected ${GUIDES} benchmark guides ticked, got ${ticked.length}`);
  }
  const r = await s.execAsync(EXPORT_SCRIPT, GUIDES);
  if (r.error) throw new Error(`export failed: ${r.error}`);
  const folders = readdirSync(exportTo).filter((f) => f.startsWith('bench-guide-'));
  if (folders.length !== GUIDES) throw new Error(`${folders.length} bundle folders in ${exportTo}, expected ${GUIDES}`);
  for (const f of folders) {
    const files = readdirSync(join(exportTo, f)).sort().join(',');
    if (files !== 'guide.json,guide.md,index.html,manifest.json') throw new Error(`${f}: unexpected files ${files}`);
  }
  if (r.paths.length !== GUIDES || !r.paths.every((p) => p.startsWith(exportTo))) throw new Error('the dialog lists other paths');
  const checked = [folders[0], folders[Math.floor(folders.length / 2)], folders[folders.length - 1]];
  for (const f of checked) {
    const out = execFileSync(ALMANAC, ['check', join(exportTo, f)], { encoding: 'utf8' });
    if (!/: ok \(0 errors/.test(out)) throw new Error(`almanac check ${f}: ${out}`);
  }
  console.log(`export of ${GUIDES} guides (Export dialog, "Several guides", --export-to): click → done state: ${fmt(r.total)} ms total, ${fmt(r.total / GUIDES)} ms per guide; validation pass until the progress bar appeared ${fmt(r.started)} ms; next frame ${fmt(r.painted)} ms`);
  console.log(`  ${folders.length} bundle folders with guide.json, guide.md, index.html, manifest.json; \`${ALMANAC.replace(ROOT + '/', '')} check\` ok on ${checked.join(', ')}`);
}

const work = mkdtempSync(join(tmpdir(), 'almanac-bench-review-'));
const db = join(work, 'bench.db');
const exportTo = join(work, 'export');
console.log(`app: ${APP}`);
console.log(`machine: ${cpus().length} CPUs (${cpus()[0]?.model ?? '?'}), load average at start ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);

// Set-up through the app's own commands: the ten-times guide (v1 named, v2 as its draft) and
// the 100 export guides. Then a restart, so the library lists them all.
let s = await start(db, exportTo);
const v1 = readGuide('training-infrastructure');
const v2 = readGuide('training-infrastructure-v2');
const bigSlug = 'training-infrastructure-x10';
const big = await invoke(s, 'create_guide', { title: 'Training infrastructure (×10)', slug: bigSlug });
await putDraft(s, big.id, tenTimes(v1, bigSlug));
await invoke(s, 'snapshot', { id: big.id, label: 'v1', versionState: 'in_review', note: '' });
await putDraft(s, big.id, tenTimes(v2, bigSlug));
const prefix = 'Bench guide';
for (let i = 1; i <= GUIDES; i++) {
  const slug = `bench-guide-${String(i).padStart(3, '0')}`;
  const g = structuredClone(v2);
  g.meta.slug = slug;
  g.meta.title = `${prefix} ${String(i).padStart(3, '0')}`;
  const created = await invoke(s, 'create_guide', { title: g.meta.title, slug });
  await putDraft(s, created.id, g);
}
await s.end();
s = await start(db, exportTo);
const bigJson = JSON.stringify(tenTimes(v2, bigSlug));
console.log(`ten-times guide: ${bigJson.length} bytes of JSON (sample v2: ${JSON.stringify(v2).length})`);

sampleLoad();
await compares(s, 'training-infrastructure', 'sample guide (training-infrastructure, v1 → draft)');
sampleLoad();
await compares(s, bigSlug, 'guide ten times larger (v1 → draft)');
sampleLoad();
await exportMany(s, prefix, exportTo);
sampleLoad();
await s.end();
clearInterval(loadTimer);
console.log(`load average (1 min) during the run: min ${Math.min(...loads).toFixed(2)}, max ${Math.max(...loads).toFixed(2)} (${loads.length} samples, every 5 s)`);
if (process.env.BENCH_KEEP === '1') console.log(`work folder (database, export): ${work}`);
else rmSync(work, { recursive: true, force: true });
