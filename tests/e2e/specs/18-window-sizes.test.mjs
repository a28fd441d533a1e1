// Every window size from the smallest the window allows (960×600) up to 1920×1080: no control
// is cut off. At each size, for the editor with the sample guide open, the Compare view, the
// Versions panel and the Export dialog (and, where the library is a drawer, the drawer open),
// every control's box (buttons, inputs, selects, text areas, links, tabs, the preview frame) is
// checked against the window and against each scroll container it sits in:
//
// - inside a container that scrolls in an axis (overflow auto or scroll), a control may lie
//   outside the visible part in that axis: it can be scrolled to. What is checked further up is
//   the container's visible box;
// - inside a container that clips in an axis (overflow hidden or clip), the control must lie
//   inside its visible box: nothing could bring it into view;
// - what is left must lie inside the window.
//
// Controls under the Compare view (covered, hidden from assistive technology, passing the focus
// on) are not checked.
//
// Also: the page itself never scrolls (nothing slides after a focus change, whichever control
// takes the focus), and the toolbar's slug stays on one line. Screenshots of each screen at
// each size go to the artifacts folder (18-<screen>-<width>x<height>.png).
import { test, after, before } from "node:test";
import assert from "node:assert/strict";
import {
  launch,
  tempWorkspace,
  openGuide,
  waitPreviewTitle,
  clickOn,
  screenshot,
  ROOT,
} from "../lib/app.mjs";
import { waitFor } from "../lib/webdriver.mjs";
import { readFileSync } from "node:fs";
import { join } from "node:path";

const SLUG = "training-infrastructure";
const sample = JSON.parse(
  readFileSync(
    join(ROOT, "content/training-infrastructure-v2/guide.json"),
    "utf8",
  ),
);
const SIZES = [
  [960, 600],
  [1024, 700],
  [1360, 860],
  [1920, 1080],
];

/**
 * In the page: every control whose box is cut off, as { what, why } (empty: none), plus how far
 * the document and the app are scrolled.
 */
const MEASURE = `
  const CONTROLS = 'button, input, select, textarea, a[href], [role="tab"], iframe';
  const vw = document.documentElement.clientWidth;
  const vh = document.documentElement.clientHeight;
  const cut = [];
  const name = (el) => {
    const t = el.getAttribute('data-testid') || el.getAttribute('aria-label') || el.id || (el.textContent || '').trim().slice(0, 30);
    return el.tagName.toLowerCase() + (t ? '[' + t + ']' : '') + (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\\s+/).join('.') : '');
  };
  for (const el of document.querySelectorAll(CONTROLS)) {
    // Behind the Compare view (covered) or in a hidden part: not on screen to be cut off.
    if (el.type === 'hidden' || el.closest('[inert], [hidden], [aria-hidden="true"]')) continue;
    const cs = getComputedStyle(el);
    if (cs.visibility === 'hidden' || cs.display === 'none') continue;
    const r = el.getBoundingClientRect();
    // Not laid out (a closed details, a hidden panel) or visually hidden (1 px, clipped).
    if (r.width <= 1 && r.height <= 1) continue;
    let x0 = r.left, x1 = r.right, y0 = r.top, y1 = r.bottom;
    let why = null;
    for (let a = el.parentElement; a && a !== document.documentElement && !why; a = a.parentElement) {
      const s = getComputedStyle(a);
      if (s.overflowX === 'visible' && s.overflowY === 'visible') continue;
      const b = a.getBoundingClientRect();
      const bx0 = b.left + a.clientLeft, bx1 = bx0 + a.clientWidth;
      const by0 = b.top + a.clientTop, by1 = by0 + a.clientHeight;
      const scrolls = (o) => o === 'auto' || o === 'scroll';
      if (scrolls(s.overflowX)) { x0 = Math.max(bx0, Math.min(x0, bx1)); x1 = Math.min(bx1, Math.max(x1, bx0)); }
      else if (s.overflowX !== 'visible') {
        if (x0 < bx0 - 1 || x1 > bx1 + 1) why = 'clipped sideways by ' + name(a) + ' (' + [x0, x1].map(Math.round) + ' outside ' + [bx0, bx1].map(Math.round) + ')';
      }
      if (scrolls(s.overflowY)) { y0 = Math.max(by0, Math.min(y0, by1)); y1 = Math.min(by1, Math.max(y1, by0)); }
      else if (s.overflowY !== 'visible' && !why) {
        if (y0 < by0 - 1 || y1 > by1 + 1) why = 'clipped vertically by ' + name(a) + ' (' + [y0, y1].map(Math.round) + ' outside ' + [by0, by1].map(Math.round) + ')';
      }
    }
    if (!why && (x0 < -1 || y0 < -1 || x1 > vw + 1 || y1 > vh + 1)) {
      why = 'outside the window (' + [x0, y0, x1, y1].map(Math.round) + ' in ' + vw + '×' + vh + ')';
    }
    if (why) cut.push({ what: name(el), why });
  }
  const app = document.querySelector('.app');
  return {
    cut,
    vw,
    vh,
    page: [document.scrollingElement.scrollLeft, document.scrollingElement.scrollTop, document.documentElement.scrollWidth - vw],
    app: app ? [app.scrollLeft, app.scrollTop, Math.round(app.getBoundingClientRect().left)] : null,
  };
`;

