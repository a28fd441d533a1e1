// Transient notices at the bottom of the window, optionally with one action ("Undo").
export interface Toast {
  id: number;
  message: string;
  kind: 'info' | 'error';
  /** Lines under the message (a sync's renames and refusals). */
  details?: string[];
  action?: { label: string; run: () => void | Promise<void> };
}

class Toasts {
  items = $state<Toast[]>([]);
  private next = 1;

  show(message: string, opts: { kind?: 'info' | 'error'; action?: Toast['action']; ms?: number; details?: string[] } = {}): number {
    const id = this.next++;
    const details = opts.details?.length ? opts.details : undefined;
    this.items.push({ id, message, kind: opts.kind ?? 'info', action: opts.action, details });
    const ms = opts.ms ?? (opts.action ? 8000 : 4000);
    if (ms > 0) setTimeout(() => this.dismiss(id), ms);
    return id;
  }

  error(message: string): number {
    return this.show(message, { kind: 'error', ms: 8000 });
  }

  dismiss(id: number): void {
    this.items = this.items.filter((t) => t.id !== id);
  }
}

export const toasts = new Toasts();
