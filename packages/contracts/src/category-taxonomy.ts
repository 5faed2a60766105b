import type { Locale } from './field-errors.js';

/**
 * The one controlled list of categories (kategorier): what an offer in the catalogue is, and what kind of offer was
 * missing when a navigator records an unmet need, so the two can be read side by side. Published as the HSDS
 * taxonomy `henvis-categories` (HSDS 3.1 `taxonomy` and `taxonomy_term`), each term by its code, with a Danish and
 * an English name. What the list has no word for is written in the offer's or the need's note, never as a category.
 */
export const categoryCodes = [
  'community',
  'shared_meal',
  'physical_activity',
  'walking',
  'nature',
  'creative',
  'choir',
  'learning',
  'volunteering',
  'peer_support',
  'companion',
  'practical_help',
  'men',
  'other',
] as const;
export type Category = (typeof categoryCodes)[number];

/** Each category's name, Danish first: the HSDS taxonomy term's `name` in that language. */
export const categoryLabels: Record<Locale, Record<Category, string>> = {
  da: {
    community: 'Fællesskab',
    shared_meal: 'Fællesspisning',
    physical_activity: 'Fysisk aktivitet',
    walking: 'Gåture',
    nature: 'Natur',
    creative: 'Kreative aktiviteter',
    choir: 'Kor og sang',
    learning: 'Læring',
    volunteering: 'Frivilligt arbejde',
    peer_support: 'Ligesindede',
    companion: 'Følgeskab',
    practical_help: 'Praktisk hjælp',
    men: 'For mænd',
    other: 'Andet',
  },
  en: {
    community: 'Community',
    shared_meal: 'Shared meals',
    physical_activity: 'Physical activity',
    walking: 'Walks',
    nature: 'Nature',
    creative: 'Creative activities',
    choir: 'Choir and singing',
    learning: 'Learning',
    volunteering: 'Volunteering',
    peer_support: 'Peer support',
    companion: 'Companion service',
    practical_help: 'Practical help',
    men: 'For men',
    other: 'Other',
  },
};

export const isCategory = (value: string): value is Category => (categoryCodes as readonly string[]).includes(value);

const fold = (value: string) => value.trim().toLocaleLowerCase('da-DK');

/**
 * The category a word names: its code, or its Danish or English name in any case ("Gåture", "walks"); undefined
 * when the list has no such category (then the word belongs in a note).
 */
export function categoryOf(word: string): Category | undefined {
  const folded = fold(word);
  return categoryCodes.find(
    (code) => code === folded || fold(categoryLabels.da[code]) === folded || fold(categoryLabels.en[code]) === folded,
  );
}

/** The categories in the order of their names in `locale`, for a list to choose from. */
export const categoriesByName = (locale: Locale): Category[] =>
  [...categoryCodes].sort((a, b) =>
    a === 'other' ? 1 : b === 'other' ? -1 : categoryLabels[locale][a].localeCompare(categoryLabels[locale][b], locale),
  );
