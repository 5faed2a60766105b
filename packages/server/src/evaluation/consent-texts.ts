import { createHash } from 'node:crypto';
import {
  consentKinds,
  consentTextCatalogue,
  consentTextOf,
  consentTextString,
  type ConsentText,
  type ConsentTextAttachment,
  type ConsentTextCatalogue,
} from '@henvis/contracts';

const locales = ['da', 'en'] as const;

/**
 * Why the server may not run on `catalogue`, or undefined when it may: it must hold its current version in every
 * kind and language, and every version Henvis shipped (`shipped`) word for word, since stored consents point at
 * them. A catalogue only ever adds versions.
 */
export function consentCatalogueProblem(catalogue: ConsentTextCatalogue, shipped = consentTextCatalogue): string | undefined {
  const all = consentKinds.flatMap((kind) => locales.map((locale) => [kind, locale] as const));
  if (!all.every(([kind, locale]) => consentTextOf(kind, locale, catalogue.current, catalogue))) {
    return `the current consent text version ${catalogue.current} is not in the catalogue for every kind and language`;
  }
  for (const version of Object.keys(shipped.versions)) {
    const kept = all.every(([kind, locale]) => {
      const text = consentTextOf(kind, locale, version, catalogue);
      const original = consentTextOf(kind, locale, version, shipped);
      return text && original && consentTextString(text) === consentTextString(original);
    });
    if (!kept) return `consent text version ${version} was shipped and must stay in the catalogue unchanged`;
  }
  return undefined;
}

/** A text as a FHIR R4 Attachment carries it inline: its UTF-8 bytes in base64, their number and SHA-1 (R4). */
export function consentTextAttachment(text: ConsentText): ConsentTextAttachment {
  const bytes = Buffer.from(consentTextString(text), 'utf8');
  return {
    title: text.title,
    data: bytes.toString('base64'),
    size: bytes.length,
    hash: createHash('sha1').update(bytes).digest('base64'),
  };
}
