import type { Action } from 'svelte/action';

// Fits are batched per animation frame (all writes, one layout, all reads, all writes), so opening
// a large guide with hundreds of text areas costs one layout, not one per text area.
//
// A keystroke must not cost more than that one layout. A text area whose text grew is fitted
// from its scroll height as it stands (it only ever needs to grow). Measuring whether a text
// that got shorter fits in fewer lines means collapsing the text area to `auto` first, which lays
// the whole form out twice: that fit waits until typing in it pauses (`SHRINK_AFTER`).
const full = new Set<HTMLTextAreaElement>();
const grow = new Set<HTMLTextAreaElement>();
const lengths = new WeakMap<HTMLTextAreaElement, number>();
const shrinkTimers = new WeakMap<HTMLTextAreaElement, ReturnType<typeof setTimeout>>();
let scheduled = false;

/** How long after the last change a text area that got shorter is fitted down to its text. */
export const SHRINK_AFTER = 350;

function flush() {
  scheduled = false;
  const whole = [...full].filter((el) => el.isConnected);
  const growing = [...grow].filter((el) => el.isConnected && !full.has(el));
  full.clear();
  grow.clear();
  for (const el of whole) el.style.height = 'auto';
  const wholeHeights = whole.map((el) => el.scrollHeight);
  const overflow = growing.map((el) => (el.scrollHeight > el.clientHeight ? el.scrollHeight : 0));
  const fit = (el: HTMLTextAreaElement, h: number) => {
    const px = `${h + 2}px`;
    if (h > 0 && el.style.height !== px) el.style.height = px;
  };
  whole.forEach((el, i) => fit(el, wholeHeights[i]));
  growing.forEach((el, i) => fit(el, overflow[i]));
}

function request() {
  if (scheduled) return;
  scheduled = true;
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(flush);
  else setTimeout(flush, 0);
}

function schedule(el: HTMLTextAreaElement) {
  const len = el.value.length;
  const before = lengths.get(el);
  lengths.set(el, len);
  if (before === undefined) {
    full.add(el);
  } else {
    grow.add(el);
    if (len < before || shrinkTimers.has(el)) {
      clearTimeout(shrinkTimers.get(el));
      shrinkTimers.set(
        el,
        setTimeout(() => {
          shrinkTimers.delete(el);
          full.add(el);
          request();
        }, SHRINK_AFTER),
      );
    }
  }
  request();
}

/**
 * Svelte action: a textarea grows with its text (up to its CSS max-height, then it scrolls), and
 * shrinks to it once typing pauses. Pass the value so the height follows programmatic changes
 * too (undo, restore): every change of it refits the height.
 */
export const autosize: Action<HTMLTextAreaElement, string> = (el) => {
  schedule(el);
  return {
    update: () => schedule(el),
    destroy: () => {
      clearTimeout(shrinkTimers.get(el));
      shrinkTimers.delete(el);
    },
  };
};
