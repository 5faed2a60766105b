import { narrative as paragraphs, type FhirResource } from '@henvis/contracts';

/**
 * The narrative (`text`) every resource of a MedCom message carries ("SHALL always be included when exchanging a
 * MedCom FHIR Bundle"), holding what the profiles' obligations (SHALL:in-narrative) name: a heading and labelled
 * values, one escaped paragraph each, as the contracts' FHIR views write theirs.
 */
export type Narrative = FhirResource['text'];

type Line = readonly [label: string, value: string];

export const narrative = (heading: string, lines: readonly Line[]): Narrative =>
  paragraphs([heading, ...lines.map(([label, value]) => `${label}: ${value}`)]);

/** A narrative that also shows longer texts (a message's payloads): the label, then the text line by line. */
export const narrativeWithTexts = (heading: string, lines: readonly Line[], texts: readonly { label: string; text: string }[]): Narrative =>
  paragraphs([
    heading,
    ...lines.map(([label, value]) => `${label}: ${value}`),
    ...texts.flatMap((t) => [t.label, ...t.text.split(/\r\n|\r|\n/)]),
  ]);
