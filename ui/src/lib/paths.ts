// Field paths as validation reports them: `meta.title`, `deals[3].partner`, `deals.caption`.
import { LIMITS } from './shape';

/** The path and its ancestors, most specific first: `deals[3].partner`, `deals[3]`, `deals`. */
export function pathAncestors(path: string): string[] {
  const out: string[] = [];
  let p = path;
  while (p) {
    out.push(p);
    const cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
    if (cut <= 0) break;
    p = p.slice(0, cut);
  }
  return out;
}

/** The top-level part a path belongs to: `deals[3].partner` → `deals`, `meta.title` → `meta`. */
export function partOf(path: string): string {
  const m = /^[a-z_]+/.exec(path);
  return m ? m[0] : path;
}

function cssEscape(s: string): string {
  return typeof CSS !== 'undefined' && typeof CSS.escape === 'function' ? CSS.escape(s) : s.replace(/["\\\][]/g, '\\$&');
}

/** The element for `path` in `root`, or the nearest ancestor path that has one. */
export function findByPath(root: ParentNode, path: string): HTMLElement | null {
  for (const p of pathAncestors(path)) {
    const el = root.querySelector<HTMLElement>(`[data-path="${cssEscape(p)}"]`);
    if (el) return el;
  }
  return null;
}

const FIELDS = 'input:not([disabled]), textarea:not([disabled]), select:not([disabled])';
const FOCUSABLE = FIELDS + ', button:not([disabled])';

/** Scrolls the editor field for `path` into view and focuses it (or its first control). */
export function jumpToField(root: ParentNode, path: string): HTMLElement | null {
  const el = findByPath(root, path);
  if (!el) return null;
  const target = el.matches(FOCUSABLE) ? el : (el.querySelector<HTMLElement>(FIELDS) ?? el.querySelector<HTMLElement>(FOCUSABLE));
  el.scrollIntoView?.({ block: 'center', behavior: 'auto' });
  (target ?? el).focus({ preventScroll: true });
  return target ?? el;
}

/** Makes a slug from a title: lowercase ASCII letters, digits and single hyphens, as long as a slug may be. */
export function slugify(title: string): string {
  return title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, LIMITS.slug_max)
    .replace(/-+$/g, '');
}
