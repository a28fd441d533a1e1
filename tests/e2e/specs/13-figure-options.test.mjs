// Figure options, in the real app: the sample guide's first figure is a compute stack of one lab
// and its second a timeline of key events only. The form shows each figure's options (only those
// of its kind); switching the stack's bars to grouped and the timeline's "Key events only" off
// redraws both figures in the preview, and the store keeps the change (an option turned off is
// absent from the guide).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, tempWorkspace, openGuide, field, inPreview, invoke, guideId, clickOn, screenshot } from '../lib/app.mjs';
import { waitFor } from '../lib/webdriver.mjs';

const SLUG = 'training-infrastructure';

/**
 * What the preview draws for figure `i`: the rectangles of each bar of its chart, and the top
 * items of its hidden data list (one per event of a timeline).
 */
function previewFigure(app, i) {
  return inPreview(app, () =>
    app.exec(
      `const f = document.querySelector('figure[data-path="figures[' + arguments[0] + ']"]');
       if (!f) return null;
       return {
         bars: [...f.querySelectorAll('svg.chart g.bar')].map((g) => g.querySelectorAll('rect').length),
         items: [...f.querySelectorAll('.vh > li')].map((li) => li.textContent.trim()),
       };`,
      i,
    ),
  );
}

/** Chooses `value` in the select at `path`, as picking it from the list does (focus, then change). */
async function choose(app, path, value) {
  const el = await field(app, path);
  await app.exec(
    `const s = arguments[0];
     s.scrollIntoView({ block: 'center' });
     s.focus();
     s.value = arguments[1];
     s.dispatchEvent(new Event('change', { bubbles: true }));`,
    el,
    value,
  );
}

const present = async (app, path) => (await app.findAll(`[data-path="${path}"]`)).length > 0;

test('figure options: the form shows them per kind; the preview and the store follow', async () => {
  const ws = tempWorkspace('figure-options');
  const app = await launch(ws.db);
  after(async () => {
    await app.end();
    ws.cleanup();
  });
  await openGuide(app, SLUG);
  const id = await guideId(app, SLUG);
  const before = (await invoke(app, 'open_draft', { id })).guide;
  const [stack, timeline] = before.figures;
  assert.equal(stack.kind, 'compute_stack', 'the sample guide’s first figure is a compute stack');
  assert.ok(stack.lab, 'the compute stack names its lab');
  assert.equal(stack.bars, undefined, 'its bars are stacked (the default, absent)');
  assert.equal(timeline.kind, 'timeline', 'the second figure is a timeline');
  assert.equal(timeline.key_only, true, 'the timeline shows key events only');
  const keyEvents = before.timeline.filter((e) => e.key).length;
  assert.ok(keyEvents > 0 && keyEvents < before.timeline.length, `some events are key: ${keyEvents} of ${before.timeline.length}`);

  // The form: each figure's options, and only those of its kind.
  assert.equal(await (await field(app, 'figures[0].kind')).prop('value'), 'compute_stack');
  assert.equal(await (await field(app, 'figures[0].lab')).prop('value'), stack.lab);
  assert.equal(await (await field(app, 'figures[0].bars')).prop('value'), 'stacked');
  assert.equal(await (await field(app, 'figures[1].key_only')).prop('checked'), true);
  for (const p of ['figures[0].key_only', 'figures[0].from', 'figures[0].to', 'figures[1].lab', 'figures[1].partner', 'figures[1].bars']) {
    assert.equal(await present(app, p), false, `${p} is not shown`);
  }

  // The preview: the stack as one bar with a segment per quantified deal row of its lab, the
  // timeline with its key events only.
  const lab = stack.lab.trim().toLowerCase();
  const quantified = before.deals.rows.filter((r) => r.lab?.trim().toLowerCase() === lab && r.capacity?.gw != null).length;
  assert.ok(quantified > 1, `${stack.lab} has several quantified deal rows: ${quantified}`);
  let stackDrawn = null;
  await waitFor(async () => (stackDrawn = await previewFigure(app, 0)) !== null, { what: 'the preview to draw figure 1' });
  assert.deepEqual(stackDrawn.bars, [quantified], 'stacked: one bar, a segment per row');
  await waitFor(async () => (await previewFigure(app, 1))?.items.length === keyEvents, {
    what: `the preview's timeline figure to list the ${keyEvents} key events`,
  });

  // Bars: grouped. The stack is redrawn as a bar per row, from the same data.
  await choose(app, 'figures[0].bars', 'grouped');
  let stackNow = null;
  try {
    await waitFor(async () => (stackNow = await previewFigure(app, 0))?.bars.length === quantified, {
      what: `the compute stack to be redrawn as ${quantified} grouped bars`,
    });
  } finally {
    await screenshot(app, '13-figure-options-grouped');
  }
  assert.deepEqual(stackNow.bars, Array(quantified).fill(1), 'grouped: a bar per row, one rectangle each');
  assert.deepEqual(stackNow.items, stackDrawn.items, 'the same data, drawn another way');

  // Key events only: off. The timeline draws every event.
  await clickOn(app, 'input[data-path="figures[1].key_only"]');
  await waitFor(async () => (await previewFigure(app, 1))?.items.length === before.timeline.length, {
    what: `the preview's timeline figure to list all ${before.timeline.length} events`,
  });
  assert.equal(await (await field(app, 'figures[1].key_only')).prop('checked'), false);

  // The store has both changes, and nothing else of the figures changed.
  let stored = null;
  await waitFor(
    async () => {
      stored = (await invoke(app, 'open_draft', { id })).guide;
      return stored.figures[0].bars === 'grouped' && !('key_only' in stored.figures[1]);
    },
    { what: 'the store to have the grouped bars and the timeline without "key events only"' },
  );
  assert.deepEqual(stored.figures[0], { ...stack, bars: 'grouped' });
  const { key_only: _dropped, ...timelineRest } = timeline;
  assert.deepEqual(stored.figures[1], timelineRest);
  assert.deepEqual(stored.timeline, before.timeline, 'the events themselves are unchanged');
  await screenshot(app, '13-figure-options');
});