let app;
let ws;

before(async () => {
  ws = tempWorkspace("window-sizes");
  app = await launch(ws.db);
  await openGuide(app, SLUG);
  await waitPreviewTitle(app, sample.meta.title, 15000);
});

after(async () => {
  await app?.end();
  ws?.cleanup();
});

/** Sets the window's size (the menu bar takes part of its height) and waits until the page has it. */
async function resize(w, h) {
  await app.cmd("POST", "/window/rect", { x: 0, y: 0, width: w, height: h });
  let seen;
  await waitFor(
    async () => {
      const r = await app.cmd("GET", "/window/rect");
      seen = [
        r.width,
        r.height,
        ...(await app.exec("return [window.innerWidth, window.innerHeight]")),
      ];
      return r.width === w && r.height === h && seen[2] === w;
    },
    { timeout: 5000, what: `the window to be ${w}×${h} (seen ${seen})` },
  );
  await settle();
  console.log(`window ${w}×${h}: page ${seen[2]}×${seen[3]}`);
}

function settle() {
  return app.execAsync(
    "const done = arguments[0]; requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(() => done(true), 120)));",
  );
}

/** Asserts that nothing is cut off and nothing has scrolled the page or the app; saves a screenshot. */
async function checkScreen(screen, w, h) {
  await settle();
  const m = await app.exec(MEASURE);
  await screenshot(app, `18-${screen}-${w}x${h}`);
  assert.deepEqual(
    m.cut,
    [],
    `${screen} at ${w}×${h}: controls cut off:\n${m.cut.map((c) => `  ${c.what}: ${c.why}`).join("\n")}`,
  );
  assert.deepEqual(
    m.page,
    [0, 0, 0],
    `${screen} at ${w}×${h}: the page neither scrolls nor is wider than the window`,
  );
  if (m.app)
    assert.deepEqual(
      m.app,
      [0, 0, 0],
      `${screen} at ${w}×${h}: the app is not shifted`,
    );
}

/** Focuses every control of `css` in turn (as Tab would), then checks that nothing slid. */
async function focusEach(css, screen, w, h) {
  const slid = await app.exec(
    `const out = [];
     for (const el of document.querySelectorAll(arguments[0])) {
       if (el.disabled || el.getClientRects().length === 0) continue;
       el.focus();
       const app = document.querySelector('.app');
       const s = [document.scrollingElement.scrollLeft, document.scrollingElement.scrollTop, app.scrollLeft, app.scrollTop];
       if (s.some((x) => x !== 0)) out.push((el.getAttribute('data-testid') || el.textContent.trim().slice(0, 20)) + ': ' + s.join(','));
     }
     document.activeElement?.blur();
     return out;`,
    css,
  );
  assert.deepEqual(
    slid,
    [],
    `${screen} at ${w}×${h}: focusing these scrolled the page or the app`,
  );
}

async function closeCompare() {
  if ((await app.findAll('[data-testid="compare-view"]')).length)
    await clickOn(app, '[data-testid="compare-close"]');
  await waitFor(
    async () =>
      (await app.findAll('[data-testid="compare-view"]')).length === 0,
    { what: "Compare to close" },
  );
}

async function showTab(tab) {
  await clickOn(app, `[data-testid="tab-${tab}"]`);
  await waitFor(
    async () =>
      (await (
        await app.find(`[data-testid="tab-${tab}"]`)
      ).attr("aria-selected")) === "true",
    {
      what: `the ${tab} tab`,
    },
  );
}

