import { describe, expect, it } from 'vitest';
import { consentKinds } from './consent-rules.js';
import { CONSENT_TEXT_VERSION, consentText, consentTextHash, consentTextString } from './consent-texts.js';

/**
 * The hashes of the texts of each version. A change of wording must come with a new CONSENT_TEXT_VERSION (and a
 * new line here): stored consents point at a version, and what it said must never change under them.
 */
const pinned: Record<string, Record<string, string>> = {
  '2026-11-1': {
    'journal_data/da': '0ea7859f557db5a4f036dbaff2f40679de15dfe833905f40e3b16c1f79e3fc83',
    'journal_data/en': '6c9e3e24e2e8c1695daeb1ce745990dc0e80513e3cf8a7dda9087322d427b21f',
    'wellbeing_data/da': '55219171375848291729a22e5d7fbe205990ea30daab2318f1e8fd5ee3154316',
    'wellbeing_data/en': '36c74d728ae3c2a693840784924646c05a5b27cc28e79add51c8bef1fe35ebee',
  },
};

describe('consent texts', () => {
  it.each(consentKinds.flatMap((kind) => (['da', 'en'] as const).map((locale) => [kind, locale] as const)))(
    '%s in %s says the purpose, the data, the recipients, how long, how to withdraw, that no changes nothing, and the law',
    (kind, locale) => {
      const text = consentText(kind, locale);
      expect(text.version).toBe(CONSENT_TEXT_VERSION);
      expect(text.sections).toHaveLength(7);
      for (const section of text.sections) expect(section.body.length).toBeGreaterThan(40);
      const all = consentTextString(text);
      expect(all).toMatch(
        locale === 'da' ? /ændrer det intet ved din sociale henvisning/ : /changes nothing about your social prescribing referral/,
      );
      expect(all).toMatch(locale === 'da' ? /trække samtykket tilbage/ : /withdraw the consent/);
    },
  );

  it('the journal data consent rests on the Health Act and lapses after one year', () => {
    const text = consentTextString(consentText('journal_data', 'da'));
    expect(text).toContain('§ 42 d, stk. 1, og § 43, stk. 1');
    expect(text).toContain('ét år');
  });

  it('the well-being consent says ordinary, confidential and sensitive personal data are processed, on GDPR and § 11', () => {
    const text = consentTextString(consentText('wellbeing_data', 'da'));
    for (const words of [
      'almindelige personoplysninger',
      'fortrolige personoplysninger',
      'følsomme personoplysninger',
      'artikel 6, stk. 1, litra a',
      'artikel 9, stk. 2, litra a',
      '§ 11',
    ]) {
      expect(text).toContain(words);
    }
  });

  it('hashes the exact text: stable per version, different for every kind and language', async () => {
    const hashes: Record<string, string> = {};
    for (const kind of consentKinds)
      for (const locale of ['da', 'en'] as const) hashes[`${kind}/${locale}`] = await consentTextHash(consentText(kind, locale));
    for (const hash of Object.values(hashes)) expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(new Set(Object.values(hashes)).size).toBe(4);
    expect(hashes, `the wording changed: give it a new CONSENT_TEXT_VERSION`).toEqual(pinned[CONSENT_TEXT_VERSION]);
  });
});
