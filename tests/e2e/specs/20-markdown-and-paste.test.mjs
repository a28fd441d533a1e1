// Markdown helpers in the real window: a paragraph break typed with the Enter key shows as two
// paragraphs in the preview, Ctrl+B (WebDriver key actions) makes the selection bold, and rich
// text pasted from a web page (a paste event carrying text/html, dispatched in the page: the
// same handler a system paste reaches, since WebKitGTK's WebDriver cannot set the clipboard)
// arrives as Markdown, without the script and the image the page would refuse; Ctrl+Z takes the
// paste back in one step.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, tempWorkspace, openGuide, field, typeInto, inPreview, screenshot, waitSaved } from '../lib/app.mjs';
import { Keys, waitFor } from '../lib/webdriver.mjs';

const BODY = 'sections[0].body';

/** The paragraphs, strong texts, list items and links of the first section in the preview. */
function sectionInPreview(app) {
  return inPreview(app, () =>
    app.exec(`
      const s = document.querySelector('[data-path="sections[0]"]');
      if (!s) return null;
      const texts = (sel) => [...s.querySelectorAll(sel)].map((e) => e.textContent.trim());
      return {
        paragraphs: texts('p'),
        strong: texts('strong'),
        items: texts('li'),
        links: [...s.querySelectorAll('a')].map((a) => a.getAttribute('href')),
        images: s.querySelectorAll('img').length,
        scripts: s.querySelectorAll('script').length,
        text: s.innerText,
      };
    `),
  );
}

async function waitSection(app, ok, what) {
  let last = null;
  await waitFor(
    async () => {
      last = await sectionInPreview(app);
      return last !== null && ok(last);
    },
    { timeout: 15000, what: `${what} (preview: ${JSON.stringify(last)})` },
  );
  return last;
}

test('Markdown helpers and rich-text paste in a section body', async () => {
  const ws = tempWorkspace('markdown-and-paste');
  const app = await launch(ws.db);
  after(async () => {
    await app.end();
    ws.cleanup();
  });

  await openGuide(app, 'training-infrastructure');
  const body = await field(app, BODY);
  assert.equal(await body.attr('data-markdown'), 'block');

  // A paragraph break typed with Enter: two paragraphs on the page.
  await typeInto(app, body, `Alpha paragraph${Keys.ENTER}${Keys.ENTER}Beta paragraph`);
  assert.equal(await body.prop('value'), 'Alpha paragraph\n\nBeta paragraph');
  await waitSection(
    app,
    (s) => s.paragraphs.includes('Alpha paragraph') && s.paragraphs.includes('Beta paragraph'),
    'the preview to show the body as two paragraphs',
  );

  // Ctrl+B on a selection, through WebDriver key actions. (Looking into the preview moved the
  // keyboard into its frame: a click brings it back to the field.)
  await body.click();
  await app.exec('arguments[0].setSelectionRange(17, 21);', body);
  await app.chord([Keys.CONTROL, 'b']);
  await waitFor(async () => (await body.prop('value')) === 'Alpha paragraph\n\n**Beta** paragraph', {
    what: 'Ctrl+B to make "Beta" bold',
  });
  await waitSection(app, (s) => s.strong.includes('Beta'), 'the preview to show "Beta" in bold');

  // Rich text from a web page, pasted at the end of the body.
  const html =
    '<meta charset="utf-8"><p>Pasted <b>bold</b> and <a href="https://example.org/x">a link</a>' +
    '<script>window.__pasted = 1</script><img src="https://tracker.example/p.gif" alt="pixel">' +
    '<a href="javascript:alert(1)">no link</a></p><ul><li>first item</li><li>second item</li></ul>';
  const prevented = await app.exec(
    `
    const [el, html] = arguments;
    el.focus();
    el.setSelectionRange(el.value.length, el.value.length);
    const data = new DataTransfer();
    data.setData('text/html', html);
    data.setData('text/plain', 'Pasted bold and a link no link first item second item');
    let e;
    try {
      e = new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true });
    } catch {
      e = null;
    }
    if (!e || !e.clipboardData) {
      e = new Event('paste', { bubbles: true, cancelable: true });
      Object.defineProperty(e, 'clipboardData', { value: data });
    }
    el.dispatchEvent(e);
    return e.defaultPrevented;
  `,
    body,
    html,
  );
  assert.equal(prevented, true, 'the field handles the paste itself');
  const pasted =
    'Alpha paragraph\n\n**Beta** paragraph\n\nPasted **bold** and [a link](https://example.org/x)no link\n\n- first item\n- second item';
  await waitFor(async () => (await body.prop('value')) === pasted, { what: 'the paste to arrive as Markdown' });
  const page = await waitSection(
    app,
    (s) => s.items.includes('first item') && s.strong.includes('bold') && s.links.includes('https://example.org/x'),
    'the preview to show the pasted list, bold text and link',
  );
  assert.deepEqual(page.items, ['first item', 'second item']);
  assert.equal(page.images, 0);
  assert.equal(page.scripts, 0);
  assert.ok(!page.text.includes('pixel') && !page.text.includes('alert'), page.text);
  assert.equal(await app.exec('return window.__pasted ?? null'), null, 'no pasted script ran');
  await screenshot(app, '20-markdown-and-paste');

  // One Ctrl+Z takes the whole paste back.
  await body.click();
  await app.chord([Keys.CONTROL, 'z']);
  await waitFor(async () => (await body.prop('value')) === 'Alpha paragraph\n\n**Beta** paragraph', {
    what: 'one undo to take the paste back',
  });
  await waitSaved(app, 15000);
});

test('a text area grows with the lines typed and shrinks to its text once typing pauses', async () => {
  const ws = tempWorkspace('autosize');
  const app = await launch(ws.db);
  after(async () => {
    await app.end();
    ws.cleanup();
  });
  await openGuide(app, 'training-infrastructure');
  const body = await field(app, 'sections[1].body');
  const size = () =>
    app.exec('const el = arguments[0]; return { height: el.clientHeight, scroll: el.scrollHeight };', body);
  const fits = (s) => s.scroll <= s.height + 1;

  await typeInto(app, body, 'One line.');
  await waitFor(async () => fits(await size()), { what: 'the body to fit one line' });
  await new Promise((r) => setTimeout(r, 800));
  const small = await size();

  // Fourteen lines typed key by key (Enter between them): the text area grows with them, so the
  // text never scrolls inside it.
  const lines = Array.from({ length: 14 }, (_, i) => `Line ${i + 1} of the body`);
  await typeInto(app, body, lines.join(Keys.ENTER));
  assert.equal(await body.prop('value'), lines.join('\n'));
  await waitFor(async () => fits(await size()), { what: 'the body to grow with its lines' });
  const grown = await size();
  assert.ok(grown.height > small.height + 100, `grew from ${small.height} to ${grown.height} px`);

  // Back to one line: once typing pauses, it fits its text again.
  await typeInto(app, body, 'Short again.');
  await waitFor(async () => (await size()).height < grown.height - 100, {
    timeout: 5000,
    what: 'the body to shrink to its text after the pause',
  });
  assert.ok(fits(await size()));
  await waitSaved(app, 15000);
});
