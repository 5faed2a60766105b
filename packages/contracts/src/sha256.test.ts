/// <reference types="node" />
import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { consentText, consentTextString } from './consent-texts.js';
import { sha256, sha256Hex } from './sha256.js';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

describe('sha256 without Web Crypto', () => {
  it.each([
    ['', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    ['abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
  ])('gives the FIPS 180-4 test vector for %j', (input, expected) => {
    expect(hex(sha256(new TextEncoder().encode(input)))).toBe(expected);
  });

  it("agrees with Node's SHA-256 on Danish text, block edges and every consent text", () => {
    const texts = ['æøå ÆØÅ – “samtykke”', 'x'.repeat(55), 'x'.repeat(56), 'x'.repeat(64), 'y'.repeat(1000)];
    for (const kind of ['journal_data', 'wellbeing_data'] as const)
      for (const locale of ['da', 'en'] as const) texts.push(consentTextString(consentText(kind, locale)));
    for (const text of texts)
      expect(hex(sha256(new TextEncoder().encode(text)))).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
  });

  afterEach(() => vi.unstubAllGlobals());
  it('is what sha256Hex uses where the page has no Web Crypto (http outside localhost)', async () => {
    const withWebCrypto = await sha256Hex('Samtykke til trivselsdata');
    vi.stubGlobal('crypto', {});
    expect(await sha256Hex('Samtykke til trivselsdata')).toBe(withWebCrypto);
  });
});
