import type { ConsentKind } from './consent-rules.js';
import type { Locale } from './field-errors.js';
import { sha256Hex } from './sha256.js';

/**
 * The exact texts a citizen consents to (samtykketekster), versioned. A new wording is a new version; a recorded
 * consent keeps the version and a SHA-256 hash of the exact text shown, so it can be proven later what was said.
 * Each text says the purpose, which data, the recipients, how long, how to withdraw, and that saying no changes
 * nothing about the referral (seed 004, "Samtykke" and "Trivselsdata").
 */
export interface ConsentText {
  version: string;
  title: string;
  sections: readonly { heading: string; body: string }[];
}

/** One version of the texts: the wording of each consent in each language, exactly as it was shipped. */
export type ConsentTextEdition = Readonly<Record<ConsentKind, Readonly<Record<Locale, Omit<ConsentText, 'version'>>>>>;

/**
 * Every version of the consent texts ever shipped (never edited, never removed: stored consents point at them),
 * and the version new consents are recorded under (`current`). A new wording is added as a new version here and
 * made current; the earlier ones stay readable for the consents given under them.
 */
export interface ConsentTextCatalogue {
  current: string;
  versions: Readonly<Record<string, ConsentTextEdition>>;
}

/** The headings and texts of version 2026-11-1, the first shipped. */
const headings = {
  da: {
    purpose: 'Formål',
    data: 'Hvilke oplysninger',
    recipients: 'Hvem får oplysningerne',
    duration: 'Hvor længe',
    withdrawal: 'Sådan trækker du samtykket tilbage',
    voluntary: 'Det er frivilligt',
    basis: 'Lovgrundlag',
  },
  en: {
    purpose: 'Purpose',
    data: 'Which data',
    recipients: 'Who receives the data',
    duration: 'For how long',
    withdrawal: 'How to withdraw your consent',
    voluntary: 'It is voluntary',
    basis: 'Legal basis',
  },
} as const;

type Sections = Record<keyof (typeof headings)['da'], string>;

const bodies: Record<ConsentKind, Record<Locale, { title: string } & Sections>> = {
  journal_data: {
    da: {
      title: 'Samtykke til indhentning og videregivelse af journaloplysninger',
      purpose:
        'Oplysningerne bruges til at følge op på resultaterne af pilotprojektet om social henvisning i Norddjurs Kommune: om borgere, der får en social henvisning, får det bedre og bruger sundhedsvæsenet anderledes.',
      data: 'Oplysninger fra din journal og fra sundhedsregistre om dit brug af sundhedsydelser: opkald til lægevagten, akutte kontakter og indlæggelser på sygehus, konsultationer hos din praktiserende læge og kommunale sundhedsydelser som genoptræning, sygepleje, pleje og praktisk hjælp.',
      recipients:
        'Oplysningerne indhentes fra og videregives af din praktiserende læge, Region Midtjylland og Norddjurs Kommune til Norddjurs Kommune og de forskere, der bistår med resultatopfølgningen.',
      duration: 'Samtykket gælder i ét år fra i dag. Derefter må der ikke indhentes flere oplysninger uden et nyt samtykke fra dig.',
      withdrawal:
        'Du kan trække samtykket tilbage når som helst, indtil oplysningerne er indhentet eller videregivet. Sig det til din socialnavigatør eller din læge; det er lige så let som at give det.',
      voluntary: 'Siger du nej, eller trækker du samtykket tilbage, ændrer det intet ved din sociale henvisning eller din behandling.',
      basis: 'Sundhedsloven § 42 d, stk. 1, og § 43, stk. 1. Samtykket er skriftligt og skrives ind i din journal.',
    },
    en: {
      title: 'Consent to obtaining and disclosing record data',
      purpose:
        'The data are used to follow up on the results of the social prescribing pilot in Norddjurs municipality: whether citizens who are referred fare better and use the health service differently.',
      data: 'Data from your health record and from health registers about your use of health services: calls to the out-of-hours doctor, emergency contacts and hospital admissions, consultations with your GP, and municipal health services such as rehabilitation, nursing, care and practical help.',
      recipients:
        'The data are obtained from and disclosed by your GP, the Central Denmark Region and Norddjurs municipality to Norddjurs municipality and the researchers who assist with the evaluation.',
      duration: 'The consent is valid for one year from today. After that, no more data may be obtained without a new consent from you.',
      withdrawal:
        'You can withdraw the consent at any time until the data have been obtained or disclosed. Tell your social navigator or your GP; it is as easy as giving it.',
      voluntary: 'Saying no, or withdrawing the consent, changes nothing about your social prescribing referral or your treatment.',
      basis: 'Danish Health Act § 42 d(1) and § 43(1). The consent is written and entered in your health record.',
    },
  },
  wellbeing_data: {
    da: {
      title: 'Samtykke til behandling af oplysninger om din trivsel',
      purpose:
        'Dine svar på trivselsskemaet WHO-5 bruges udelukkende til at følge op på resultaterne af pilotprojektet om social henvisning, ikke til din behandling.',
      data: 'Vi behandler almindelige personoplysninger (dit navn og dine kontaktoplysninger), fortrolige personoplysninger (dit CPR-nummer) og følsomme personoplysninger (dine svar om din trivsel). Du svarer to gange: ved den første samtale med socialnavigatøren og igen efter 6-8 måneder.',
      recipients: 'Norddjurs Kommune er dataansvarlig. Oplysningerne deles kun inden for Norddjurs Kommune.',
      duration: 'Oplysningerne opbevares sikkert og slettes, når pilotprojektet er slut.',
      withdrawal:
        'Du kan trække samtykket tilbage når som helst, lige så let som du gav det: sig det til din socialnavigatør eller din læge. Derefter indsamler vi ikke flere svar fra dig.',
      voluntary: 'Siger du nej, eller trækker du samtykket tilbage, ændrer det intet ved din sociale henvisning eller din behandling.',
      basis:
        'Databeskyttelsesforordningen artikel 6, stk. 1, litra a, og artikel 9, stk. 2, litra a, samt databeskyttelseslovens § 11 om CPR-nummeret.',
    },
    en: {
      title: 'Consent to processing data about your well-being',
      purpose:
        'Your answers to the WHO-5 well-being questionnaire are used only to follow up on the results of the social prescribing pilot, not for your treatment.',
      data: 'We process ordinary personal data (your name and contact details), confidential personal data (your CPR number) and sensitive personal data (your answers about your well-being). You answer twice: at the first conversation with the social navigator and again after 6-8 months.',
      recipients: 'Norddjurs municipality is the data controller. The data are shared only within Norddjurs municipality.',
      duration: 'The data are kept securely and deleted when the pilot ends.',
      withdrawal:
        'You can withdraw the consent at any time, as easily as you gave it: tell your social navigator or your GP. After that, no more answers are collected from you.',
      voluntary: 'Saying no, or withdrawing the consent, changes nothing about your social prescribing referral or your treatment.',
      basis: 'GDPR article 6(1)(a) and article 9(2)(a), and the Danish Data Protection Act § 11 on the CPR number.',
    },
  },
};

