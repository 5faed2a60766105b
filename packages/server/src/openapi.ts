import { createHash } from 'node:crypto';
import {
  AssignRequest,
  NewOfferLink,
  OfferLink,
  OfferLinkChange,
  NewOffer,
  Offer,
  OfferList,
  NewUnmetNeed,
  UnmetNeed,
  UnmetNeedSummary,
  NewPlan,
  Plan,
  CONSENT_TEXT_VERSION,
  ConsentList,
  ConsentRecord,
  Disclosure,
  FollowUpList,
  NewConsent,
  ContactLog,
  ContactLogEntry,
  Message,
  MessageList,
  NewContactLogEntry,
  NewMessage,
  NewWho5Response,
  Who5List,
  Who5Response,
  consentText,
  consentTextString,
  NewReferral,
  Problem,
  Referral,
  ReferralEventList,
  ReferralPage,
  TransitionRequest,
  exampleNewReferral,
  exampleTransitions,
  jsonSchemaOf,
  problemStatuses,
  referralStatuses,
} from '@henvis/contracts';

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (name: string) => ({ 'application/json': { schema: ref(name) } });
const problems = (...statuses: number[]) =>
  Object.fromEntries(
    statuses.map((status) => [
      String(status),
      {
        description: Object.entries(problemStatuses)
          .filter(([, s]) => s === status)
          .map(([code]) => `\`${code}\``)
          .join(', '),
        content: { 'application/problem+json': { schema: ref('Problem') } },
      },
    ]),
  );
const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } };
const auth = [{ bearer: [] }];
const consentIdParam = { name: 'consentId', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } };
const responseIdParam = { name: 'responseId', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } };
const fhirJson = (resourceType: string) => ({ 'application/json': { schema: { type: 'object', properties: { resourceType: { const: resourceType } } } } });

const exampleNewConsent: NewConsent = {
  kind: 'journal_data',
  decision: 'given',
  method: 'signed_on_screen',
  textVersion: CONSENT_TEXT_VERSION,
  locale: 'da',
  textHash: createHash('sha256').update(consentTextString(consentText('journal_data', 'da'))).digest('hex'),
};
const exampleNewOffer: NewOffer = {
  organization: { name: 'Grenaa Gåklub' },
  service: { name: 'Gåture for alle' },
  location: { address: { address1: 'Færgevej 4', postalCode: '8500', city: 'Grenaa' } },
  schedules: [{ byDay: ['TU'], opensAt: '10:00', closesAt: '11:30' }],
  contacts: [{ name: 'Kirsten Holm', phone: '+45 21 43 65 87' }],
  categories: ['walking'],
  receptionAgreement: 'En fast kontaktperson tager imod første gang.',
};
const exampleNewWho5: NewWho5Response = { kind: 'baseline', answers: [3, 2, 2, 3, 2] };

