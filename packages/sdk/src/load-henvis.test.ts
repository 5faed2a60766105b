// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Henvis } from './embed.js';

const fakeHenvis: Henvis = { version: 'test', mount: vi.fn() };

/**
 * Decides what the next appended script does: happy-dom reports a script as loaded without running it, so a
 * "script" that defines window.Henvis is one that sets it while being appended; a failing one fires `error`.
 */
function whenScriptAppended(outcome: 'load' | 'load-without-global' | 'error') {
  const append = vi.spyOn(document.head, 'append').mockImplementationOnce((...nodes) => {
    if (outcome === 'error') return void (nodes[0] as HTMLScriptElement).dispatchEvent(new Event('error'));
    if (outcome === 'load') window.Henvis = fakeHenvis;
    HTMLElement.prototype.append.call(document.head, ...nodes); // happy-dom fires `load` here
  });
  return append;
}

beforeEach(() => {
  (
    window as unknown as { happyDOM: { settings: { handleDisabledFileLoadingAsSuccess: boolean } } }
  ).happyDOM.settings.handleDisabledFileLoadingAsSuccess = true;
});

afterEach(() => {
  delete window.Henvis;
  document.head.innerHTML = '';
  vi.restoreAllMocks();
  vi.resetModules();
});

describe('loadHenvis', () => {
  it('loads the script once, however often it is called', async () => {
    const { loadHenvis } = await import('./load-henvis.js');
    const append = whenScriptAppended('load');
    const [a, b] = await Promise.all([
      loadHenvis({ remoteUrl: 'http://w.test/henvis.js' }),
      loadHenvis({ remoteUrl: 'http://w.test/henvis.js' }),
    ]);
    expect(a).toBe(fakeHenvis);
    expect(b).toBe(fakeHenvis);
    expect(append).toHaveBeenCalledTimes(1);
    expect(document.querySelectorAll('script[data-henvis]')).toHaveLength(1);
    expect(await loadHenvis({ remoteUrl: 'http://w.test/henvis.js' })).toBe(fakeHenvis);
  });

  it('forgets a failed load, removes its script, and retries on the next call', async () => {
    const { loadHenvis } = await import('./load-henvis.js');
    whenScriptAppended('error');
    await expect(loadHenvis({ remoteUrl: 'http://w.test/henvis.js' })).rejects.toMatchObject({ code: 'network_error' });
    expect(document.querySelectorAll('script[data-henvis]')).toHaveLength(0);
    whenScriptAppended('load');
    expect(await loadHenvis({ remoteUrl: 'http://w.test/henvis.js' })).toBe(fakeHenvis);
  });

  it('gives up on a tag that never answers (a host tag that failed before we listened), and retries afresh', async () => {
    vi.useFakeTimers();
    try {
      const { loadHenvis } = await import('./load-henvis.js');
      document.head.innerHTML = '<script src="http://w.test/henvis.js"></script>'; // failed already: no event will come
      const first = loadHenvis({ remoteUrl: 'http://w.test/henvis.js' });
      const outcome = expect(first).rejects.toMatchObject({ code: 'timeout' });
      await vi.advanceTimersByTimeAsync(30_000);
      await outcome;
      expect(document.querySelectorAll('script[src]')).toHaveLength(0);
      const append = whenScriptAppended('load');
      expect(await loadHenvis({ remoteUrl: 'http://w.test/henvis.js' })).toBe(fakeHenvis);
      expect(append).toHaveBeenCalledTimes(1);
    } finally {
      vi.useRealTimers();
    }
  });

  it('uses a script tag with the same URL already on the page instead of adding a second', async () => {
    const { loadHenvis } = await import('./load-henvis.js');
    document.head.innerHTML = '<script src="http://w.test/henvis.js"></script>'; // as a host's page has it; not loaded yet
    const append = vi.spyOn(document.head, 'append');
    const loaded = loadHenvis({ remoteUrl: 'http://w.test/henvis.js' });
    const tag = document.querySelector('script')!;
    window.Henvis = fakeHenvis;
    tag.dispatchEvent(new Event('load'));
    expect(await loaded).toBe(fakeHenvis);
    expect(append).not.toHaveBeenCalled();
    expect(document.querySelectorAll('script')).toHaveLength(1);
  });

  it('gives a second call with the same URL the same promise', async () => {
    const { loadHenvis } = await import('./load-henvis.js');
    whenScriptAppended('load');
    const first = loadHenvis({ remoteUrl: 'http://w.test/henvis.js' });
    expect(loadHenvis({ remoteUrl: 'http://w.test/henvis.js' })).toBe(first);
    await first;
    expect(loadHenvis({ remoteUrl: 'http://w.test/henvis.js' })).toBe(first);
  });

  it('refuses a second call with another URL, with a typed error, and keeps the first load', async () => {
    const { loadHenvis } = await import('./load-henvis.js');
    const { HenvisError } = await import('./henvis-error.js'); // the loader's own copy: modules are reset per test
    const append = whenScriptAppended('load');
    const first = loadHenvis({ remoteUrl: 'http://w.test/henvis.js' });
    const other = loadHenvis({ remoteUrl: 'http://w.test/v2/henvis.js' });
    await expect(other).rejects.toBeInstanceOf(HenvisError);
    await expect(other).rejects.toMatchObject({
      code: 'loader_url_conflict',
      status: 0,
      retryable: false,
      message: expect.stringContaining('http://w.test/v2/henvis.js'),
    });
    expect(await first).toBe(fakeHenvis);
    await expect(loadHenvis({ remoteUrl: 'http://w.test/v2/henvis.js' })).rejects.toMatchObject({ code: 'loader_url_conflict' });
    expect(append).toHaveBeenCalledTimes(1);
  });

  it('after a failed load, takes another URL too', async () => {
    const { loadHenvis } = await import('./load-henvis.js');
    whenScriptAppended('error');
    await expect(loadHenvis({ remoteUrl: 'http://w.test/henvis.js' })).rejects.toMatchObject({ code: 'network_error' });
    whenScriptAppended('load');
    expect(await loadHenvis({ remoteUrl: 'http://w.test/v2/henvis.js' })).toBe(fakeHenvis);
    expect(document.querySelector<HTMLScriptElement>('script[data-henvis]')?.src).toBe('http://w.test/v2/henvis.js');
  });

  it('removes a failed script tag the page had, so the retry adds a fresh one', async () => {
    const { loadHenvis } = await import('./load-henvis.js');
    document.head.innerHTML = '<script src="http://w.test/henvis.js"></script>';
    const failed = loadHenvis({ remoteUrl: 'http://w.test/henvis.js' });
    document.querySelector('script')!.dispatchEvent(new Event('error'));
    await expect(failed).rejects.toMatchObject({ code: 'network_error' });
    expect(document.querySelectorAll('script')).toHaveLength(0);
    const append = whenScriptAppended('load');
    expect(await loadHenvis({ remoteUrl: 'http://w.test/henvis.js' })).toBe(fakeHenvis);
    expect(append).toHaveBeenCalledTimes(1);
  });

  it('refuses a script that loads without defining window.Henvis', async () => {
    const { loadHenvis } = await import('./load-henvis.js');
    whenScriptAppended('load-without-global');
    await expect(loadHenvis({ remoteUrl: 'http://w.test/other.js' })).rejects.toMatchObject({ code: 'unexpected_response' });
  });
});
