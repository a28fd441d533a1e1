// Spell checking in the text fields: WebKitGTK's spell checker, turned on by the shell with the
// guide's language (English here, from the hunspell dictionary the set-up installs). A misspelt
// word gets the spelling marker (a red underline), a correctly spelt sentence does not: measured
// on screenshots of the field.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { launch, tempWorkspace, openGuide, field, typeInto, invoke, guideId, ARTIFACTS } from '../lib/app.mjs';
import { waitFor } from '../lib/webdriver.mjs';
import { readPng, redPixels } from '../lib/png.mjs';

test('a misspelt word in a text area gets the spelling marker', async () => {
  const ws = tempWorkspace('spelling');
  const app = await launch(ws.db);
  after(async () => {
    await app.end();
    ws.cleanup();
  });
  await openGuide(app, 'training-infrastructure');
  const id = await guideId(app, 'training-infrastructure');
  const dictionaries = await invoke(app, 'set_spelling_languages', { id });
  assert.deepEqual(dictionaries.slice(0, 2), ['en_US', 'en'], 'the guide is in English');

  const tldr = await field(app, 'tldr');
  assert.equal(await tldr.attr('spellcheck'), 'true');
  const slug = await field(app, 'meta.slug');
  assert.equal(await slug.attr('spellcheck'), 'false', 'code-like fields are not checked');

  const shot = async (name) => {
    const png = await tldr.screenshotPng();
    writeFileSync(join(ARTIFACTS, `15-spelling-${name}.png`), png);
    return redPixels(readPng(png));
  };
  await typeInto(app, tldr, 'The labs sign power contracts with utilities. ');
  await new Promise((r) => setTimeout(r, 500));
  const clean = await shot('correct');
  await typeInto(app, tldr, 'The labs sign powre contrcats with utilties. ');
  let marked = 0;
  await waitFor(async () => (marked = await shot('misspelt')) > clean + 20, {
    timeout: 10000,
    what: `the spelling marker under the misspelt words (red pixels: ${clean} when correct)`,
  }).catch((e) => {
    throw new Error(`${e.message}; red pixels with misspellings: ${marked}`);
  });
});
