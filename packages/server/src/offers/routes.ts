import {
  NewOffer,
  categoryTaxonomyTerms,
  hsdsDataPackage,
  hsdsFieldOf,
  hsdsServicePage,
  hsdsServicesFromTables,
  hsdsTables,
  hsdsToNewOffer,
  offerChanges,
  offerMatches,
  parseContract,
  withoutRepeatedSchedules,
  type HsdsImportQuery,
  type HsdsImportReport,
  type Locale,
  type OfferList,
  type OfferQuery,
} from '@henvis/contracts';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { audit } from '../audit.js';
import { isNavigatorSide, isUuid } from '../http/guard.js';
import { HttpProblem } from '../http-problem.js';
import { answer, body, fileAnswer, params, problems, query, tagRoutes } from '../http/schemas.js';
import { completeOffer, findOffer, findOfferByServiceId, listOffers, saveOffer } from './store.js';

const IMPORT_LIMIT = 5 * 1024 * 1024;

interface Imported {
  service: Record<string, unknown>;
  /** Where an HSDS field of this service came from, for the report: the field, and the file and line of a table. */
  fieldOf: (field: string) => { field: string; file?: string; line?: number };
}

const exampleNewOffer: NewOffer = {
  organization: { name: 'Grenaa Gåklub' },
  service: { name: 'Gåture for alle' },
  location: { address: { address1: 'Færgevej 4', postalCode: '8500', city: 'Grenaa' } },
  schedules: [{ byDay: ['TU'], opensAt: '10:00', closesAt: '11:30' }],
  contacts: [{ name: 'Kirsten Holm', phone: '+45 21 43 65 87' }],
  categories: ['walking', 'physical_activity'],
  categoryNote: 'Stavgang',
  receptionAgreement: 'En fast kontaktperson tager imod første gang.',
};

/**
 * `/v1/offers`: the navigator organisation's offers catalogue. Navigators search it; coordinators create, edit and
 * retire offers, and import them. Offers hold no personal data; changes are audited all the same, with who made them.
 */