function editionOf(h: typeof headings, b: Record<ConsentKind, Record<Locale, { title: string } & Sections>>): ConsentTextEdition {
  const texts = (kind: ConsentKind) => {
    const inLocale = (locale: Locale) => {
      const { title, ...sections } = b[kind][locale];
      const keys = Object.keys(h[locale]) as (keyof Sections)[];
      return { title, sections: keys.map((key) => ({ heading: h[locale][key], body: sections[key] })) };
    };
    return { da: inLocale('da'), en: inLocale('en') };
  };
  return { journal_data: texts('journal_data'), wellbeing_data: texts('wellbeing_data') };
}

/** The consent texts Henvis ships: every version, and the current one. */
export const consentTextCatalogue: ConsentTextCatalogue = {
  current: '2026-11-1',
  versions: { '2026-11-1': editionOf(headings, bodies) },
};

/** The version new consents are recorded under. */
export const CONSENT_TEXT_VERSION = consentTextCatalogue.current;

/**
 * The text of a consent in a given version and language, from `catalogue` (the shipped one unless told), or
 * undefined for a version (or kind) it does not hold.
 */
export function consentTextOf(
  kind: ConsentKind,
  locale: Locale,
  version: string,
  catalogue: ConsentTextCatalogue = consentTextCatalogue,
): ConsentText | undefined {
  const edition = own(catalogue.versions, version);
  const inKind = edition && own(edition, kind);
  const text = inKind && own(inKind, locale);
  return text && { version, title: text.title, sections: text.sections };
}

/** Own keys only: a version (or kind) named like an Object method, `constructor` or `__proto__`, is none. */
const own = <T>(record: Readonly<Record<string, T>>, key: string): T | undefined => (Object.hasOwn(record, key) ? record[key] : undefined);

/** The current text of a consent, in Danish or English: the one new consents are given under. */
export function consentText(kind: ConsentKind, locale: Locale): ConsentText {
  const text = consentTextOf(kind, locale, CONSENT_TEXT_VERSION);
  if (!text) throw new Error(`the consent text catalogue lacks its current version ${CONSENT_TEXT_VERSION}`);
  return text;
}

/** Where the API serves a consent text (GET, with a token like every call): the `textUrl` of a consent record. */
export function consentTextPath(version: string, kind: ConsentKind, locale: Locale): string {
  return `/v1/consent-texts/${encodeURIComponent(version)}/${kind}?locale=${locale}`;
}

/** The text exactly as shown and hashed: the title, then each heading and its body, on lines of their own. */
export function consentTextString(text: ConsentText): string {
  return [text.title, ...text.sections.flatMap((s) => [s.heading, s.body])].join('\n');
}

/** SHA-256 of the exact text, as lowercase hex: the same in browsers (also over plain http) and Node.js. */
export function consentTextHash(text: ConsentText): Promise<string> {
  return sha256Hex(consentTextString(text));
}
