import { describe, expect, it } from 'vitest';
import { loadHenvis } from './load-henvis.js';

describe('loadHenvis outside a browser', () => {
  it('resolves null, so server rendering can call it safely', async () => {
    expect(typeof window).toBe('undefined');
    expect(await loadHenvis({ remoteUrl: 'http://w.test/henvis.js' })).toBeNull();
  });
});
