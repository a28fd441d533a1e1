// Validates every HTML page the almanac CLI writes with html-validate (ui/.htmlvalidate.json):
// the exported page (index.html) of every guide in content/, its preview-mode page (`almanac
// render --now`, what the app's preview shows), and every variant of the diff report (inline and
// side by side, rendered and source) for the sample guides in both directions and for a guide
// against itself. Prints every error found and exits 1 when there is one.
//
//   npm --prefix ui run validate-pages [-- ALMANAC]   the CLI binary (default: target/debug/almanac)
//   node ui/scripts/validate-pages.mjs [ALMANAC]
//
// A relative ALMANAC is taken from the folder the command was started in. The rules are
// html-validate's recommended set; ui/scripts/README.md says which are off and why.
//
// The pages are written to a temporary folder, kept (and named) when validation fails.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { HtmlValidate, StaticConfigLoader, formatterFactory } from 'html-validate';

const UI = resolve(import.meta.dirname, '..');
const ROOT = resolve(UI, '..');
const CONTENT = join(ROOT, 'content');
// npm run changes to ui/ and names the folder it was started in INIT_CWD.
const almanac = process.argv[2] ? resolve(process.env.INIT_CWD ?? process.cwd(), process.argv[2]) : join(ROOT, 'target/debug/almanac');

if (!existsSync(almanac)) {
  console.error(`validate-pages: ${almanac} does not exist; build the CLI first (cargo build -p almanac-cli)`);
  process.exit(2);
}

/** Runs the CLI; a failure stops the script with the CLI's own message. */
function run(args) {
  try {
    execFileSync(almanac, args, { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
  } catch (e) {
    console.error(`validate-pages: almanac ${args.join(' ')} failed (exit ${e.status}):\n${e.stderr}`);
    process.exit(2);
  }
}

const out = mkdtempSync(join(tmpdir(), 'almanac-validate-pages-'));
/** Every page to validate: its name in the output and its path. */
const pages = [];

// Each guide in content/ exported to its own folder (two content folders may share a slug).
const guides = readdirSync(CONTENT, { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(join(CONTENT, d.name, 'guide.json')))
  .map((d) => d.name)
  .sort();
for (const dir of guides) {
  const guide = join('content', dir, 'guide.json');
  const target = join(out, 'export', dir);
  run(['export', guide, '-o', target]);
  const [slug] = readdirSync(target);
  pages.push(join(target, slug, 'index.html'));
  const preview = join(out, 'preview', `${dir}.html`);
  mkdirSync(join(out, 'preview'), { recursive: true });
  run(['render', guide, '--now', '2026-11-25T12:00:00Z', '-o', preview]);
  pages.push(preview);
}

// Every diff report variant: v1 → v2, v2 → v1 (the reverse), and a guide against itself (no changes).
const pairs = [
  ['training-infrastructure', 'training-infrastructure-v2'],
  ['training-infrastructure-v2', 'training-infrastructure'],
  ['scaling-science', 'scaling-science'],
];
mkdirSync(join(out, 'diff'), { recursive: true });
for (const [a, b] of pairs) {
  for (const layout of ['inline', 'side-by-side']) {
    for (const view of ['rendered', 'source']) {
      const report = join(out, 'diff', `${a}--${b}.${layout}.${view}.html`);
      const old = join('content', a, 'guide.json');
      const neu = join('content', b, 'guide.json');
      run(['diff', old, neu, '--format', 'html', '--layout', layout, '--view', view, '-o', report]);
      pages.push(report);
    }
  }
}

const config = JSON.parse(readFileSync(join(UI, '.htmlvalidate.json'), 'utf8'));
const htmlvalidate = new HtmlValidate(new StaticConfigLoader(config));
const results = [];
for (const page of pages) {
  const report = await htmlvalidate.validateFile(page);
  for (const r of report.results) results.push({ ...r, filePath: relative(out, r.filePath) });
}

const errors = results.reduce((n, r) => n + r.errorCount, 0);
const warnings = results.reduce((n, r) => n + r.warningCount, 0);
if (results.length) console.log(formatterFactory('codeframe')(results));
if (errors) {
  console.error(`validate-pages: ${errors} error(s) in ${results.length} of ${pages.length} pages; the pages are in ${out}`);
  process.exit(1);
}
rmSync(out, { recursive: true, force: true });
console.log(`validate-pages: ${pages.length} pages valid (${warnings} warning(s))`);
