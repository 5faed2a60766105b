/** Consents, disclosures, WHO-5 and follow-ups. */
import { createHash } from 'node:crypto';
import { CONSENT_TEXT_VERSION, NewConsent, NewWho5Response, consentText, consentTextString } from '@henvis/contracts';
import { ref, json, problems, idParam, auth, consentIdParam, responseIdParam, fhirJson } from './shared.js';

const exampleNewConsent: NewConsent = {
  kind: 'journal_data',
  decision: 'given',
  method: 'signed_on_screen',
  textVersion: CONSENT_TEXT_VERSION,
  locale: 'da',
  textHash: createHash('sha256').update(consentTextString(consentText('journal_data', 'da'))).digest('hex'),
};
const exampleNewWho5: NewWho5Response = { kind: 'baseline', answers: [3, 2, 2, 3, 2] };

export const evaluationPaths = {
    '/v1/referrals/{id}/consents': {
      post: {
        summary: "Record a consent decision (samtykke), given or declined. Who informed the citizen, and where, come from the token; the text is the current version's, proven by its SHA-256.",
        security: auth,
        parameters: [idParam],
        requestBody: { required: true, content: { 'application/json': { schema: ref('NewConsent'), example: exampleNewConsent } } },
        responses: { '201': { description: 'Recorded', content: json('ConsentRecord') }, ...problems(400, 401, 404, 422) },
      },
      get: {
        summary: "The citizen's consent history on this referral, newest first (the first of each kind is in force)",
        security: auth,
        parameters: [idParam],
        responses: { '200': { description: 'Consents', content: json('ConsentList') }, ...problems(401, 404) },
      },
    },
    '/v1/referrals/{id}/consents/{consentId}/withdrawal': {
      post: {
        summary: 'Withdraw a given consent (tilbagekald), effective at once',
        security: auth,
        parameters: [idParam, consentIdParam],
        responses: { '200': { description: 'The withdrawn consent', content: json('ConsentRecord') }, ...problems(401, 404, 409) },
      },
    },
    '/v1/referrals/{id}/consents/{consentId}/fhir': {
      get: {
        summary: 'The consent as a FHIR R4 Consent (status, provision period, the law it rests on)',
        security: auth,
        parameters: [idParam, consentIdParam],
        responses: { '200': { description: 'FHIR R4 Consent', content: fhirJson('Consent') }, ...problems(401, 404) },
      },
    },
    '/v1/referrals/{id}/disclosures': {
      post: {
        summary: 'Disclose record data for the evaluation (videregivelse): allowed only under a journal data consent valid now',
        security: auth,
        parameters: [idParam],
        responses: { '201': { description: 'Disclosed', content: json('Disclosure') }, ...problems(401, 403, 404, 422) },
      },
    },
    '/v1/referrals/{id}/who5': {
      post: {
        summary: 'Store WHO-5 answers (navigators): baseline at the first conversation, follow-up after 6-8 months; only under a valid well-being consent',
        security: auth,
        parameters: [idParam],
        requestBody: { required: true, content: { 'application/json': { schema: ref('NewWho5Response'), example: exampleNewWho5 } } },
        responses: { '201': { description: 'Stored', content: json('Who5Response') }, ...problems(400, 401, 403, 404, 409, 422) },
      },
      get: {
        summary: 'The WHO-5 answers of a referral and when its follow-up falls due (navigators)',
        security: auth,
        parameters: [idParam],
        responses: { '200': { description: 'Answers, oldest first', content: json('Who5List') }, ...problems(401, 403, 404) },
      },
    },
    '/v1/referrals/{id}/who5/{responseId}/fhir': {
      get: {
        summary: "WHO-5 answers as a FHIR R4 QuestionnaireResponse to KL's WHO-5 Questionnaire (SNOMED CT 1144665009)",
        security: auth,
        parameters: [idParam, responseIdParam],
        responses: { '200': { description: 'FHIR R4 QuestionnaireResponse', content: fhirJson('QuestionnaireResponse') }, ...problems(401, 403, 404) },
      },
    },
    '/v1/who5-follow-ups': {
      get: {
        summary: "WHO-5 follow-ups that are due (6 months after the baseline) or overdue (after 8), in the navigator's practices",
        security: auth,
        parameters: [{ name: 'state', in: 'query', schema: { type: 'string', enum: ['due', 'overdue'] }, description: 'Only these; both when left out' }],
        responses: { '200': { description: 'Follow-ups', content: json('FollowUpList') }, ...problems(400, 401, 403) },
      },
    },
};
