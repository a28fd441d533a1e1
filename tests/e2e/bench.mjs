// The editor's measured run (not a test: numbers for BENCHMARKS.md).
//   tests/e2e/run --exec node tests/e2e/bench.mjs [--app target/release/almanac-studio]
//
// 1. Keystroke in the TL;DR → preview updated, p50/p95, on the sample guide and on a guide ten
//    times larger. Measured inside the page: a keystroke is the input event the textarea fires
//    for a typed character (value changed + `input` dispatched, as the browser does), the end is
//    the moment the preview frame's document was patched (the frame's `data-rendered-at`:
//    state update, IPC to Rust, rendering, parsing, DOM swap), and the next animation frame
//    after it (style, layout and paint; quantised to the 60 Hz frame clock). Keystrokes alternate adding and deleting a character; each waits for the previous
//    update plus a 30 ms gap (a fast typist's pace is ~100 ms per key). IPC bytes per keystroke:
//    the JSON of the edit's request and answer, as the UI counts them (`bytes:` in the frame's
//    `data-timing`; absent in builds that sent the whole guide).
// 2. Cold start to an interactive window: from the process's start time (/proc/<pid>/stat,
//    against the boot time now − /proc/uptime) to the moment the library lists the guides
//    (polled from the page every 20 ms).
// 3. Memory: PSS of every process of the app (the app and its WebKit web and network
//    processes), from /proc/<pid>/smaps_rollup, with the sample guide open.
import { readFileSync, readdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Session, waitFor } from './lib/webdriver.mjs';
import { ROOT, DRIVER, appPid, openGuide, invoke, guideId } from './lib/app.mjs';

const argApp = process.argv.indexOf('--app');
const APP = argApp > 0 ? resolve(process.argv[argApp + 1]) : process.env.E2E_APP;
const KEYS = Number(process.env.BENCH_KEYS ?? 200);
const STARTS = Number(process.env.BENCH_STARTS ?? 5);

const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};
const fmt = (x) => x.toFixed(1);

function clockTicks() {
  return 100; // USER_HZ on Linux
}
/**
 * The process's start as wall-clock milliseconds: boot time (now − `/proc/uptime`, to 10 ms)
 * plus the start time in clock ticks since boot from `/proc/<pid>/stat`. (`btime` in
 * `/proc/stat` is rounded down to a whole second, which made every cold start read 0–1 s long.)
 */
function processStartMs(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const startTicks = Number(fields[19]);
  const uptime = Number(readFileSync('/proc/uptime', 'utf8').split(' ')[0]);
  const bootMs = Date.now() - uptime * 1000;
  return bootMs + (startTicks / clockTicks()) * 1000;
}

