// The real app starts under Xvfb on a fresh database (seeded from content/),
// lists the sample guides, and its preview shows the sample guide's rendered title.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { launch, tempWorkspace, openGuide, waitPreviewTitle, previewH1, inPreview, screenshot, ROOT } from '../lib/app.mjs';
import { waitFor } from '../lib/webdriver.mjs';

// The store seeds training-infrastructure with v1 as a named version and the newest content
// (content/training-infrastructure-v2) as the draft the editor opens.
const sample = JSON.parse(readFileSync(join(ROOT, 'content/training-infrastructure-v2/guide.json'), 'utf8'));

test('the sample guide’s rendered title shows in the preview', async () => {
  const ws = tempWorkspace('preview-title');
  const app = await launch(ws.db);
  after(async () => {
    await app.end();
    ws.cleanup();
  });

  // The library lists the seeded sample guides (the list arrives just after the window: the
  // first start also creates and seeds the database).
  let slugs = [];
  await waitFor(
    async () => {
      const items = await app.findAll('[data-testid="guide-item"]');
      slugs = await Promise.all(items.map((i) => i.attr('data-slug')));
      return slugs.includes('training-infrastructure');
    },
    { timeout: 15000, what: 'the library to list the sample guide' },
  );
  assert.ok(slugs.includes('scaling-science'), `library lists both sample guides: ${slugs}`);

  await openGuide(app, 'training-infrastructure');
  await waitPreviewTitle(app, sample.meta.title, 15000);
  assert.equal(await previewH1(app), sample.meta.title);

  // The page in the frame is the renderer's full document: one h1, landmarks, and no script.
  const page = await inPreview(app, async () => ({
    h1s: (await app.findAll('h1')).length,
    mains: (await app.findAll('main')).length,
    scripts: (await app.findAll('script')).length,
  }));
  assert.deepEqual(page, { h1s: 1, mains: 1, scripts: 0 });

  // The preview iframe is sandboxed without scripts.
  const frame = await app.find('[data-testid="preview-frame"]');
  const sandbox = await frame.attr('sandbox');
  assert.ok(sandbox !== null && !sandbox.includes('allow-scripts'), `sandbox="${sandbox}"`);

  // The app's CSP holds: no eval, no inline script, no external request.
  const csp = await app.execAsync(`
    const done = arguments[0];
    const out = {};
    try { eval('1'); out.eval = 'allowed'; } catch (e) { out.eval = e.name; }
    window.__inlineRan = false;
    const s = document.createElement('script');
    s.textContent = 'window.__inlineRan = true';
    document.head.appendChild(s);
    out.inline = window.__inlineRan;
    fetch('https://example.org/').then(() => { out.fetch = 'allowed'; done(out); }, (e) => { out.fetch = e.name; done(out); });
  `);
  assert.deepEqual(csp, { eval: 'EvalError', inline: false, fetch: 'TypeError' });
  await screenshot(app, '01-preview-title');
});
