// The library's link to a shared library: its status, whether a sync is running, and the quiet
// check for colleagues' changes. The app runs syncs and shows their outcome.
import * as api from './api';
import type { LibraryStatus } from './types';

export class SharedLibrary {
  status = $state<LibraryStatus | null>(null);
  /** A sync (or a link, which syncs) is under way. */
  syncing = $state(false);
  linked = $derived(!!this.status?.remote);

  /** Reads the link's status; a failure leaves the last one (the app works unlinked). */
  async loadStatus(): Promise<void> {
    try {
      this.status = await api.libraryStatus();
    } catch {
      /* unlinked or not reachable: nothing to show */
    }
  }

  /**
   * Asks the shared library what changed there, without bringing anything in. Quiet: a failure
   * (offline, say) shows nothing. Resolves true when the check ran.
   */
  async check(): Promise<boolean> {
    if (!this.linked || this.syncing) return false;
    try {
      const behind = await api.checkLibrary();
      if (this.status) this.status = { ...this.status, behind };
      return true;
    } catch {
      return false;
    }
  }
}

export const shared = new SharedLibrary();
