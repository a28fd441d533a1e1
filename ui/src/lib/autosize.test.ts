import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { autosize, SHRINK_AFTER } from './autosize';

/** A text area whose layout is simulated: one line is 20 px, its text's lines are its newlines + 1. */
function area(text: string) {
  const el = document.createElement('textarea');
  el.value = text;
  document.body.append(el);
  const log: string[] = [];
  const lines = () => el.value.split('\n').length;
  Object.defineProperty(el, 'scrollHeight', {
    get() {
      log.push(`read:${el.style.height || 'none'}`);
      const own = el.style.height === 'auto' || !el.style.height ? 0 : parseInt(el.style.height, 10) - 2;
      return Math.max(lines() * 20, own);
    },
  });
  Object.defineProperty(el, 'clientHeight', {
    get: () => (el.style.height && el.style.height !== 'auto' ? parseInt(el.style.height, 10) - 2 : lines() * 20),
  });
  return { el, log };
}

describe('autosize', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.stubGlobal('requestAnimationFrame', (f: FrameRequestCallback) => setTimeout(() => f(0), 0));
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
    document.body.innerHTML = '';
  });

  it('fits a new text area to its text', () => {
    const { el } = area('a\nb\nc');
    autosize(el, el.value);
    vi.advanceTimersByTime(1);
    expect(el.style.height).toBe('62px');
  });

  /** A text area fitted to `text`, its measurement log cleared. */
  function fitted(text: string) {
    const { el, log } = area(text);
    const action = autosize(el, el.value)!;
    vi.advanceTimersByTime(1);
    log.length = 0;
    /** Types `next` (the action is told, as Svelte tells it) and lets the frame run. */
    const type = (next: string) => {
      el.value = next;
      action.update!(el.value);
      vi.advanceTimersByTime(1);
    };
    const collapsed = () => log.some((l) => l.endsWith('auto'));
    return { el, type, collapsed };
  }

  it('grows with the text at once, without collapsing the text area first', () => {
    const { el, type, collapsed } = fitted('a');
    type('a\nb');
    expect(el.style.height).toBe('42px');
    expect(collapsed()).toBe(false);
  });

  it('shrinks to a shorter text once typing pauses', () => {
    const { el, type, collapsed } = fitted('a\nb\nc');
    type('a');
    expect(el.style.height).toBe('62px');
    expect(collapsed()).toBe(false);
    vi.advanceTimersByTime(SHRINK_AFTER + 1);
    expect(el.style.height).toBe('22px');
  });
});
