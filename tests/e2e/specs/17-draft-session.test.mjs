// The open draft lives in the shell: edits travel as patches, the preview is patched part by
// part, and the shell saves on its own.
//
// 1. After typing in several fields, adding, moving and removing list items and undoing, the
//    preview frame's document is exactly the page the renderer makes of the saved draft
//    (`render_preview` of the stored draft: the same clock, look and store-derived version line).
// 2. Killing the app (SIGKILL) 100 ms after the last keystroke loses at most the last second of
//    typing. The shell saves a draft 250 ms after its last edit, and at least every 750 ms while
//    edits keep coming; so what may be missing is the text typed after the last save began: at
//    most the last 750 ms of typing before the kill (plus a save under way when the process
//    died), never anything typed more than a second before it. The test asserts exactly that:
//    the stored TL;DR is a prefix of what was typed, and holds every chunk typed more than a
//    second before the kill.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import {
  launch,
  tempWorkspace,
  openGuide,
  field,
  typeInto,
  waitSaved,
  killApp,
  invoke,
  guideId,
  clickOn,
} from "../lib/app.mjs";
import { waitFor, Keys } from "../lib/webdriver.mjs";

const SAME_PAGE = `
const [html] = arguments;
const frame = document.querySelector('[data-testid="preview-frame"]');
const live = frame.contentDocument.documentElement.outerHTML;
const want = new DOMParser().parseFromString(html, 'text/html').documentElement.outerHTML;
if (live === want) return { same: true };
let i = 0;
while (i < live.length && live[i] === want[i]) i++;
return { same: false, at: i, live: live.slice(Math.max(0, i - 80), i + 80), want: want.slice(Math.max(0, i - 80), i + 80) };
`;

/** The preview equals the renderer's page of the stored draft (retried across a minute boundary). */
async function previewIsThePage(app, id) {
  let last = null;
  await waitFor(
    async () => {
      const stored = await invoke(app, "open_draft", { id });
      const html = await invoke(app, "render_preview", {
        guide: stored.guide,
        theme: "auto",
        draftOf: id,
      });
      last = await app.exec(SAME_PAGE, html);
      return last.same;
    },
    {
      timeout: 10000,
      interval: 300,
      what: "the preview to equal the page of the saved draft",
    },
  ).catch((e) => {
    throw new Error(`${e.message}: ${JSON.stringify(last)}`);
  });
}

test("the preview after edits is exactly the rendered page of the saved draft", async () => {
  const ws = tempWorkspace("session");
  const app = await launch(ws.db);
  after(async () => {
    await app.end();
    ws.cleanup();
  });
  await openGuide(app, "training-infrastructure");
  const id = await guideId(app, "training-infrastructure");
  await waitFor(
    () =>
      app.exec(
        `return document.querySelector('[data-testid="preview-frame"]').hasAttribute('data-render-seq')`,
      ),
    {
      what: "the first preview",
    },
  );

  await typeInto(
    app,
    await field(app, "tldr"),
    "A summary typed <here> & now.",
  );
  await typeInto(app, await field(app, "meta.title"), "A new title");
  await typeInto(
    app,
    await field(app, "takeaways[1].text"),
    "A takeaway, rewritten.",
  );
  // Move the first deal row down, remove the last takeaway, then undo the removal.
  await clickOn(
    app,
    '[data-testid="deal-grid-item"][data-index="0"] [data-testid="move-down"]',
  );
  const takeaways = await app.findAll('[data-testid="takeaways-item"]');
  const last = takeaways[takeaways.length - 1];
  await clickOn(
    app,
    `[data-testid="takeaways-item"][data-index="${takeaways.length - 1}"] [data-testid="remove"]`,
  ).catch(async () => {
    await (await last.find('[data-testid="remove"]')).click();
  });
  await waitFor(
    async () =>
      (await app.findAll('[data-testid="takeaways-item"]')).length ===
      takeaways.length - 1,
    {
      what: "the takeaway to go",
    },
  );
  await app.chord([Keys.CONTROL, "z"]);
  await waitFor(
    async () =>
      (await app.findAll('[data-testid="takeaways-item"]')).length ===
      takeaways.length,
    {
      what: "undo to bring the takeaway back",
    },
  );
  await waitSaved(app);
  const stored = await invoke(app, "open_draft", { id });
  assert.equal(stored.guide.tldr, "A summary typed <here> & now.");
  assert.equal(stored.guide.meta.title, "A new title");
  assert.equal(stored.guide.takeaways.length, takeaways.length);
  await previewIsThePage(app, id);
});

test("killed 100 ms after the last keystroke, at most the last second of typing is missing", async () => {
  const ws = tempWorkspace("kill-typing");
  let app = await launch(ws.db);
  after(async () => {
    await app.end();
    ws.cleanup();
  });
  await openGuide(app, "scaling-science");
  const id = await guideId(app, "scaling-science");
  const tldr = await field(app, "tldr");
  await typeInto(app, tldr, "Start. ");
  await waitFor(
    async () =>
      (await invoke(app, "open_draft", { id })).guide.tldr === "Start. ",
    { what: "the new TL;DR to be saved" },
  );
  // Ten chunks of typing over about two seconds, each timed when its keys were all sent.
  const chunks = Array.from({ length: 10 }, (_, i) => `chunk${i} `);
  const typedAt = [];
  for (const [i, c] of chunks.entries()) {
    await tldr.type(c);
    typedAt.push(Date.now());
    // A pause between chunks; after the last one, the 100 ms before the kill.
    await new Promise((r) => setTimeout(r, i < chunks.length - 1 ? 150 : 100));
  }
  const killedAt = Date.now();
  await killApp(ws.db);
  await app.end();

  app = await launch(ws.db);
  await openGuide(app, "scaling-science");
  const kept = await (await field(app, "tldr")).prop("value");
  const typed = "Start. " + chunks.join("");
  assert.ok(
    typed.startsWith(kept) && kept.startsWith("Start. "),
    `what was kept is what was typed, in order: ${JSON.stringify(kept)}`,
  );
  const mustHave =
    "Start. " + chunks.filter((_, i) => killedAt - typedAt[i] > 1000).join("");
  assert.ok(
    kept.startsWith(mustHave),
    `everything typed more than a second before the kill is kept: ${JSON.stringify(kept)}`,
  );
  console.log(
    `kept ${kept.length} of ${typed.length} typed characters (${typed.length - kept.length} missing)`,
  );
});