for (const [w, h] of SIZES) {
  test(`${w}×${h}: editor, library, Versions, Compare and Export fit the window`, async (t) => {
    await resize(w, h);

    await t.test(
      "editor with the sample guide, preview beside it",
      async () => {
        await showTab("preview");
        await app.waitFind('[data-testid="editor-form"]');
        await checkScreen("editor", w, h);
        // Whatever takes the focus, the page does not slide (the preview's look buttons, the
        // toolbar, the part links at the form's top, the library's controls).
        await focusEach(
          ".preview-bar button, .toolbar button, .part-nav a, .app button, .app select, .app a[href]",
          "editor",
          w,
          h,
        );
        await checkScreen("editor-after-focus", w, h);
        // The slug stays on one line, however long.
        const slug =
          await app.exec(`const s = document.querySelector('.doc-slug');
        return s ? [s.getBoundingClientRect().height, parseFloat(getComputedStyle(s).lineHeight) || 16] : null;`);
        assert.ok(
          slug && slug[0] <= slug[1] * 1.5,
          `the slug is one line high (${slug})`,
        );
      },
    );

    const drawer = await app.findAll('[data-testid="library-toggle"]');
    const isDrawer =
      drawer.length > 0 &&
      (await app.exec(
        `return getComputedStyle(document.querySelector('[data-testid="library-rail"]')).display !== 'none'`,
      ));
    if (isDrawer) {
      await t.test("the library drawer, open", async () => {
        await clickOn(app, '[data-testid="library-toggle"]');
        await app.waitFind(".library.drawer:not([hidden])");
        await checkScreen("library-drawer", w, h);
        await clickOn(app, '[data-testid="library-toggle"]');
        await waitFor(
          async () =>
            (await app.findAll(".library.drawer:not([hidden])")).length === 0,
          { what: "the drawer to close" },
        );
      });
    }

    await t.test("Versions panel", async () => {
      await showTab("versions");
      await app.waitFind('[data-testid="version-item"][data-label="v1"]');
      await checkScreen("versions", w, h);
    });

    await t.test("Compare view (v1 against the draft)", async () => {
      // The form keeps its place under the view (it is covered, never re-laid out or scrolled).
      const scrolled = await app.exec(
        "const f = document.querySelector('.form-scroll'); f.scrollTop = 600; return f.scrollTop;",
      );
      await clickOn(
        app,
        '[data-testid="version-item"][data-label="v1"] [data-testid="version-compare"]',
      );
      await app.waitFind('[data-testid="diff-view"]', 15000);
      await checkScreen("compare", w, h);
      await clickOn(app, '[data-testid="layout-sbs"]');
      await app.waitFind(
        '[data-testid="diff-view"] .sbs, [data-testid="diff-view"] .para-row',
        15000,
      );
      await checkScreen("compare-side-by-side", w, h);
      await clickOn(app, '[data-testid="layout-inline"]');
      await closeCompare();
      assert.equal(
        await app.exec("return document.querySelector('.form-scroll').scrollTop"),
        scrolled,
        `${w}×${h}: the form is where it was before Compare`,
      );
    });

    await t.test("Export dialog", async () => {
      await showTab("versions");
      await clickOn(app, '[data-testid="export-draft"]');
      await app.waitFind('[data-testid="export-dialog"]');
      await checkScreen("export", w, h);
      await clickOn(
        app,
        '[data-testid="export-dialog"] .modal-actions .btn:not(.primary)',
      );
      await waitFor(
        async () =>
          (await app.findAll('[data-testid="export-dialog"]')).length === 0,
        { what: "the dialog to close" },
      );
      await showTab("preview");
    });
  });
}

test("1360×860: deal cells, the parts navigation, select focus, chart labels, the print look", async () => {
  await resize(1360, 860);
  await showTab("preview");
  // Deal cells are wide enough for a value of up to 26 characters (a lab, a capacity, a partner, a timeline).
  const clipped = await app.exec(`
    document.querySelector('.deal-cells')?.scrollIntoView({ block: 'start' });
    return [...document.querySelectorAll('.deal-cells input')]
      .filter((i) => i.value.length <= 26 && i.scrollWidth > i.clientWidth + 1)
      .map((i) => i.value + ' (' + i.scrollWidth + ' > ' + i.clientWidth + ')');`);
  assert.deepEqual(
    clipped,
    [],
    `deal cells show their whole text: ${clipped.join("; ")}`,
  );
  await screenshot(app, "18-deals-1360x860");
  // The sticky parts navigation is opaque: nothing shows through it.
  const nav = await app.exec(
    `return getComputedStyle(document.querySelector('.part-nav')).backgroundColor`,
  );
  assert.match(
    nav,
    /^rgb\(/,
    `the parts navigation has an opaque background (${nav})`,
  );
  // A focused select shows a ring (an outline: WebKitGTK drops a native select's box-shadow).
  const ring = await app.exec(`const s = document.getElementById('lib-sort'); s.focus();
    const c = getComputedStyle(s); const r = [c.outlineStyle, c.outlineWidth, c.outlineColor]; s.blur(); return r;`);
  assert.deepEqual(ring, ['solid', '2px', 'rgb(91, 132, 240)'], 'a focused select shows the focus ring');
  // Chart text in the preview is at least 11 px.
  const sizes =
    await app.exec(`const d = document.querySelector('[data-testid="preview-frame"]').contentDocument;
    return [...d.querySelectorAll('.chart text, .chart-label, .chart-value')].map((t) => parseFloat(getComputedStyle(t).fontSize));`);
  assert.ok(sizes.length > 0, "the sample has charts");
  assert.ok(
    Math.min(...sizes) >= 11,
    `chart labels are at least 11 px (${Math.min(...sizes)})`,
  );
  // The Print look keeps the page's text off the frame's left edge.
  const frame = await app.find('[data-testid="preview-frame"]');
  const seq = Number((await frame.attr("data-render-seq")) ?? 0);
  await clickOn(app, '[data-testid="preview-theme-print"]');
  await waitFor(
    async () => Number((await frame.attr("data-render-seq")) ?? 0) > seq,
    { what: "the print look" },
  );
  const left =
    await app.exec(`const d = document.querySelector('[data-testid="preview-frame"]').contentDocument;
    const h1 = d.querySelector('h1'); return h1 ? h1.getBoundingClientRect().left : -1;`);
  await screenshot(app, "18-print-look-1360x860");
  assert.ok(
    left >= 12,
    `the print look's text starts away from the edge (${left} px)`,
  );
  await clickOn(app, '[data-testid="preview-theme-auto"]');
});
