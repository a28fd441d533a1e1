// A whole job by keyboard alone, no clicks: the skip link into the editor, an edit, Ctrl+S to
// name a version, F6 to the right pane, Tab to "Compare with draft", Escape from inside the
// changes list back to where Compare was opened, Tab to the new version's Export, the folder
// typed and Enter, Escape back. Along the way: F6 and Shift+F6 go round library → form → right
// pane, the library is one tab stop with arrow keys inside, the focus is never lost to the page
// and returns to each dialog's opener. The bundle written is checked with `almanac check`.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import {
  launch,
  tempWorkspace,
  screenshot,
  invoke,
  ROOT,
} from "../lib/app.mjs";
import { waitFor } from "../lib/webdriver.mjs";

const ALMANAC = process.env.E2E_ALMANAC ?? join(ROOT, "target/debug/almanac");
// W3C key codes (F6 is \uE036: F1 is \uE031).
const K = {
  TAB: "\uE004",
  ENTER: "\uE007",
  ESCAPE: "\uE00C",
  F6: "\uE036",
  SHIFT: "\uE008",
  CONTROL: "\uE009",
  END: "\uE010",
  DOWN: "\uE015",
  UP: "\uE013",
};

/** Presses keys through the actions API: each entry is a key, or an array held together (a chord). */
async function press(app, ...keys) {
  const actions = [];
  for (const k of keys) {
    const chord = Array.isArray(k) ? k : [k];
    for (const c of chord) actions.push({ type: "keyDown", value: c });
    for (const c of [...chord].reverse())
      actions.push({ type: "keyUp", value: c });
  }
  await app.cmd("POST", "/actions", {
    actions: [{ type: "key", id: "kbd", actions }],
  });
  await app.cmd("DELETE", "/actions");
  await app.execAsync(
    "const done = arguments[0]; requestAnimationFrame(() => requestAnimationFrame(() => done(true)));",
  );
}

/** Types text key by key. */
async function typeKeys(app, text) {
  const actions = [];
  for (const ch of text)
    actions.push({ type: "keyDown", value: ch }, { type: "keyUp", value: ch });
  await app.cmd("POST", "/actions", {
    actions: [{ type: "key", id: "kbd", actions }],
  });
  await app.cmd("DELETE", "/actions");
}

/** What has the focus: its test id (or tag), the region it is in, and whether it is visible. */
function focused(app) {
  return app.exec(`const a = document.activeElement;
    const region = a?.closest('.library, .library-rail') ? 'library' : a?.closest('.compare') ? 'compare'
      : a?.closest('.modal') ? 'dialog' : a?.closest('.workspace') ? 'form' : a?.closest('.preview-pane') ? 'pane' : 'none';
    const r = a?.getBoundingClientRect();
    return { id: a?.getAttribute('data-testid') || a?.tagName.toLowerCase() || null, path: a?.getAttribute('data-path') ?? null,
      label: a?.closest('[data-label]')?.getAttribute('data-label') ?? null, region, body: a === document.body, width: r ? r.width : 0 };`);
}

/** Tabs (Shift+Tab with `back`) until `pred(focused)` holds; at most `max` presses. */
async function tabTo(app, pred, what, { back = false, max = 60 } = {}) {
  for (let i = 0; i < max; i++) {
    const f = await focused(app);
    if (pred(f)) return f;
    assert.ok(
      !f.body,
      `the focus was lost to the page while tabbing to ${what}`,
    );
    await press(app, back ? [K.SHIFT, K.TAB] : K.TAB);
  }
  assert.fail(
    `${what} not reached in ${max} tab stops (at ${JSON.stringify(await focused(app))})`,
  );
}

