/**
 * Undo history of patches. A step is the patches of one change with their inverses (which the
 * shell answers with): undoing applies the inverses in reverse order, redoing the patches again,
 * and each answers with the other's patches, so a step stays exact however often it goes back
 * and forth. Typing bursts on the same field (same key, within `burstMs`) are one step; a set of
 * a field the step already sets keeps the step's first inverse.
 */
import type { Patch } from './bindings/Patch';

/** One patch of a step and its inverse (null until the shell answered). */
export interface Entry {
  fwd: Patch;
  inv: Patch | null;
}

export type Step = Entry[];

export class History {
  private undoStack: Step[] = [];
  private redoStack: Step[] = [];
  private lastKey: string | null = null;
  private lastAt = 0;

  constructor(
    private readonly limit = 300,
    private readonly burstMs = 1000,
    private readonly now: () => number = () => Date.now(),
  ) {}

  /**
   * Records a change's patches, as a new step or (continuing a typing burst on `key`) into the
   * last one, with the `inverses` known already. Returns, per patch, the entry whose inverse the
   * shell's answer fills in, or null when the step already holds the inverse that matters (a
   * set of the same field).
   */
  record(patches: Patch[], key: string | null = null, inverses: (Patch | null)[] = []): (Entry | null)[] {
    const t = this.now();
    const top = this.undoStack.at(-1);
    const coalesce = key !== null && key === this.lastKey && t - this.lastAt < this.burstMs && top !== undefined;
    this.lastKey = key;
    this.lastAt = t;
    this.redoStack = [];
    const step: Step = coalesce ? top : [];
    const out = patches.map((fwd, i) => {
      if (fwd.op === 'set') {
        const same = step.find((e) => e.fwd.op === 'set' && e.fwd.path === fwd.path);
        if (same) {
          same.fwd = fwd;
          return null;
        }
      }
      const e: Entry = { fwd, inv: inverses[i] ?? null };
      step.push(e);
      return e;
    });
    if (!coalesce) {
      this.undoStack.push(step);
      if (this.undoStack.length > this.limit) this.undoStack.shift();
    }
    return out;
  }

  /** Ends the current typing burst: the next change starts a new step. */
  breakBurst(): void {
    this.lastKey = null;
  }

  /** Takes the step to undo (its inverses, in the order to apply them, are `undoPatches`). */
  undo(): Step | null {
    const s = this.undoStack.pop();
    if (!s) return null;
    this.redoStack.push(s);
    this.lastKey = null;
    return s;
  }

  /** Takes the step to redo. */
  redo(): Step | null {
    const s = this.redoStack.pop();
    if (!s) return null;
    this.undoStack.push(s);
    this.lastKey = null;
    return s;
  }

  get canUndo(): boolean {
    return this.undoStack.length > 0;
  }
  get canRedo(): boolean {
    return this.redoStack.length > 0;
  }

  clear(): void {
    this.undoStack = [];
    this.redoStack = [];
    this.lastKey = null;
  }
}

/** The patches that undo a step, in order (null when an inverse has not arrived). */
export function undoPatches(s: Step): Patch[] | null {
  const out: Patch[] = [];
  for (let i = s.length - 1; i >= 0; i--) {
    const inv = s[i].inv;
    if (!inv) return null;
    out.push(inv);
  }
  return out;
}

/** The patches that redo a step, in order. */
export function redoPatches(s: Step): Patch[] {
  return s.map((e) => e.fwd);
}
