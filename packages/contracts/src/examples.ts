import type { NewReferral } from './referral.js';
import type { TransitionRequest } from './referral-status.js';

/** A valid new referral, used in the OpenAPI document, the docs and the tests. The citizen is fictitious. */
export const exampleNewReferral = {
  patient: { cpr: '010190-2345', name: 'Karen Jensen' },
  reasons: ['loneliness', 'inactivity'],
  note: 'Enke siden foråret, går ikke længere ud. Ønsker at komme i gang med noget sammen med andre.',
  wishes: 'Gåture, sang, måske et fællesspisningstilbud.',
  contact: { phone: '+45 20 30 40 50', sms: true, bestTime: 'Formiddag' },
  companion: 'yes',
  inclusion: { motivated: true, needsSocialSupport: true, inArea: true },
} satisfies NewReferral;

/** Valid status changes, one for each shape of request. */
export const exampleTransitions = {
  accept: { to: 'accepted' },
  close: { to: 'closed', reason: 'joined_community', note: 'Går fast i gåklubben tirsdag og torsdag.' },
} satisfies Record<string, TransitionRequest>;
