// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Henvis } from './embed.js';

const fakeHenvis: Henvis = { version: 'test', mount: vi.fn() as unknown as Henvis['mount'] };

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
  (window as unknown as { happyDOM: { settings: { handleDisabledFileLoadingAsSuccess: boolean } } }).happyDOM.settings.handleDisabledFileLoadingAsSuccess = true;
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
    const [a, b] = await Promise.all([loadHenvis({ remoteUrl: 'http://w.test/henvis.js' }), loadHenvis({ remoteUrl: 'http://w.test/henvis.js' })]);
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

  it('refuses a script that loads without defining window.Henvis', async () => {
    const { loadHenvis } = await import('./load-henvis.js');
    whenScriptAppended('load-without-global');
    await expect(loadHenvis({ remoteUrl: 'http://w.test/other.js' })).rejects.toMatchObject({ code: 'unexpected_response' });
  });
});
