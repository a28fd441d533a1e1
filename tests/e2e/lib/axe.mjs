// axe-core in the real window: the source of ui/node_modules/axe-core/axe.min.js is run through
// WebDriver script execution in the browsing context the session is in (the app page, or a
// frame it switched to: the sandboxed preview and report frames run no script of their own, but
// WebDriver's scripts run there). Also a dark look on demand: the rules of the context's
// `@media (prefers-color-scheme: dark)` blocks applied unconditionally, as a system set to dark
// would apply them.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './app.mjs';

const AXE_SOURCE = readFileSync(join(ROOT, 'ui/node_modules/axe-core/axe.min.js'), 'utf8');

/** Impacts that fail a check. */
export const BLOCKING = ['serious', 'critical'];

/**
 * Runs axe on the current browsing context's document (frames inside it are not entered: each
 * is checked on its own) and returns { violations, incomplete }: each { id, impact, help,
 * nodes: [{ target, summary }] }. `incomplete` is what axe could not decide (needs review), less
 * frame-tested (the frames are checked on their own).
 */
export async function runAxe(session) {
  try {
    return await runAxeOnce(session);
  } catch (e) {
    // A frame whose document the app replaced while axe ran (the preview re-renders when its
    // clock's minute turns) leaves axe waiting on a dead document, or marked as running: start
    // again once with a fresh copy of axe in the current document.
    if (!/timeout|already running/i.test(String(e && e.message))) throw e;
    await session.exec('delete window.axe; window.__e2eParentTimers = false;');
    return runAxeOnce(session);
  }
}

async function runAxeOnce(session) {
  await session.cmd('POST', '/timeouts', { script: 45000 });
  // A frame sandboxed without allow-scripts runs none of its own timers, and axe pauses between
  // rules with setTimeout: there, its timers are the parent page's.
  await session.exec(
    `if (window.parent !== window && !window.__e2eParentTimers) {
       const p = window.parent;
       window.setTimeout = (fn, ms, ...args) => p.setTimeout(() => fn(...args), ms);
       window.clearTimeout = (id) => p.clearTimeout(id);
       window.__e2eParentTimers = true;
     }`,
  );
  const version = await session.exec(
    `if (typeof window.axe === 'undefined') {\n${AXE_SOURCE}\n}\nreturn window.axe ? window.axe.version : null;`,
  );
  if (!version) throw new Error('axe-core did not load in the page');
  const out = await session.execAsync(
    `const done = arguments[0];
     const brief = (list) => list.map((v) => ({
       id: v.id,
       impact: v.impact,
       help: v.help,
       nodes: v.nodes.map((n) => ({ target: n.target.join(' '), summary: n.failureSummary ?? n.any?.[0]?.message ?? '' })),
     }));
     window.axe
       .run(document, { iframes: false, resultTypes: ['violations', 'incomplete'] })
       .then((r) => done({ ok: { violations: brief(r.violations), incomplete: brief(r.incomplete.filter((v) => v.id !== 'frame-tested')) } }),
         (e) => done({ err: String((e && e.stack) || e) }));`,
  );
  if ('err' in out) throw new Error(`axe.run failed: ${out.err}`);
  return out.ok;
}

/** One line per violation and up to `max` of its elements, for a log. */
export function describeViolations(violations, max = 6) {
  const lines = [];
  for (const v of violations) {
    lines.push(`  [${v.impact}] ${v.id}: ${v.help} (${v.nodes.length} element${v.nodes.length === 1 ? '' : 's'})`);
    for (const n of v.nodes.slice(0, max)) {
      const summary = (n.summary ?? '').split('\n').filter(Boolean).slice(1, 3).join(' / ').trim();
      lines.push(`      ${n.target}${summary ? ` — ${summary}` : ''}`);
    }
    if (v.nodes.length > max) lines.push(`      … and ${v.nodes.length - max} more`);
  }
  return lines.join('\n');
}

/**
 * Gives the current browsing context the dark look its CSS has for `prefers-color-scheme: dark`
 * (`on`), or takes it away. The rules of those media blocks are added through the CSSOM (no
 * style element, which a CSP could refuse) at the end of the last style sheet, inside an
 * `@supports (--e2e-dark: 1)` block that marks them, with `color-scheme: dark` so the engine's
 * own controls follow. Returns how many rules it applied.
 */
export function emulateDark(session, on) {
  return session.exec(
    `const on = arguments[0];
     const MARK = '(--e2e-dark: 1)';
     const sheets = [...document.styleSheets];
     for (const sheet of sheets) {
       for (let i = sheet.cssRules.length - 1; i >= 0; i--) {
         if (sheet.cssRules[i] instanceof CSSSupportsRule && sheet.cssRules[i].conditionText === MARK) sheet.deleteRule(i);
       }
     }
     if (!on) return 0;
     const rules = [];
     const visit = (list) => {
       for (const r of list) {
         if (r instanceof CSSMediaRule && /prefers-color-scheme:\\s*dark/.test(r.conditionText ?? r.media.mediaText)) {
           for (const inner of r.cssRules) rules.push(inner.cssText);
         } else if (r.cssRules) visit(r.cssRules);
       }
     };
     for (const sheet of sheets) visit(sheet.cssRules);
     const last = sheets[sheets.length - 1];
     last.insertRule('@supports ' + MARK + ' { :root { color-scheme: dark; }\\n' + rules.join('\\n') + ' }', last.cssRules.length);
     return rules.length;`,
    on,
  );
}
