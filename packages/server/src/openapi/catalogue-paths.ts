/** The offers catalogue, with its HSDS import and export. */
import { NewOffer } from '@henvis/contracts';
import { ref, json, problems, idParam, auth } from './shared.js';

const exampleNewOffer: NewOffer = {
  organization: { name: 'Grenaa Gåklub' },
  service: { name: 'Gåture for alle' },
  location: { address: { address1: 'Færgevej 4', postalCode: '8500', city: 'Grenaa' } },
  schedules: [{ byDay: ['TU'], opensAt: '10:00', closesAt: '11:30' }],
  contacts: [{ name: 'Kirsten Holm', phone: '+45 21 43 65 87' }],
  categories: ['walking'],
  receptionAgreement: 'En fast kontaktperson tager imod første gang.',
};
export const cataloguePaths = {
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
};
