// The window's layout and its keyboard regions.

/** Below this width the library is a rail that opens as a drawer (app.css has the same query). */
export const LAYOUT_NARROW = '(max-width: 1199px)';

/** The regions F6 and Shift+F6 move between. The Compare view stands for the form and the pane while it is open. */
export type Region = 'library' | 'form' | 'pane' | 'compare';

/** The region after (or, with `back`, before) `from` in `order`; from outside every region, the first (or the last). */
export function nextRegion(order: Region[], from: Region | null, back: boolean): Region {
  const i = from === null ? -1 : order.indexOf(from);
  if (i < 0) return back ? order[order.length - 1] : order[0];
  return order[(i + (back ? order.length - 1 : 1)) % order.length];
}
