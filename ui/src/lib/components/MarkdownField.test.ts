import { beforeEach, describe, expect, it, vi } from 'vitest';
vi.mock('@tauri-apps/api/core', () => ({ invoke: vi.fn() }));
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { tick } from 'svelte';
import EditorHarness from '../../test/EditorHarness.svelte';
import { draftOf, smallGuide } from '../../test/fixtures';
import { installIpc, oneGuideStore } from '../../test/ipc';
import { editor } from '../editor.svelte';

const field = (p: string) => document.querySelector<HTMLTextAreaElement | HTMLInputElement>(`[data-path="${p}"]:is(input, textarea)`)!;

/**
 * Watches the editor's public edit API: a helper or paste is one undo step when it is exactly one
 * edit between two ends of a typing burst (the history starts a step after a burst ends and the
 * next edit starts another).
 */
function watchSteps() {
  const order: string[] = [];
  vi.spyOn(editor, 'edit').mockImplementation(function (this: typeof editor, ...args: Parameters<typeof editor.edit>) {
    order.push('edit');
    const g = this.guide;
    if (g) args[0](g);
  });
  vi.spyOn(editor, 'breakBurst').mockImplementation(() => void order.push('break'));
  return {
    /** The calls since the last look, and forget them. */
    take(): string[] {
      return order.splice(0);
    },
  };
}

/** A paste event carrying `html` (and `text`) as the system clipboard would. */
function paste(el: HTMLElement, html: string, text = '') {
  const data = { getData: (t: string) => (t === 'text/html' ? html : t === 'text/plain' ? text : '') };
  const e = new Event('paste', { bubbles: true, cancelable: true });
  Object.defineProperty(e, 'clipboardData', { value: data });
  el.dispatchEvent(e);
  return e;
}

describe('Markdown fields', () => {
  beforeEach(() => {
    installIpc(oneGuideStore().handlers);
    const g = smallGuide();
    g.sections[0].body = 'Alpha\nBeta';
    editor.load(draftOf(g));
  });

  it('are the fields the shape calls Markdown, and list their shortcuts', () => {
    render(EditorHarness);
    for (const p of ['tldr', 'takeaways[0].text', 'sections[0].body', 'deals.footnote', 'faq[0].answer']) {
      expect(field(p).dataset.markdown, p).toMatch(/inline|block/);
    }
    for (const p of ['meta.title', 'sections[0].heading', 'sources[0].summary']) expect(field(p).dataset.markdown, p).toBeUndefined();
    const body = field('sections[0].body');
    const hint = document.getElementById(
      body
        .getAttribute('aria-describedby')!
        .split(' ')
        .find((x) => x.endsWith('-hint'))!,
    )!;
    expect(hint).toHaveTextContent('Ctrl+B bold · Ctrl+I italic · Ctrl+K link · Ctrl+Shift+7 numbered list · Ctrl+Shift+8 bulleted list');
    expect(within(field('tldr').closest('.field')!).getByTestId('md-keys')).not.toHaveTextContent('Ctrl+Shift');
  });

  it('Ctrl+B makes the selection bold, and one undo takes it back', async () => {
    render(EditorHarness);
    const tldr = field('tldr') as HTMLTextAreaElement;
    tldr.focus();
    tldr.setSelectionRange(2, 7); // "short"
    const steps = watchSteps();
    await fireEvent.keyDown(tldr, { key: 'b', code: 'KeyB', ctrlKey: true });
    expect(editor.guide!.tldr).toBe('A **short** summary.');
    expect(steps.take()).toEqual(['break', 'edit', 'break']);
    await tick();
    expect(tldr.value.slice(tldr.selectionStart!, tldr.selectionEnd!)).toBe('short');
  });

  it('a helper right after typing is its own undo step', async () => {
    const user = userEvent.setup();
    render(EditorHarness);
    const tldr = field('tldr') as HTMLTextAreaElement;
    const steps = watchSteps();
    await user.click(tldr);
    await user.type(tldr, ' More');
    expect(editor.guide!.tldr).toBe('A short summary. More');
    expect(steps.take().filter((x) => x === 'break').length).toBe(1); // the focus
    tldr.setSelectionRange(17, 21);
    await fireEvent.keyDown(tldr, { key: 'i', code: 'KeyI', ctrlKey: true });
    expect(editor.guide!.tldr).toBe('A short summary. *More*');
    expect(steps.take()).toEqual(['break', 'edit', 'break']);
  });

  it('Ctrl+Shift+7 numbers the selected lines of a block field', async () => {
    render(EditorHarness);
    const body = field('sections[0].body') as HTMLTextAreaElement;
    body.focus();
    body.setSelectionRange(0, body.value.length);
    await fireEvent.keyDown(body, { key: '&', code: 'Digit7', ctrlKey: true, shiftKey: true });
    expect(editor.guide!.sections[0].body).toBe('1. Alpha\n2. Beta');
    await fireEvent.keyDown(body, { key: '*', code: 'Digit8', ctrlKey: true, shiftKey: true });
    expect(editor.guide!.sections[0].body).toBe('- Alpha\n- Beta');
  });

  it('Ctrl+K asks for the address, explains a refused one, and links the selection', async () => {
    const user = userEvent.setup();
    render(EditorHarness);
    const tldr = field('tldr') as HTMLTextAreaElement;
    tldr.focus();
    tldr.setSelectionRange(8, 15); // "summary"
    await fireEvent.keyDown(tldr, { key: 'k', code: 'KeyK', ctrlKey: true });
    await tick();
    const url = screen.getByTestId('md-link-url');
    expect(url).toHaveFocus();
    await user.type(url, 'javascript:alert(1){Enter}');
    expect(screen.getByTestId('md-link-error')).toHaveTextContent('does not link “javascript:” addresses');
    expect(url).toHaveAttribute('aria-invalid', 'true');
    expect(editor.guide!.tldr).toBe('A short summary.');
    await user.clear(url);
    const steps = watchSteps();
    await user.type(url, 'https://example.org/s{Enter}');
    expect(editor.guide!.tldr).toBe('A short [summary](https://example.org/s).');
    expect(steps.take().filter((x) => x === 'edit')).toEqual(['edit']);
    expect(screen.queryByTestId('md-link')).toBeNull();
    expect(tldr).toHaveFocus();
  });

  it('a rich-text paste arrives as Markdown without what the page refuses, undone in one step', async () => {
    render(EditorHarness);
    const body = field('sections[0].body') as HTMLTextAreaElement;
    body.focus();
    body.setSelectionRange(body.value.length, body.value.length);
    const steps = watchSteps();
    const e = paste(
      body,
      '<p>From <b>the web</b> <a href="https://example.org">here</a><script>alert(1)</script><img src="x.png" alt="x"></p><ul><li>one</li><li>two</li></ul>',
      'From the web here one two',
    );
    expect(e.defaultPrevented).toBe(true);
    expect(editor.guide!.sections[0].body).toBe('Alpha\nBeta\n\n' + 'From **the web** [here](https://example.org)\n\n- one\n- two');
    expect(steps.take()).toEqual(['break', 'edit', 'break']);
  });

  it('a plain-text paste, and any paste into a plain field, is left to the text box', () => {
    render(EditorHarness);
    expect(paste(field('sections[0].body'), '', 'plain').defaultPrevented).toBe(false);
    expect(paste(field('meta.title'), '<b>x</b>', 'x').defaultPrevented).toBe(false);
  });
});
