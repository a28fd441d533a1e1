import type { Action } from 'svelte/action';

// Fits are batched per animation frame (all writes, one layout, all reads, all writes), so opening
// a large guide with hundreds of text areas costs one layout, not one per text area.
const queue = new Set<HTMLTextAreaElement>();
let scheduled = false;

function flush() {
  scheduled = false;
  const els = [...queue].filter((el) => el.isConnected);
  queue.clear();
  for (const el of els) el.style.height = 'auto';
  const heights = els.map((el) => el.scrollHeight);
  els.forEach((el, i) => {
    if (heights[i] > 0) el.style.height = `${heights[i] + 2}px`;
  });
}

function schedule(el: HTMLTextAreaElement) {
  queue.add(el);
  if (scheduled) return;
  scheduled = true;
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(flush);
  else setTimeout(flush, 0);
}

/**
 * Svelte action: a textarea grows with its text (up to its CSS max-height, then it scrolls).
 * Pass the value so the height follows programmatic changes too (undo, restore): every change of
 * it refits the height.
 */
export const autosize: Action<HTMLTextAreaElement, string> = (el) => {
  schedule(el);
  return { update: () => schedule(el) };
};
