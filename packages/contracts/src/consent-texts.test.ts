import { describe, expect, it } from 'vitest';
import { consentKinds } from './consent-rules.js';
import {
  CONSENT_TEXT_VERSION,
  consentText,
  consentTextCatalogue,
  consentTextHash,
  consentTextOf,
  consentTextPath,
  consentTextString,
  type ConsentTextCatalogue,
} from './consent-texts.js';

/**
 * The hashes of the texts of every version shipped. A change of wording must come as a new version in the
 * catalogue (and a new entry here); a version is never edited or removed: stored consents point at it, and what it
 * said must never change under them.
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

const locales = ['da', 'en'] as const;
const allTexts = consentKinds.flatMap((kind) => locales.map((locale) => [kind, locale] as const));

describe('the catalogue of consent texts', () => {
  it('holds every version ever shipped, each unchanged, and no version without pinned hashes', async () => {
    expect(Object.keys(consentTextCatalogue.versions).sort()).toEqual(Object.keys(pinned).sort());
    for (const [version, expected] of Object.entries(pinned)) {
      const hashes: Record<string, string> = {};
      for (const [kind, locale] of allTexts) {
        const text = consentTextOf(kind, locale, version);
        expect(text, `${version} ${kind}/${locale}`).toBeDefined();
        expect(text!.version).toBe(version);
        hashes[`${kind}/${locale}`] = await consentTextHash(text!);
      }
      expect(hashes, `version ${version} was edited: add a new version instead`).toEqual(expected);
    }
  });

  it('records new consents under its current version, which is the text the widget shows', () => {
    expect(CONSENT_TEXT_VERSION).toBe(consentTextCatalogue.current);
    expect(Object.hasOwn(consentTextCatalogue.versions, CONSENT_TEXT_VERSION)).toBe(true);
    for (const [kind, locale] of allTexts) expect(consentText(kind, locale)).toEqual(consentTextOf(kind, locale, CONSENT_TEXT_VERSION));
  });

  it('has no text for a version it does not hold, whatever it is called', () => {
    for (const version of ['2020-01-1', '', ' 2026-11-1', '2026-11-1 ', 'constructor', '__proto__', 'toString', 'hasOwnProperty'])
      expect(consentTextOf('journal_data', 'da', version), JSON.stringify(version)).toBeUndefined();
    for (const kind of ['both', 'constructor', '__proto__'])
      expect(consentTextOf(kind as 'journal_data', 'da', CONSENT_TEXT_VERSION), kind).toBeUndefined();
    expect(consentTextOf('journal_data', 'toString' as 'da', CONSENT_TEXT_VERSION)).toBeUndefined();
  });

  it('keeps the text of version 1 when a version 2 is added, and gives version 2 only from that catalogue', async () => {
    const v1 = consentTextCatalogue.versions[CONSENT_TEXT_VERSION]!;
    const reworded = { ...v1.journal_data.da, title: 'Samtykke til journaloplysninger (ny ordlyd)' };
    const withV2: ConsentTextCatalogue = {
      current: '2027-05-1',
      versions: { ...consentTextCatalogue.versions, '2027-05-1': { ...v1, journal_data: { ...v1.journal_data, da: reworded } } },
    };
    const old = consentTextOf('journal_data', 'da', CONSENT_TEXT_VERSION, withV2)!;
    expect(await consentTextHash(old)).toBe(pinned[CONSENT_TEXT_VERSION]!['journal_data/da']);
    expect(old.title).toBe(consentText('journal_data', 'da').title);
    const next = consentTextOf('journal_data', 'da', '2027-05-1', withV2)!;
    expect(next).toMatchObject({ version: '2027-05-1', title: 'Samtykke til journaloplysninger (ny ordlyd)' });
    expect(await consentTextHash(next)).not.toBe(await consentTextHash(old));
    // The shipped catalogue knows nothing of it.
    expect(consentTextOf('journal_data', 'da', '2027-05-1')).toBeUndefined();
  });

  it("names where the API serves a version's text, the version encoded", () => {
    expect(consentTextPath('2026-11-1', 'wellbeing_data', 'en')).toBe('/v1/consent-texts/2026-11-1/wellbeing_data?locale=en');
    expect(consentTextPath('a/b c', 'journal_data', 'da')).toBe('/v1/consent-texts/a%2Fb%20c/journal_data?locale=da');
  });
});
