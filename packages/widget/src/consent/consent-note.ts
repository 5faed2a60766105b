import { lastValidDay, type ConsentRecord } from '@henvis/contracts';
import { consentPanelTexts } from './consent-panel-texts.js';
import { formatDate } from '../i18n.js';

// Journal notes (journalnotater) are always Danish, whatever the screen language: they are filed in a Danish
// patient record. They name the consent, the decision, how and by whom the citizen was informed, and the text
// version, so the record shows what was consented to (Health Act § 44). Never the CPR number: the record already
// belongs to the patient, and the note may be copied elsewhere.
const da = consentPanelTexts.da;

const method: Record<ConsentRecord['method'], string> = {
  signed_on_screen: 'skriftligt (underskrevet på skærmen)',
  paper_noted: 'skriftligt (underskrevet på papir)',
};

const person = (p: ConsentRecord['informedBy']) => `${p.name} (${da.role[p.role]})`;

/** The Danish journal note for a consent given or declined. */
export function consentRecordedNote(c: ConsentRecord): string {
  const decided = c.decision === 'given' ? 'givet' : 'afslået';
  const text = `Tekstversion ${c.textVersion}${c.locale === 'en' ? ' (engelsk)' : ''}.`;
  const lastDay = lastValidDay(c.kind, new Date(c.decidedAt));
  const validity =
    c.decision === 'declined'
      ? 'Et nej ændrer intet ved den sociale henvisning.'
      : lastDay
        ? `Gælder til og med ${formatDate(lastDay, 'da')}.`
        : 'Gælder, indtil borgeren trækker det tilbage.';
  return [
    `${da.kind[c.kind]} ${decided} ${formatDate(c.decidedAt, 'da')}, ${method[c.method]}, efter information ved ${person(c.informedBy)}, ${da.setting[c.setting]}.`,
    text,
    validity,
  ].join(' ');
}

/** The Danish journal note for a consent withdrawn (tilbagekaldt). */
export function consentWithdrawnNote(c: ConsentRecord): string {
  const consequence =
    c.kind === 'journal_data'
      ? 'Der må ikke indhentes eller videregives flere journaloplysninger på grundlag af samtykket.'
      : 'Der indsamles ikke flere trivselssvar.';
  const by = c.withdrawnBy ? `, registreret af ${person(c.withdrawnBy)}` : '';
  return [
    `${da.kind[c.kind]} (givet ${formatDate(c.decidedAt, 'da')}) trukket tilbage ${formatDate(c.withdrawnAt ?? new Date().toISOString(), 'da')}${by}.`,
    consequence,
    'Det ændrer intet ved den sociale henvisning.',
  ].join(' ');
}