/** The app's pid and all its descendants (WebKit's web and network processes). */
function processTree(root) {
  const children = new Map();
  for (const e of readdirSync('/proc')) {
    if (!/^\d+$/.test(e)) continue;
    try {
      const stat = readFileSync(`/proc/${e}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (!children.has(ppid)) children.set(ppid, []);
      children.get(ppid).push(Number(e));
    } catch {}
  }
  const out = [];
  const walk = (p) => {
    out.push(p);
    for (const c of children.get(p) ?? []) walk(c);
  };
  walk(root);
  return out;
}
function pssKb(pid) {
  const m = /^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'));
  return m ? Number(m[1]) : 0;
}
function comm(pid) {
  return readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
}

async function start(db) {
  const s = await Session.start(DRIVER, APP, ['--db', db]);
  const pid = await waitFor(() => appPid(db), { what: 'the app process' });
  let readyAt = 0;
  await waitFor(
    async () => {
      const r = await s.exec(`return document.querySelectorAll('[data-testid="guide-item"]').length > 0 ? performance.timeOrigin + performance.now() : 0`);
      readyAt = r;
      return r > 0;
    },
    { timeout: 20000, interval: 20, what: 'the library to list guides' },
  );
  return { s, pid, coldMs: readyAt - processStartMs(pid) };
}

const KEYSTROKE_SCRIPT = `
const [n, done] = arguments;
const ta = document.querySelector('textarea[data-path="tldr"]');
const frame = document.querySelector('[data-testid="preview-frame"]');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const frameTick = () => new Promise((r) => requestAnimationFrame(() => r()));
(async () => {
  ta.focus();
  const out = [];
  for (let i = 0; i < n; i++) {
    const seq = frame.getAttribute('data-render-seq');
    const t0 = performance.now();
    if (i % 2 === 0) { ta.value = ta.value + 'x'; ta.dispatchEvent(new InputEvent('input', { bubbles: true, data: 'x', inputType: 'insertText' })); }
    else { ta.value = ta.value.slice(0, -1); ta.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'deleteContentBackward' })); }
    while (frame.getAttribute('data-render-seq') === seq) {
      if (performance.now() - t0 > 5000) { done({ error: 'preview did not update within 5 s at keystroke ' + i }); return; }
      await new Promise((r) => setTimeout(r, 0));
    }
    const patched = parseFloat(frame.getAttribute('data-rendered-at')) - t0;
    const bytes = /bytes:(\d+)/.exec(frame.getAttribute('data-timing') || '');
    await frameTick();
    out.push([patched, performance.now() - t0, bytes ? Number(bytes[1]) : null]);
    await sleep(30);
  }
  done({ samples: out });
})();
`;

// What a keystroke costs the page before any preview work: the input event's own handling (the
// form's update) and a trivial IPC command sent right after it (its answer waits for the page's
// rendering of the keystroke).
const FLOOR_SCRIPT = `
const [n, done] = arguments;
const ta = document.querySelector('textarea[data-path="tldr"]');
const inv = window.__TAURI_INTERNALS__.invoke;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
(async () => {
  ta.focus();
  const sync = [];
  const ipc = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    if (i % 2 === 0) { ta.value = ta.value + 'x'; ta.dispatchEvent(new InputEvent('input', { bubbles: true, data: 'x', inputType: 'insertText' })); }
    else { ta.value = ta.value.slice(0, -1); ta.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'deleteContentBackward' })); }
    sync.push(performance.now() - t0);
    await inv('app_info');
    ipc.push(performance.now() - t0);
    await sleep(60);
  }
  done({ sync, ipc });
})();
`;

const IPC_SCRIPT = `
const [id, n, done] = arguments;
const inv = window.__TAURI_INTERNALS__.invoke;
(async () => {
  const guide = (await inv('open_draft', { id })).guide;
  const time = async (f) => {
    const xs = [];
    for (let i = 0; i < n; i++) { const t = performance.now(); await f(); xs.push(performance.now() - t); }
    return xs;
  };
  done({
    tiny: await time(() => inv('parse_capacity', { text: '5 GW' })),
    validate: await time(() => inv('validate_guide', { guide })),
    render: await time(() => inv('render_preview', { guide, theme: 'auto' })),
  });
})();
`;

/** IPC round trips from the page: a trivial command, validation and the preview render. */
async function breakdown(s, id) {
  const r = await s.execAsync(IPC_SCRIPT, id, 100);
  const row = (xs) => `p50 ${fmt(pct(xs, 50))} ms, p95 ${fmt(pct(xs, 95))} ms`;
  console.log(`  IPC round trips (n=100): trivial command ${row(r.tiny)}; validate_guide ${row(r.validate)}; render_preview ${row(r.render)}`);
}

async function keystrokes(s, label) {
  await s.cmd('POST', '/timeouts', { script: 600000 });
  // Warm up (first renders allocate), then measure.
  await s.execAsync(KEYSTROKE_SCRIPT, 20);
  const r = await s.execAsync(KEYSTROKE_SCRIPT, KEYS);
  if (r.error) throw new Error(r.error);
  const patched = r.samples.map((x) => x[0]);
  const xs = r.samples.map((x) => x[1]);
  console.log(`${label}: keystroke → preview document updated, n=${xs.length}: p50 ${fmt(pct(patched, 50))} ms, p95 ${fmt(pct(patched, 95))} ms, max ${fmt(Math.max(...patched))} ms`);
  console.log(`${label}: keystroke → next frame after the update (on screen), n=${xs.length}: p50 ${fmt(pct(xs, 50))} ms, p95 ${fmt(pct(xs, 95))} ms, max ${fmt(Math.max(...xs))} ms`);
  const bytes = r.samples.map((x) => x[2]).filter((b) => b !== null);
  if (bytes.length) console.log(`${label}: IPC bytes per keystroke (request + answer JSON), n=${bytes.length}: p50 ${pct(bytes, 50)}, max ${Math.max(...bytes)}`);
  const f = await s.execAsync(FLOOR_SCRIPT, 60);
  console.log(`${label}: a keystroke's own handling in the page p50 ${fmt(pct(f.sync, 50))} / p95 ${fmt(pct(f.sync, 95))} ms; keystroke → a trivial command's answer p50 ${fmt(pct(f.ipc, 50))} / p95 ${fmt(pct(f.ipc, 95))} ms`);
  const timing = await s.exec(`return document.querySelector('[data-testid="preview-frame"]').getAttribute('data-timing')`);
  if (timing) console.log(`${label}: the UI's timing of the last update: ${timing}`);
  return { p50: pct(xs, 50), p95: pct(xs, 95) };
}

