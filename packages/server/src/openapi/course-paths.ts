/** The navigators' course: plan, contacts, offer links, unmet needs. */
import { ref, json, problems, idParam, auth } from './shared.js';

export const coursePaths = {
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
  '/v1/first-contacts': {
    get: {
      summary: "The navigators' worklist: open referrals of the served practices without a first contact, oldest first, each with when it is (or became) overdue: 2 Danish working days after the referral",
      security: auth,
      parameters: [{ name: 'state', in: 'query', schema: { type: 'string', enum: ['overdue'] }, description: 'Only the overdue ones' }],
      responses: { '200': { description: 'Waiting referrals' }, ...problems(400, 401, 403) },
    },
  },
};
