import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { applyPlan, planPatch, scanSpans } from './patch';

// Pages rendered by `almanac render` from content/training-infrastructure (a) and from a copy with
// the title, TL;DR, one section and one deal capacity edited (b).
const here = dirname(fileURLToPath(import.meta.url));
const pageA = readFileSync(resolve(here, '../test/data/page-a.html'), 'utf8');
const pageB = readFileSync(resolve(here, '../test/data/page-b.html'), 'utf8');

function docOf(html: string): Document {
  return new DOMParser().parseFromString(html, 'text/html');
}

describe('preview patching', () => {
  it('finds every data-path element with its extent and nesting', () => {
    const spans = scanSpans(pageA)!;
    expect(spans).not.toBeNull();
    expect(spans.length).toBe(docOf(pageA).querySelectorAll('[data-path], [id]').length);
    expect(spans.map((s) => s.path)).toEqual(
      Array.from(docOf(pageA).querySelectorAll('[data-path], [id]'), (e) => e.getAttribute('data-path') ?? '#' + e.id),
    );
    const byPath = new Map(spans.map((s, i) => [s.path, { ...s, i }]));
    const tldr = byPath.get('tldr')!;
    expect(pageA.slice(tldr.start, tldr.end)).toMatch(/^<section[^>]*data-path="tldr"[\s\S]*<\/section>$/);
    const sec = byPath.get('sections[2]')!;
    expect(spans[sec.parent].path).toBe('sections');
    expect(spans[byPath.get('sections')!.parent].path).toBe('#main');
  });

  it('replaces only the parts that changed, and the result equals the new page', () => {
    const a = scanSpans(pageA)!;
    const b = scanSpans(pageB)!;
    const plan = planPatch(pageA, a, pageB, b)!;
    expect(plan).not.toBeNull();
    expect(plan.title).toContain('A new title &amp; more');
    const paths = plan.replacements.map((r) => r.path).sort();
    expect(paths).toContain('tldr');
    expect(paths).toContain('sections[2]');
    expect(paths).not.toContain('sections[1]');
    expect(paths).not.toContain('sources');
    expect(paths).not.toContain('faq');

    const doc = docOf(pageA);
    expect(applyPlan(doc, plan, a.length)).toBe(true);
    const want = docOf(pageB);
    expect(doc.body.innerHTML).toBe(want.body.innerHTML);
    expect(doc.title).toBe(want.title);
  });

  it('plans nothing for the same page', () => {
    const a = scanSpans(pageA)!;
    expect(planPatch(pageA, a, pageA, a)).toEqual({ title: null, replacements: [] });
  });

  it('asks for a full replace when the stylesheet changes (another look)', () => {
    const dark = pageA.replace('<style>', '<style>:root{--x:1}');
    expect(planPatch(pageA, scanSpans(pageA)!, dark, scanSpans(dark)!)).toBeNull();
  });

  it('patches the footer alone when only the clock in it moved', () => {
    const a = scanSpans(pageA)!;
    const later = pageA.replace(/(<footer[\s\S]*?<time datetime=")[^"]*"/, '$12026-11-25T00:00:01.5Z"');
    expect(later).not.toBe(pageA);
    const plan = planPatch(pageA, a, later, scanSpans(later)!)!;
    expect(plan.replacements.map((r) => r.path)).toEqual(['#part-footer']);
  });

  it('asks for a full replace when the markup between parts changes', () => {
    const other = pageA.replace('Skip to content', 'Skip ahead');
    expect(planPatch(pageA, scanSpans(pageA)!, other, scanSpans(other)!)).toBeNull();
  });

  it('replaces the parent list when an item is added', () => {
    const a = scanSpans(pageA)!;
    const i = pageA.indexOf('<div class="faq-item"');
    const extra = pageA.slice(0, i) + '<div class="faq-item" data-path="faq[9]"><p>New</p></div>' + pageA.slice(i);
    const plan = planPatch(pageA, a, extra, scanSpans(extra)!)!;
    expect(plan.replacements.map((r) => r.path)).toEqual(['faq']);
    const doc = docOf(pageA);
    expect(applyPlan(doc, plan, a.length)).toBe(true);
    expect(doc.body.innerHTML).toBe(docOf(extra).body.innerHTML);
  });

  it('refuses unbalanced markup and a page that does not match the plan', () => {
    expect(scanSpans('<html><body><div data-path="x"><p>open</div></body></html>')).toBeNull();
    const a = scanSpans(pageA)!;
    const plan = planPatch(pageA, a, pageB, scanSpans(pageB)!)!;
    const doc = docOf(pageA);
    doc.querySelector('[data-path="faq"]')!.remove();
    const before = doc.body.innerHTML;
    expect(applyPlan(doc, plan, a.length)).toBe(false);
    expect(doc.body.innerHTML).toBe(before);
  });
});