/** The sample guide with every list ten times as long (fresh ids) and ten times the sections. */
function tenTimes(guide, slug) {
  const g = structuredClone(guide);
  g.meta.slug = slug;
  g.meta.title = `${guide.meta.title} (×10)`;
  const grow = (list) => Array.from({ length: 10 }, (_, k) => list.map((it) => ({ ...structuredClone(it), id: `${it.id}-x${k}` }))).flat();
  for (const key of ['takeaways', 'sections', 'timeline', 'related_topics', 'related_guides', 'faq', 'sources']) g[key] = grow(g[key]);
  g.deals.rows = grow(g.deals.rows);
  return g;
}

const work = mkdtempSync(join(tmpdir(), 'almanac-bench-'));
const load = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
console.log(`app: ${APP}`);
console.log(`load average at the start: ${load()}`);

// Cold starts (each on a new database: includes creating and seeding it).
const colds = [];
for (let i = 0; i < STARTS; i++) {
  const { s, coldMs } = await start(join(work, `cold-${i}.db`));
  colds.push(coldMs);
  await s.end();
}
console.log(`cold start to interactive library (new database, seeded), n=${STARTS}: median ${fmt(pct(colds, 50))} ms, max ${fmt(Math.max(...colds))} ms`);

const db = join(work, 'bench.db');
const warm = await start(db);
await warm.s.end();
const { s, pid, coldMs } = await start(db);
console.log(`cold start on an existing database: ${fmt(coldMs)} ms`);

await openGuide(s, 'training-infrastructure');
await waitFor(() => s.exec(`return document.querySelector('[data-testid="preview-frame"]').hasAttribute('data-render-seq')`), { what: 'the first preview' });
await breakdown(s, await guideId(s, 'training-infrastructure'));
const sample = await keystrokes(s, 'sample guide (training-infrastructure)');

const tree = processTree(pid);
let total = 0;
const parts = tree.map((p) => {
  const kb = pssKb(p);
  total += kb;
  return `${comm(p)} ${(kb / 1024).toFixed(1)} MiB`;
});
console.log(`PSS with the sample guide open: ${(total / 1024).toFixed(1)} MiB total (${parts.join(', ')})`);

// The ten-times guide: created in the store through the app's own commands.
const base = JSON.parse(readFileSync(join(ROOT, 'content/training-infrastructure-v2/guide.json'), 'utf8'));
const big = tenTimes(base, 'training-infrastructure-x10');
const created = await invoke(s, 'create_guide', { title: big.meta.title, slug: big.meta.slug });
const d = await invoke(s, 'open_draft', { id: created.id });
await invoke(s, 'save_draft', { id: created.id, baseRevision: d.revision, guide: big });
await s.end();
const again = await start(db);
await openGuide(again.s, 'training-infrastructure-x10');
await waitFor(() => again.s.exec(`return document.querySelector('[data-testid="preview-frame"]').hasAttribute('data-render-seq')`), { what: 'the first preview' });
console.log(`ten-times guide: ${JSON.stringify(big).length} bytes of JSON, ${big.deals.rows.length} deal rows, ${big.sections.length} sections`);
await breakdown(again.s, created.id);
await keystrokes(again.s, 'guide ten times larger');
await again.s.end();
console.log(`load average at the end: ${load()}`);
void sample;