// eslint-disable-next-line @typescript-eslint/require-await -- a Fastify plugin is async so a registration error rejects ready(), not the process; lint can't see it
export const offerRoutes: FastifyPluginAsync = async (app) => {
  const { db, guard } = app;
  tagRoutes(app, 'offers');
  const navigators = guard.allow(isNavigatorSide, 'offer.read', "The offers catalogue is the navigators'.");
  const coordinators = guard.allow((role) => role === 'coordinator', 'offer.write', 'Coordinators keep the catalogue.');

  app.get<{ Querystring: OfferQuery }>(
    '/offers',
    {
      schema: {
        operationId: 'searchOffers',
        summary:
          "Search the organisation's offers catalogue (navigators): by category, area (town or postal code), weekday, time of day and text",
        querystring: query('OfferQuery'),
        response: { 200: answer('Matching offers, by name', 'OfferList'), ...problems(400, 401, 403) },
      },
      preValidation: navigators,
    },
    async (request): Promise<OfferList> => {
      const { includeRetired, ...criteria } = request.query;
      const offers = await listOffers(db, request.principal.org.id, includeRetired === 'true');
      return { items: offers.filter((offer) => offerMatches(offer, criteria)) };
    },
  );

  // The whole catalogue, retired offers included (their HSDS status says so), as Open Referral HSDS 3.1.
  app.get(
    '/offers/export/hsds',
    {
      schema: {
        operationId: 'exportOffersHsds',
        summary:
          "The whole catalogue (retired offers included, with their status) as Open Referral HSDS 3.1 services, in the page shape of the HSDS API; valid against HSDS 3.1's compiled service schema",
        response: { 200: answer('HSDS service page (attachment henvis-offers-hsds.json)', 'HsdsServicePage'), ...problems(401, 403) },
      },
      preValidation: navigators,
    },
    async (request, reply) => {
      const page = hsdsServicePage(await listOffers(db, request.principal.org.id, true));
      return reply.header('content-disposition', 'attachment; filename="henvis-offers-hsds.json"').send(page);
    },
  );

  // The same as the HSDS tabular data package: a zip of one CSV per HSDS table and a Frictionless datapackage.json.
  app.get(
    '/offers/export/hsds.zip',
    {
      schema: {
        operationId: 'exportOffersHsdsZip',
        summary:
          "The whole catalogue as the HSDS 3.1 tabular data package: a zip of one CSV per HSDS table (HSDS's columns and order) and a datapackage.json",
        response: { 200: fileAnswer('application/zip (attachment henvis-offers-hsds.zip)', 'application/zip'), ...problems(401, 403) },
      },
      preValidation: navigators,
    },
    async (request, reply) => {
      // The whole category list in both languages, whether an offer uses a category or not.
      const tables = hsdsTables(hsdsServicePage(await listOffers(db, request.principal.org.id, true)).contents, categoryTaxonomyTerms());
      const datapackage = hsdsDataPackage();
      const files: Record<string, Uint8Array> = { 'datapackage.json': strToU8(JSON.stringify(datapackage, null, 2)) };
      for (const [name, text] of Object.entries(tables)) files[name] = strToU8(text);
      return reply
        .type('application/zip')
        .header('content-disposition', 'attachment; filename="henvis-offers-hsds.zip"')
        .send(Buffer.from(zipSync(files)));
    },
  );

  /**
   * Adds or updates (by service id) each valid service, leaving alone an offer the import would not change, and names
   * each invalid one by row and field, in the report's language.
   */
  async function importServices(request: FastifyRequest, services: Imported[], how: HsdsImportQuery): Promise<HsdsImportReport> {
    const { principal } = request;
    const dryRun = how.dryRun === 'true';
    const locale: Locale = how.locale ?? 'en';
    const report: HsdsImportReport = { dryRun, created: 0, updated: 0, unchanged: 0, offers: [], rejected: [] };
    await db.transaction(async (tx) => {
      const now = new Date();
      for (const [index, { service, fieldOf }] of services.entries()) {
        const row = index + 1;
        const serviceId = typeof service.id === 'string' ? { serviceId: service.id } : {};
        const parsed = parseContract(NewOffer, hsdsToNewOffer(service), locale);
        if (!parsed.ok) {
          report.rejected.push({
            row,
            ...serviceId,
            ...(typeof service.name === 'string' ? { name: service.name } : {}),
            errors: parsed.errors.map((e) => ({ ...fieldOf(hsdsFieldOf(e.path)), code: e.code, message: e.message })),
          });
          continue;
        }
        const previous = parsed.value.service.id ? await findOfferByServiceId(tx, principal.org.id, parsed.value.service.id) : undefined;
        const offer = completeOffer(withoutRepeatedSchedules(parsed.value), previous?.id, previous);
        const changed = previous ? offerChanges(previous, offer) : [];
        const outcome = !previous ? 'created' : changed.length ? 'updated' : 'unchanged';
        report[outcome]++;
        report.offers.push({ row, ...serviceId, name: offer.service.name, outcome, ...(outcome === 'updated' ? { changed } : {}) });
        if (!dryRun && outcome !== 'unchanged') await saveOffer(tx, principal.org.id, offer, now);
      }
      const detail = `${report.created}+${report.updated}=${report.unchanged}/${report.rejected.length}`;
      await audit(tx, principal, [{ action: dryRun ? 'offer.import.check' : 'offer.import', outcome: 'ok', detail }], request.ip);
    });
    return report;
  }

  // Open Referral HSDS 3.1 services in: an HSDS API page or a list. Each service is checked on its own, so the
  // body has no schema of its own: a bad service is a line of the report, not a refusal of the whole import.
  app.post<{ Querystring: HsdsImportQuery }>(
    '/offers/import/hsds',
    {
      bodyLimit: IMPORT_LIMIT,
      schema: {
        operationId: 'importOffersHsds',
        summary:
          'Import Open Referral HSDS 3.1 services (coordinators): an HSDS API page or a list; valid ones are added or update the offer with the same service id (one the import would not change is left alone), each named in the report with what became of it; each invalid one is named by row and HSDS field, in the language of `locale`; categories are read by code or name onto the controlled list, other terms into the category note; `dryRun=true` only checks',
        querystring: query('HsdsImportQuery'),
        response: {
          200: answer(
            '{ dryRun, created, updated, unchanged, offers: [{ row, serviceId, name, outcome, changed }], rejected: [{ row, serviceId, name, errors: [{ field, file, line, code, message }] }] }',
            'HsdsImportReport',
          ),
          ...problems(400, 401, 403, 413),
        },
      },
      preValidation: coordinators,
    },
    async (request) => {
      const sent: unknown = request.body;
      const contents = typeof sent === 'object' && sent !== null && 'contents' in sent ? sent.contents : undefined;
      const services: unknown[] | undefined = Array.isArray(sent) ? sent : Array.isArray(contents) ? contents : undefined;
      if (!services) {
        throw new HttpProblem('validation_failed', undefined, [
          { path: 'contents', code: 'required', message: 'Send an HSDS service page ({ contents: [...] }) or a list of services.' },
        ]);
      }
      const rows = services.map((service) => ({
        service: (service && typeof service === 'object' ? service : {}) as Record<string, unknown>,
        fieldOf: (field: string) => ({ field }),
      }));
      return importServices(request, rows, request.query);
    },
  );

  // The HSDS tabular data package in (a zip of CSVs, as the export gives); refused rows are named by file and line.
  app.addContentTypeParser('application/zip', { parseAs: 'buffer', bodyLimit: IMPORT_LIMIT }, (_request, payload, done) =>
    done(null, payload),
  );
  app.post<{ Querystring: HsdsImportQuery }>(
    '/offers/import/hsds.zip',
    {
      bodyLimit: IMPORT_LIMIT,
      schema: {
        operationId: 'importOffersHsdsZip',
        summary:
          'Import the HSDS 3.1 tabular data package (coordinators): a zip of CSVs as the export gives (application/zip, up to 5 MB); refused rows are named by file, line and column; `dryRun=true` only checks',
        querystring: query('HsdsImportQuery'),
        response: { 200: answer('The import report', 'HsdsImportReport'), ...problems(400, 401, 403, 413, 415) },
      },
      preValidation: coordinators,
    },
    async (request) => {
      let files: Record<string, string>;
      try {
        files = Object.fromEntries(
          Object.entries(unzipSync(request.body as Buffer)).map(([name, bytes]) => [
            name.slice(name.lastIndexOf('/') + 1),
            strFromU8(bytes),
          ]),
        );
      } catch {
        throw new HttpProblem('validation_failed', undefined, [
          { path: '', code: 'invalid_zip', message: 'Send a zip of HSDS CSV files (services.csv, organizations.csv, …).' },
        ]);
      }
      if (!files['services.csv'])
        throw new HttpProblem('validation_failed', undefined, [
          { path: 'services.csv', code: 'required', message: 'The package has no services.csv.' },
        ]);
      const rows = hsdsServicesFromTables(files).map(({ service, sourceOf }) => ({ service, fieldOf: sourceOf }));
      return importServices(request, rows, request.query);
    },
  );

  app.get<{ Params: { id: string } }>(
    '/offers/:id',
    {
      schema: {
        operationId: 'getOffer',
        summary: 'One offer',
        params: params('id'),
        response: { 200: answer('The offer', 'Offer'), ...problems(401, 403, 404) },
      },
      preValidation: navigators,
    },
    async (request) => {
      const offer = isUuid(request.params.id) ? await findOffer(db, request.principal.org.id, request.params.id) : undefined;
      if (!offer) throw new HttpProblem('not_found');
      return offer;
    },
  );

  app.post<{ Body: NewOffer }>(
    '/offers',
    {
      schema: {
        operationId: 'createOffer',
        summary:
          'Add an offer (coordinators), in the HSDS shape: organisation, service, location, schedules, contacts, categories, reception agreement',
        body: body('NewOffer', exampleNewOffer),
        response: { 201: answer('Added', 'Offer'), ...problems(400, 401, 403) },
      },
      preValidation: coordinators,
    },
    async (request, reply) => {
      const { principal } = request;
      const offer = await db.transaction(async (tx) => {
        const saved = await saveOffer(tx, principal.org.id, completeOffer(request.body), new Date());
        await audit(tx, principal, [{ action: 'offer.create', outcome: 'ok', resourceType: 'offer', resourceId: saved.id }], request.ip);
        return saved;
      });
      return reply.code(201).header('location', `/v1/offers/${offer.id}`).send(offer);
    },
  );

  app.put<{ Params: { id: string }; Body: NewOffer }>(
    '/offers/:id',
    {
      schema: {
        operationId: 'updateOffer',
        summary: 'Edit an offer (coordinators); its ids stay',
        params: params('id'),
        body: body('NewOffer', exampleNewOffer),
        response: { 200: answer('The edited offer', 'Offer'), ...problems(400, 401, 403, 404) },
      },
      preValidation: coordinators,
    },
    async (request) => {
      const { principal } = request;
      return db.transaction(async (tx) => {
        const previous = isUuid(request.params.id) ? await findOffer(tx, principal.org.id, request.params.id) : undefined;
        if (!previous) throw new HttpProblem('not_found');
        const saved = await saveOffer(tx, principal.org.id, completeOffer(request.body, previous.id, previous), new Date());
        await audit(tx, principal, [{ action: 'offer.update', outcome: 'ok', resourceType: 'offer', resourceId: saved.id }], request.ip);
        return saved;
      });
    },
  );

  app.post<{ Params: { id: string } }>(
    '/offers/:id/retire',
    {
      schema: {
        operationId: 'retireOffer',
        summary: 'Retire an offer (coordinators): kept for the courses that link to it, out of searches',
        params: params('id'),
        response: { 200: answer('The retired offer', 'Offer'), ...problems(401, 403, 404) },
      },
      preValidation: coordinators,
    },
    async (request) => {
      const { principal } = request;
      return db.transaction(async (tx) => {
        const offer = isUuid(request.params.id) ? await findOffer(tx, principal.org.id, request.params.id) : undefined;
        if (!offer) throw new HttpProblem('not_found');
        const saved = await saveOffer(tx, principal.org.id, { ...offer, service: { ...offer.service, status: 'defunct' } }, new Date());
        await audit(tx, principal, [{ action: 'offer.retire', outcome: 'ok', resourceType: 'offer', resourceId: saved.id }], request.ip);
        return saved;
      });
    },
  );
};
