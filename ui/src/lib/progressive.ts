// Progressive rendering of long lists: the first part at once, the rest in chunks after the
// first paint, so the first frame stays small.

/** How many changes (fields and items) the diff view renders in its first frame. */
export const FIRST_CHANGES = 24;
/** How many more it adds per later chunk. */
export const CHUNK_CHANGES = 40;

/**
 * Runs `fn` once the current frame has been painted: a `requestAnimationFrame` callback runs just
 * before the paint, and the `setTimeout` inside it runs after. Returns a function that cancels it.
 */
export function afterPaint(fn: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let frame: number | undefined;
  let cancelled = false;
  const later = () => {
    if (!cancelled) timer = setTimeout(() => !cancelled && fn(), 0);
  };
  if (typeof requestAnimationFrame === 'function') frame = requestAnimationFrame(later);
  else later();
  return () => {
    cancelled = true;
    if (frame !== undefined && typeof cancelAnimationFrame === 'function') cancelAnimationFrame(frame);
    if (timer !== undefined) clearTimeout(timer);
  };
}