/** The OpenAPI 3.1 document of the HTTP API, generated from the contracts. */
export function openApiDocument(serverUrl?: string) {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Henvis API',
      version: '1.0.0',
      description:
        'Social prescribing (social henvisning) from the GP journal to the social navigator. Every /v1 request carries a bearer token (JWT, typ at+jwt, ES256/RS256/PS256, at most 15 minutes) from a trusted issuer; CPR numbers travel only in bodies and tokens, never in URLs. Errors are problem+json with a stable `code`.',
    },
    ...(serverUrl ? { servers: [{ url: serverUrl }] } : {}),
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      schemas: {
        NewReferral: jsonSchemaOf(NewReferral, 'input'),
        Referral: jsonSchemaOf(Referral, 'output'),
        ReferralPage: jsonSchemaOf(ReferralPage, 'output'),
        ReferralEventList: jsonSchemaOf(ReferralEventList, 'output'),
        TransitionRequest: jsonSchemaOf(TransitionRequest, 'input'),
        NewConsent: jsonSchemaOf(NewConsent, 'input'),
        ConsentRecord: jsonSchemaOf(ConsentRecord, 'output'),
        ConsentList: jsonSchemaOf(ConsentList, 'output'),
        Disclosure: jsonSchemaOf(Disclosure, 'output'),
        NewWho5Response: jsonSchemaOf(NewWho5Response, 'input'),
        Who5Response: jsonSchemaOf(Who5Response, 'output'),
        Who5List: jsonSchemaOf(Who5List, 'output'),
        FollowUpList: jsonSchemaOf(FollowUpList, 'output'),
        AssignRequest: jsonSchemaOf(AssignRequest, 'input'),
        NewOffer: jsonSchemaOf(NewOffer, 'input'),
        NewOfferLink: jsonSchemaOf(NewOfferLink, 'input'),
        OfferLink: jsonSchemaOf(OfferLink, 'output'),
        OfferLinkChange: jsonSchemaOf(OfferLinkChange, 'input'),
        Offer: jsonSchemaOf(Offer, 'output'),
        OfferList: jsonSchemaOf(OfferList, 'output'),
        NewPlan: jsonSchemaOf(NewPlan, 'input'),
        NewUnmetNeed: jsonSchemaOf(NewUnmetNeed, 'input'),
        UnmetNeed: jsonSchemaOf(UnmetNeed, 'output'),
        UnmetNeedSummary: jsonSchemaOf(UnmetNeedSummary, 'output'),
        Plan: jsonSchemaOf(Plan, 'output'),
        NewContactLogEntry: jsonSchemaOf(NewContactLogEntry, 'input'),
        ContactLogEntry: jsonSchemaOf(ContactLogEntry, 'output'),
        ContactLog: jsonSchemaOf(ContactLog, 'output'),
        NewMessage: jsonSchemaOf(NewMessage, 'input'),
        Message: jsonSchemaOf(Message, 'output'),
        MessageList: jsonSchemaOf(MessageList, 'output'),
        Problem: jsonSchemaOf(Problem, 'output'),
      },
    },
    paths: {
      '/health': {
        get: { summary: 'Liveness, storage kind and applied migrations', responses: { '200': { description: 'Healthy' } } },
      },
      '/v1/referrals': {
        post: {
          summary: 'Send a referral (send henvisning)',
          security: auth,
          parameters: [
            {
              name: 'Idempotency-Key',
              in: 'header',
              required: true,
              description: 'A fresh key (e.g. a UUID) per referral. Same key and body: the stored response again. Same key, other body: 422. Same key while the first is running: 409.',
              schema: { type: 'string', pattern: '^[A-Za-z0-9._:-]{8,255}$' },
            },
          ],
          requestBody: { required: true, content: { 'application/json': { schema: ref('NewReferral'), example: exampleNewReferral } } },
          responses: { '201': { description: 'Stored', content: json('Referral') }, ...problems(400, 401, 403, 409, 413, 415, 422) },
        },
        get: {
          summary: "List referrals the caller may see, newest first (a practice its own; a navigator the served practices')",
          security: auth,
          parameters: [
            { name: 'status', in: 'query', schema: { type: 'string' }, description: `Comma-separated: ${referralStatuses.join(', ')}` },
            { name: 'practice', in: 'query', schema: { type: 'string' }, description: 'Practice id (ydernummer)' },
            { name: 'owner', in: 'query', schema: { type: 'string', enum: ['me', 'none'] }, description: "`me`: the caller's caseload; `none`: not yet taken" },
            { name: 'from', in: 'query', schema: { type: 'string' }, description: 'Created on or after (date = Danish day, or ISO time)' },
            { name: 'to', in: 'query', schema: { type: 'string' }, description: 'Created on or before (date, inclusive) or before (ISO time)' },
            { name: 'cursor', in: 'query', schema: { type: 'string' }, description: '`nextCursor` of the previous page' },
            { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 100, default: 25 } },
          ],
          responses: { '200': { description: 'One page', content: json('ReferralPage') }, ...problems(400, 401) },
        },
      },
      '/v1/referrals/{id}': {
        get: {
          summary: 'Read one referral',
          security: auth,
          parameters: [idParam],
          responses: { '200': { description: 'The referral', content: json('Referral') }, ...problems(401, 404) },
        },
      },
      '/v1/referrals/{id}/transitions': {
        post: {
          summary: 'Change the status (closing, rejecting and cancelling need a reason and a text)',
          security: auth,
          parameters: [idParam],
          requestBody: {
            required: true,
            content: { 'application/json': { schema: ref('TransitionRequest'), example: exampleTransitions.close } },
          },
          responses: { '200': { description: 'The changed referral', content: json('Referral') }, ...problems(400, 401, 403, 404, 409) },
        },
      },
      '/v1/referrals/{id}/events': {
        get: {
          summary: 'The timeline: creation and each status change, with who and when',
          security: auth,
          parameters: [idParam],
          responses: { '200': { description: 'Events, oldest first', content: json('ReferralEventList') }, ...problems(401, 404) },
        },
      },
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
      '/v1/referrals/{id}/owner': {
        post: {
          summary: 'Hand a taken referral to a colleague in the same navigator organisation (the navigator who accepts a referral owns it)',
          security: auth,
          parameters: [idParam],
          requestBody: { required: true, content: { 'application/json': { schema: ref('AssignRequest'), example: { id: 'nav-jonas', name: 'Jonas Berg' } } } },
          responses: { '200': { description: 'The referral with its new owner', content: json('Referral') }, ...problems(400, 401, 403, 404, 409) },
        },
      },
      '/v1/referrals/{id}/plan': {
        put: {
          summary: "Save the individual plan (navigators), a new version each time; the first moves a contacted referral to plan_made",
          security: auth,
          parameters: [idParam],
          requestBody: {
            required: true,
            content: {
              'application/json': {
                schema: ref('NewPlan'),
                example: { goals: 'Jeg vil gerne ud af huset to gange om ugen.', agreedOffers: ['Gåklubben i Grenaa'], bridgeBuilder: false, companion: true, nextStep: 'Følges til gåklubben første gang.', nextStepDate: '2026-12-03' },
              },
            },
          },
          responses: { '200': { description: 'The saved version', content: json('Plan') }, ...problems(400, 401, 403, 404, 409) },
        },
        get: {
          summary: 'The current plan (`plan: null` before one is made)',
          security: auth,
          parameters: [idParam],
          responses: { '200': { description: 'The newest version' }, ...problems(401, 404) },
        },
      },
      '/v1/referrals/{id}/offer-links': {
        post: {
          summary: 'Link an offer from the catalogue to the course (navigators); it starts as proposed',
          security: auth,
          parameters: [idParam],
          requestBody: { required: true, content: { 'application/json': { schema: ref('NewOfferLink'), example: { offerId: '0b7f4c1e-6a43-4b8e-9a51-0d3c2f1e9a10' } } } },
          responses: { '201': { description: 'Linked', content: json('OfferLink') }, ...problems(400, 401, 403, 404, 409, 422) },
        },
        get: { summary: 'The offers linked to the course, each with its history', security: auth, parameters: [idParam], responses: { '200': { description: 'Links' }, ...problems(401, 404) } },
      },
      '/v1/referrals/{id}/offer-links/{linkId}/state': {
        post: {
          summary: 'Follow a linked offer: proposed → started (the referral becomes linked) → attending_3_months (3 months after it started), or stopped',
          security: auth,
          parameters: [idParam, { name: 'linkId', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }],
          requestBody: { required: true, content: { 'application/json': { schema: ref('OfferLinkChange'), example: { state: 'started' } } } },
          responses: { '200': { description: 'The link', content: json('OfferLink') }, ...problems(400, 401, 403, 404, 409) },
        },
      },
      '/v1/referrals/{id}/contacts': {
        post: {
          summary: 'Log a contact with the citizen (navigators): phone, meeting, home visit, e-mail or SMS, with time, duration and a note. The first makes an accepted referral "contacted".',
          security: auth,
          parameters: [idParam],
          requestBody: {
            required: true,
            content: { 'application/json': { schema: ref('NewContactLogEntry'), example: { kind: 'phone', at: '2026-11-25T09:30:00.000Z', durationMinutes: 15, note: 'Aftalt møde i biblioteket torsdag.' } } },
          },
          responses: { '201': { description: 'Logged', content: json('ContactLogEntry') }, ...problems(400, 401, 403, 404, 409, 422) },
        },
        get: {
          summary: 'The contact log, the count against the usual 6-12, and the first contact against its 2 working days',
          security: auth,
          parameters: [idParam],
          responses: { '200': { description: 'Contacts, oldest first', content: json('ContactLog') }, ...problems(401, 403, 404) },
        },
      },
      '/v1/referrals/{id}/messages': {
        post: {
          summary: 'Write to the other side (navigator ↔ practice); `inReplyTo` threads a reply',
          security: auth,
          parameters: [idParam],
          requestBody: { required: true, content: { 'application/json': { schema: ref('NewMessage'), example: { body: 'Karen har været med i gåklubben to gange og vil gerne fortsætte.' } } } },
          responses: { '201': { description: 'Sent', content: json('Message') }, ...problems(400, 401, 404, 422) },
        },
        get: {
          summary: 'The messages of a referral, oldest first, each with author, role and time',
          security: auth,
          parameters: [idParam],
          responses: { '200': { description: 'Messages', content: json('MessageList') }, ...problems(401, 404) },
        },
      },
      '/v1/unmet-needs': {
        post: {
          summary: 'Record a need no offer met (navigators): category, area and a note, for the coordinator',
          security: auth,
          requestBody: {
            required: true,
            content: { 'application/json': { schema: ref('NewUnmetNeed'), example: { referralId: '7d7c2a4e-1f0b-4b7a-8a0e-3c9f6e5d4b21', category: 'creative', area: 'Allingåbro', note: 'Intet malehold i dagtimerne.' } } },
          },
          responses: { '201': { description: 'Recorded', content: json('UnmetNeed') }, ...problems(400, 401, 403, 404) },
        },
      },
      '/v1/unmet-needs/summary': {
        get: {
          summary: "Unmet needs by category and area in the organisation's practices: where offers are missing",
          security: auth,
          responses: { '200': { description: 'Counts, most frequent first', content: json('UnmetNeedSummary') }, ...problems(401, 403) },
        },
      },
      '/v1/events/stream': {
        get: {
          summary: 'Server-sent events from the outbox for the referrals the token may see (referral.created, referral.status_changed, message.created, consent.recorded, consent.withdrawn); `id` is the outbox position, send it back as Last-Event-ID to resume; ends with `token_expired`',
          security: auth,
          parameters: [{ name: 'Last-Event-ID', in: 'header', schema: { type: 'string' }, description: 'Resume after this event' }],
          responses: { '200': { description: 'text/event-stream', content: { 'text/event-stream': { schema: { type: 'string' } } } }, ...problems(401) },
        },
      },
      '/v1/offers': {
        get: {
          summary: "Search the organisation's offers catalogue (navigators): by category, area (town or postal code), weekday, time of day and text",
          security: auth,
          parameters: ['category', 'area', 'weekday', 'time', 'q', 'includeRetired'].map((name) => ({ name, in: 'query', schema: { type: 'string' } })),
          responses: { '200': { description: 'Matching offers, by name', content: json('OfferList') }, ...problems(400, 401, 403) },
        },
        post: {
          summary: 'Add an offer (coordinators), in the HSDS shape: organisation, service, location, schedules, contacts, categories, reception agreement',
          security: auth,
          requestBody: {
            required: true,
            content: {
              'application/json': {
                schema: ref('NewOffer'),
                example: exampleNewOffer,
              },
            },
          },
          responses: { '201': { description: 'Added', content: json('Offer') }, ...problems(400, 401, 403) },
        },
      },
      '/v1/offers/export/hsds': {
        get: {
          summary: 'The whole catalogue (retired offers included, with their status) as Open Referral HSDS 3.1 services, in the page shape of the HSDS API; valid against HSDS 3.1\'s compiled service schema',
          security: auth,
          responses: { '200': { description: 'HSDS service page (attachment henvis-offers-hsds.json)' }, ...problems(401, 403) },
        },
      },
      '/v1/offers/export/hsds.zip': {
        get: {
          summary: "The whole catalogue as the HSDS 3.1 tabular data package: a zip of one CSV per HSDS table (HSDS's columns and order) and a datapackage.json",
          security: auth,
          responses: { '200': { description: 'application/zip (attachment henvis-offers-hsds.zip)' }, ...problems(401, 403) },
        },
      },
      '/v1/offers/import/hsds': {
        post: {
          summary: 'Import Open Referral HSDS 3.1 services (coordinators): an HSDS API page or a list; valid ones are added or update the offer with the same service id, each invalid one is named in the report by row and HSDS field; `dryRun=true` only checks',
          security: auth,
          parameters: [{ name: 'dryRun', in: 'query', schema: { type: 'string', enum: ['true', 'false'] } }],
          responses: { '200': { description: '{ dryRun, created, updated, rejected: [{ row, serviceId, name, errors: [{ field, message }] }] }' }, ...problems(400, 401, 403, 413) },
        },
      },
      '/v1/offers/import/hsds.zip': {
        post: {
          summary: 'Import the HSDS 3.1 tabular data package (coordinators): a zip of CSVs as the export gives (application/zip, up to 5 MB); refused rows are named by file, line and column; `dryRun=true` only checks',
          security: auth,
          parameters: [{ name: 'dryRun', in: 'query', schema: { type: 'string', enum: ['true', 'false'] } }],
          responses: { '200': { description: 'The import report' }, ...problems(400, 401, 403, 413, 415) },
        },
      },
      '/v1/offers/{id}': {
        get: { summary: 'One offer', security: auth, parameters: [idParam], responses: { '200': { description: 'The offer', content: json('Offer') }, ...problems(401, 403, 404) } },
        put: {
          summary: 'Edit an offer (coordinators); its ids stay',
          security: auth,
          parameters: [idParam],
          requestBody: { required: true, content: { 'application/json': { schema: ref('NewOffer'), example: exampleNewOffer } } },
          responses: { '200': { description: 'The edited offer', content: json('Offer') }, ...problems(400, 401, 403, 404) },
        },
      },
      '/v1/offers/{id}/retire': {
        post: { summary: 'Retire an offer (coordinators): kept for the courses that link to it, out of searches', security: auth, parameters: [idParam], responses: { '200': { description: 'The retired offer', content: json('Offer') }, ...problems(401, 403, 404) } },
      },
      '/v1/who5-follow-ups': {
        get: {
          summary: "WHO-5 follow-ups that are due (6 months after the baseline) or overdue (after 8), in the navigator's practices",
          security: auth,
          parameters: [{ name: 'state', in: 'query', schema: { type: 'string', enum: ['due', 'overdue'] }, description: 'Only these; both when left out' }],
          responses: { '200': { description: 'Follow-ups', content: json('FollowUpList') }, ...problems(400, 401, 403) },
        },
      },
    },
  };
}
