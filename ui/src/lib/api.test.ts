import { beforeEach, describe, expect, it, vi } from 'vitest';
vi.mock('@tauri-apps/api/core', () => ({ invoke: vi.fn() }));
import { invoke } from '@tauri-apps/api/core';
import * as api from './api';
import { ApiError, toApiError } from './api';
import { smallGuide } from '../test/fixtures';

describe('typed client', () => {
  beforeEach(() => {
    vi.mocked(invoke).mockReset();
  });

  it('maps a {code, message} rejection to an ApiError with that code', async () => {
    vi.mocked(invoke).mockRejectedValue({ code: 'store.conflict', message: 'The draft is at revision 7.' });
    const err = await api.saveDraft(3, 6, smallGuide()).catch((e) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err.code).toBe('store.conflict');
    expect(err.message).toBe('The draft is at revision 7.');
    expect(api.isConflict(err)).toBe(true);
    expect(api.isCancelled(err)).toBe(false);
  });

  it('passes camelCase argument keys and returns the typed value', async () => {
    vi.mocked(invoke).mockResolvedValue({ revision: 8, findings: [], guide: smallGuide() });
    const out = await api.saveDraft(3, 7, smallGuide());
    expect(out.revision).toBe(8);
    const [cmd, args] = vi.mocked(invoke).mock.calls[0];
    expect(cmd).toBe('save_draft');
    expect(Object.keys(args as object).sort()).toEqual(['baseRevision', 'guide', 'id']);
    expect((args as { baseRevision: number }).baseRevision).toBe(7);
  });

  it('sends a full ListQuery with nulls for absent filters', async () => {
    vi.mocked(invoke).mockResolvedValue([]);
    await api.listGuides({ text: 'gw' });
    expect(vi.mocked(invoke).mock.calls[0]).toEqual(['list_guides', { query: { text: 'gw', state: null, sort: 'updated' } }]);
  });

  it('turns plain-string errors (Tauri argument errors) into code "internal"', async () => {
    vi.mocked(invoke).mockRejectedValue('invalid args `id` for command `open_draft`');
    const err = await api.openDraft(1).catch((e) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err.code).toBe('internal');
    expect(err.message).toContain('invalid args');
  });

  it('reports a missing IPC bridge as "ipc.unavailable" rather than a raw TypeError', () => {
    const err = toApiError(new TypeError("Cannot read properties of undefined (reading 'invoke')"));
    expect(err.code).toBe('ipc.unavailable');
  });

  it('keeps dialog cancellation recognisable', async () => {
    vi.mocked(invoke).mockRejectedValue({ code: 'dialog.cancelled', message: 'No folder chosen.' });
    const err = await api.importBundle(null, 'new_guide').catch((e) => e);
    expect(api.isCancelled(err)).toBe(true);
    expect(vi.mocked(invoke).mock.calls[0]).toEqual(['import_bundle', { path: null, mode: 'new_guide' }]);
  });

  it('falls back to the code when a rejection has no message', () => {
    expect(toApiError({ code: 'io' }).message).toBe('io');
    expect(toApiError(42).code).toBe('internal');
  });
  it('sends the shared library commands with their camelCase arguments', async () => {
    vi.mocked(invoke).mockResolvedValue(null);
    const g = smallGuide();
    await api.libraryStatus();
    await api.linkLibrary('/srv/almanac.git');
    await api.syncLibrary();
    await api.checkLibrary();
    await api.reviewLog(7);
    await api.mergeOffers(7);
    await api.mergePreview(7, 3, g);
    await api.mergeResolve(7, 3, g, { tldr: { kind: 'theirs' } });
    await api.recordMerge(7, 3);
    await api.siteTarget();
    await api.setSiteTarget('/srv/site.git');
    await api.publishSite();
    expect(vi.mocked(invoke).mock.calls).toEqual([
      ['library_status', undefined],
      ['link_library', { remote: '/srv/almanac.git' }],
      ['sync_library', undefined],
      ['check_library', undefined],
      ['review_log', { id: 7 }],
      ['merge_offers', { id: 7 }],
      ['merge_preview', { id: 7, versionId: 3, draft: g }],
      ['merge_resolve', { id: 7, versionId: 3, draft: g, choices: { tldr: { kind: 'theirs' } } }],
      ['record_merge', { id: 7, versionId: 3 }],
      ['site_target', undefined],
      ['set_site_target', { target: '/srv/site.git' }],
      ['publish_site', undefined],
    ]);
  });
});
