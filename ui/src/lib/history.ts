/**
 * Snapshot-based undo history. The caller records the state *before* each change; typing bursts on
 * the same field (same key, within `burstMs`) are coalesced into one step.
 */
export class History<T> {
  private undoStack: T[] = [];
  private redoStack: T[] = [];
  private lastKey: string | null = null;
  private lastAt = 0;

  constructor(
    private readonly limit = 300,
    private readonly burstMs = 1000,
    private readonly now: () => number = () => Date.now(),
  ) {}

  /**
   * Records `before` as an undo step unless this change continues a typing burst on `key`.
   * Returns true if a new step was recorded.
   */
  record(before: () => T, key: string | null = null): boolean {
    const t = this.now();
    const coalesce = key !== null && key === this.lastKey && t - this.lastAt < this.burstMs;
    this.lastKey = key;
    this.lastAt = t;
    this.redoStack = [];
    if (coalesce) return false;
    this.undoStack.push(before());
    if (this.undoStack.length > this.limit) this.undoStack.shift();
    return true;
  }

  /** Ends the current typing burst: the next change starts a new step. */
  breakBurst(): void {
    this.lastKey = null;
  }

  undo(current: T): T | null {
    const prev = this.undoStack.pop();
    if (prev === undefined) return null;
    this.redoStack.push(current);
    this.lastKey = null;
    return prev;
  }

  redo(current: T): T | null {
    const next = this.redoStack.pop();
    if (next === undefined) return null;
    this.undoStack.push(current);
    this.lastKey = null;
    return next;
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
