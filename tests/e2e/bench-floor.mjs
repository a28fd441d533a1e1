// What a keystroke costs WebKit before the app does anything (not a test: numbers for
// BENCHMARKS.md).
//   tests/e2e/run --exec node tests/e2e/bench-floor.mjs [--app target/release/almanac-studio]
//
// A text field's value is changed from script (no `input` event, so no app code runs) and the
// time until a `setTimeout(0)` callback runs is taken: that is how long the page's main thread is
// held by WebKit's rendering of the change (style, layout, paint, handing the frame over). Three
// cases, n=60 each, 60 ms apart:
//   1. the TL;DR text area of the sample guide, focused (as when typing);
//   2. the same text area, not focused (the focus on the page's body);
//   3. a blank page holding one focused text area (the app's page replaced, so nothing else is
//      painted).
// With `strace` on the PATH it also records the size of the shared-memory buffer WebKit's web
// process allocates for each frame in cases 1 and 2 (`ftruncate` of the frame's memfd): the
// painted area.
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { spawn, spawnSync } from 'node:child_process';
import { tmpdir, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { Session, waitFor } from './lib/webdriver.mjs';
import { DRIVER, WINDOW, appPid, openGuide } from './lib/app.mjs';

const argApp = process.argv.indexOf('--app');
const APP = argApp > 0 ? resolve(process.argv[argApp + 1]) : process.env.E2E_APP;
const N = Number(process.env.BENCH_KEYS ?? 60);

const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};

const SCRIPT = `
const [n, how, done] = arguments;
if (how === 'blank') document.body.innerHTML = '<textarea data-path="tldr" style="width:400px;height:100px">a few words</textarea>';
const ta = document.querySelector('textarea[data-path="tldr"]');
if (how === 'unfocused') { ta.blur(); document.body.focus(); } else ta.focus();
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
(async () => {
  const out = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    const held = new Promise((r) => setTimeout(() => r(performance.now() - t0), 0));
    ta.value = i % 2 === 0 ? ta.value + 'x' : ta.value.slice(0, -1);
    out.push(await held);
    await sleep(60);
  }
  done(out);
})();
`;

/** The web process's pid: the WebKitWebProcess child of the app. */
function webProcess(app) {
  for (const e of readdirSync('/proc')) {
    if (!/^\d+$/.test(e)) continue;
    try {
      const stat = readFileSync(`/proc/${e}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === app && readFileSync(`/proc/${e}/comm`, 'utf8').startsWith('WebKitWebProces')) return Number(e);
    } catch {}
  }
  return null;
}

const hasStrace = spawnSync('strace', ['-V']).status === 0;

/** The main thread's hold after each change of `how`'s text field (no tracing: it slows the process). */
async function held(s, how) {
  const xs = await s.execAsync(SCRIPT, N, how);
  console.log(`${how}: main thread held after the change, n=${xs.length}: p50 ${pct(xs, 50).toFixed(1)} ms, p95 ${pct(xs, 95).toFixed(1)} ms`);
}

/** The sizes of the frame buffers the web process allocates while `how`'s field changes (a second pass, traced). */
async function buffers(s, web, how) {
  const trace = spawn('strace', ['-f', '-qq', '-p', String(web), '-e', 'trace=ftruncate'], { stdio: ['ignore', 'ignore', 'pipe'] });
  const exited = new Promise((r) => trace.on('exit', r));
  let log = '';
  trace.stderr.on('data', (d) => (log += d));
  await new Promise((r) => setTimeout(r, 500));
  await s.execAsync(SCRIPT, 20, how);
  trace.kill('SIGINT');
  await exited;
  const counts = new Map();
  for (const m of log.matchAll(/ftruncate\(\d+, (\d+)\)/g)) counts.set(Number(m[1]), (counts.get(Number(m[1])) ?? 0) + 1);
  const top = [...counts].sort((a, b) => b[1] - a[1]).slice(0, 2);
  console.log(`${how}: frame buffers allocated for 20 changes: ${top.length ? top.map(([b, c]) => `${c} × ${(b / 1024).toFixed(0)} KiB`).join(', ') : `none seen (${log.split('\n')[0]})`}`);
}

const work = mkdtempSync(join(tmpdir(), 'almanac-bench-floor-'));
const db = join(work, 'floor.db');
console.log(`app: ${APP}`);
console.log(`load average at the start: ${loadavg().map((x) => x.toFixed(2)).join(' ')}; window ${WINDOW.width}×${WINDOW.height}`);
const s = await Session.start(DRIVER, APP, ['--db', db]);
await s.cmd('POST', '/window/rect', WINDOW);
await s.cmd('POST', '/timeouts', { script: 600000 });
await s.waitFind('[data-testid="guide-item"]', 20000);
await openGuide(s, 'training-infrastructure');
await waitFor(() => s.exec(`return document.querySelector('[data-testid="preview-frame"]').hasAttribute('data-render-seq')`), { what: 'the first preview' });
await new Promise((r) => setTimeout(r, 1500));
const web = webProcess(appPid(db));
for (const how of ['focused', 'unfocused']) await held(s, how);
if (hasStrace && web) for (const how of ['focused', 'unfocused']) await buffers(s, web, how);
await held(s, 'blank');
await s.end();
console.log(`load average at the end: ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