test("edit → version → compare → export, by keyboard alone", async () => {
  const ws = tempWorkspace("keyboard");
  const app = await launch(ws.db);
  after(async () => {
    await app.end();
    ws.cleanup();
  });
  await app.cmd("POST", "/window/rect", {
    x: 0,
    y: 0,
    width: 1360,
    height: 860,
  });
  await app.waitFind('[data-testid="editor-form"]', 15000);
  const slug = await app.exec(
    `return document.querySelector('[data-testid="doc-slug"]').textContent.trim()`,
  );
  const id = (
    await invoke(app, "list_guides", {
      query: { text: null, state: null, sort: "title" },
    })
  ).find((g) => g.slug === slug).id;
  await app.exec("document.activeElement?.blur()");

  // The first tab stop is the skip link, visible once focused; Enter goes to the form.
  await press(app, K.TAB);
  let f = await focused(app);
  assert.equal(f.id, "skip-editor");
  assert.ok(f.width > 40, "the skip link is visible when focused");
  await screenshot(app, "19-skip-link");
  await press(app, K.ENTER);
  f = await focused(app);
  assert.equal(f.region, "form", "the skip link leads into the form");
  assert.equal(
    f.path,
    "meta.title",
    "the first field of the form has the focus",
  );

  // F6 goes round the regions, Shift+F6 back.
  await press(app, K.F6);
  assert.equal((await focused(app)).region, "pane", "F6: form → right pane");
  await press(app, K.F6);
  f = await focused(app);
  assert.equal(f.region, "library", "F6: right pane → library");
  assert.equal(f.id, "open-guide", "the library entry with the tab stop");
  // The library is one tab stop: arrow keys move inside it, Tab leaves it.
  const entries = await app.exec(
    `return [...document.querySelectorAll('[data-testid="open-guide"]')].map((b) => b.tabIndex)`,
  );
  assert.equal(
    entries.filter((t) => t === 0).length,
    1,
    `one entry in the tab order (${entries})`,
  );
  await press(app, K.DOWN);
  const second = await app.exec(
    `return document.activeElement === document.querySelectorAll('[data-testid="open-guide"]')[1]`,
  );
  assert.equal(second, true, "ArrowDown moves to the next entry");
  await press(app, K.UP);
  await press(app, K.TAB);
  assert.notEqual(
    (await focused(app)).id,
    "trash-guide",
    "Tab leaves the list (its trash buttons are not tab stops)",
  );
  await press(app, [K.SHIFT, K.F6]);
  assert.equal(
    (await focused(app)).region,
    "pane",
    "Shift+F6: library → right pane",
  );
  await press(app, [K.SHIFT, K.F6]);
  f = await focused(app);
  assert.equal(f.region, "form", "Shift+F6: right pane → form");
  assert.equal(f.path, "meta.title", "back on the field last edited");

  // The edit: the title, typed at its end.
  const before = (await invoke(app, "open_draft", { id })).guide.meta.title;
  await press(app, K.END);
  await typeKeys(app, " (by keyboard)");
  await waitFor(
    async () =>
      (await invoke(app, "open_draft", { id })).guide.meta.title ===
      `${before} (by keyboard)`,
    {
      what: "the edited title saved",
    },
  );

  // Ctrl+S names a version: the dialog takes the focus, Enter saves.
  await press(app, [K.CONTROL, "s"]);
  await app.waitFind('[data-testid="save-version-dialog"]');
  f = await focused(app);
  assert.equal(f.region, "dialog", "the Save version dialog has the focus");
  assert.equal(f.id, "version-label");
  await press(app, [K.CONTROL, "a"]);
  await typeKeys(app, "kb1");
  await press(app, K.ENTER);
  await app.waitFind('[data-testid="version-item"][data-label="kb1"]', 10000);
  await waitFor(
    async () =>
      (await app.findAll('[data-testid="save-version-dialog"]')).length === 0,
    { what: "the dialog to close" },
  );
  f = await focused(app);
  assert.ok(
    !f.body,
    "the focus went back from the closed dialog, not to the page",
  );

  // F6 to the right pane (the Versions tab is shown), Tab to v1's "Compare with draft".
  await waitFor(
    async () =>
      (await focused(app)).region === "pane" || (await press(app, K.F6), false),
    {
      timeout: 5000,
      what: "the right pane to take the focus",
    },
  );
  f = await tabTo(
    app,
    (x) => x.id === "version-compare" && x.label === "v1",
    "v1 “Compare with draft”",
  );
  await press(app, K.ENTER);
  await app.waitFind('[data-testid="diff-view"]', 15000);
  assert.equal((await focused(app)).region, "compare", "Compare has the focus");
  const parts = await app.exec(
    `return [...document.querySelectorAll('[data-testid="diff-part"]')].map((p) => p.getAttribute('data-part'))`,
  );
  assert.ok(
    parts.includes("meta"),
    `the title's change is in the comparison (${parts})`,
  );
  // The editor and the pane are covered while Compare is open: Shift+Tab out of the view goes
  // back to the library, Tab from the library into the view, and nothing behind it takes the focus.
  const regions = [];
  for (let i = 0; i < 80 && (await focused(app)).region !== "library"; i++) {
    await press(app, [K.SHIFT, K.TAB]);
    regions.push((await focused(app)).region);
  }
  assert.equal((await focused(app)).region, "library", `Shift+Tab reaches the library (${regions})`);
  for (let i = 0; i < 80 && (await focused(app)).region !== "compare"; i++) {
    await press(app, K.TAB);
    regions.push((await focused(app)).region);
  }
  assert.equal((await focused(app)).region, "compare", `Tab comes back into Compare (${regions})`);
  assert.deepEqual(
    regions.filter((r) => r !== "library" && r !== "compare"),
    [],
    `the focus stays out of the covered editor and pane (${regions})`,
  );
  // Into the changes list, then Escape from there.
  for (let i = 0; i < 40; i++) {
    const inList = await app.exec(
      `return !!document.activeElement?.closest('[data-testid="diff-view"]')`,
    );
    if (inList) break;
    await press(app, K.TAB);
  }
  assert.equal(
    await app.exec(
      `return !!document.activeElement?.closest('[data-testid="diff-view"]')`,
    ),
    true,
    "the focus is in the changes list",
  );
  await screenshot(app, "19-compare-focus-in-changes");
  await press(app, K.ESCAPE);
  await waitFor(
    async () =>
      (await app.findAll('[data-testid="compare-view"]')).length === 0,
    { what: "Escape to close Compare" },
  );
  f = await focused(app);
  assert.deepEqual(
    [f.id, f.label],
    ["version-compare", "v1"],
    "the focus is back on the button that opened Compare",
  );

  // Export kb1: Tab to its Export, Enter, the folder typed, Enter.
  f = await tabTo(
    app,
    (x) => x.id === "version-export" && x.label === "kb1",
    "kb1 “Export”",
    { back: true },
  );
  await press(app, K.ENTER);
  await app.waitFind('[data-testid="export-dialog"]');
  assert.equal(
    (await focused(app)).region,
    "dialog",
    "the Export dialog has the focus",
  );
  await tabTo(app, (x) => x.id === "export-dir", "the folder field", {
    max: 20,
  });
  const out = join(ws.dir, "export");
  await typeKeys(app, out);
  await press(app, K.ENTER);
  const shown = await (
    await app.waitFind('[data-testid="export-path"]', 15000)
  ).text();
  assert.equal(shown.trim(), join(out, slug));
  f = await focused(app);
  assert.equal(
    f.region,
    "dialog",
    "the focus stayed in the dialog while it exported",
  );
  await screenshot(app, "19-exported");
  await press(app, K.ESCAPE);
  await waitFor(
    async () =>
      (await app.findAll('[data-testid="export-dialog"]')).length === 0,
    { what: "Escape to close Export" },
  );
  f = await focused(app);
  assert.deepEqual(
    [f.id, f.label],
    ["version-export", "kb1"],
    "the focus is back on Export",
  );

  // The bundle is kb1, with the edit, and `almanac check` accepts it.
  const check = execFileSync(ALMANAC, ["check", join(out, slug)], {
    encoding: "utf8",
  });
  assert.match(check, /: ok \(0 errors/);
  const exported = JSON.parse(
    readFileSync(join(out, slug, "guide.json"), "utf8"),
  );
  assert.equal(exported.meta.title, `${before} (by keyboard)`);
  assert.equal(exported.meta.version.label, "kb1");
});
