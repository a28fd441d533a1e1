// Mocked IPC for component tests: each test file does
//   vi.mock('@tauri-apps/api/core', () => ({ invoke: vi.fn() }));
// and then installs command handlers here. An unhandled command fails the call loudly.
import { invoke } from '@tauri-apps/api/core';
import { vi } from 'vitest';

export type Handler = (args: Record<string, unknown>) => unknown;

export function installIpc(handlers: Record<string, Handler>) {
  const mock = vi.mocked(invoke);
  mock.mockImplementation(async (cmd: string, args?: unknown) => {
    const h = handlers[cmd];
    if (!h) throw { code: 'internal', message: `test: no handler for command ${cmd}` };
    return h((args ?? {}) as Record<string, unknown>) as never;
  });
  return {
    mock,
    calls(cmd: string): Record<string, unknown>[] {
      return mock.mock.calls.filter((c) => c[0] === cmd).map((c) => (c[1] ?? {}) as Record<string, unknown>);
    },
  };
}

/**
 * Handlers for a store holding the one guide a test opens (the test serves `open_draft`):
 * validation, preview, capacities and saves, with a counter for revisions.
 */
export function oneGuideStore() {
  let revision = 1;
  return {
    get revision() {
      return revision;
    },
    handlers: {
      validate_guide: () => [],
      render_preview: (a: Record<string, unknown>) => {
        const g = a.guide as import('../lib/types').Guide;
        return `<!doctype html><html><body><h1>${g.meta.title}</h1><p data-path="tldr">${g.tldr}</p></body></html>`;
      },
      parse_capacity: (a: Record<string, unknown>) => {
        const m = /([\d.]+)\s*(GW|MW)/i.exec(String(a.text));
        if (!m) return null;
        return m[2].toUpperCase() === 'MW' ? Number(m[1]) / 1000 : Number(m[1]);
      },
      save_draft: (a: Record<string, unknown>) => {
        revision = (a.baseRevision as number) + 1;
        return { revision, findings: [], guide: a.guide };
      },
    } as Record<string, Handler>,
  };
}
