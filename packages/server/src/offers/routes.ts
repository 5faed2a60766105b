import {
  NewOffer,
  OfferQuery,
  hsdsFieldOf,
  hsdsServicePage,
  hsdsServicesFromTables,
  hsdsTables,
  hsdsToNewOffer,
  offerMatches,
  parseContract,
  type HsdsImportReport,
  type OfferList,
} from '@henvis/contracts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { audit } from '../audit.js';
import { HttpProblem } from '../http-problem.js';
import { createGuard, isNavigatorSide, isUuid, type GuardOptions } from '../referrals/guard.js';
import { parseBody } from '../referrals/routes.js';
import { completeOffer, findOffer, findOfferByServiceId, listOffers, saveOffer } from './store.js';

const IMPORT_LIMIT = 5 * 1024 * 1024;

interface Imported {
  service: Record<string, unknown>;
  /** Where an HSDS field of this service came from, for the report. */
  fieldOf(field: string): string;
}

/**
 * `/v1/offers`: the navigator organisation's offers catalogue. Navigators search it; coordinators create, edit and
 * retire offers. Offers hold no personal data; changes are audited all the same, with who made them.
 */
export async function offerRoutes(app: FastifyInstance, options: GuardOptions) {
  const { db } = options;
  const { requireRole } = createGuard(options);
  const navigatorOf = (request: FastifyRequest) => requireRole(request, isNavigatorSide, 'offer.read', "The offers catalogue is the navigators'.");
  const coordinatorOf = (request: FastifyRequest) => requireRole(request, (role) => role === 'coordinator', 'offer.write', 'Coordinators keep the catalogue.');

  app.get('/offers', async (request): Promise<OfferList> => {
    const principal = await navigatorOf(request);
    const query = parseContract(OfferQuery, request.query);
    if (!query.ok) throw new HttpProblem('invalid_query', undefined, query.errors);
    const { includeRetired, ...criteria } = query.value;
    const offers = await listOffers(db, principal.org.id, includeRetired === 'true');
    return { items: offers.filter((offer) => offerMatches(offer, criteria)) };
  });

  // The whole catalogue, retired offers included (their HSDS status says so), as Open Referral HSDS 3.1.
  app.get('/offers/export/hsds', async (request, reply) => {
    const principal = await navigatorOf(request);
    const page = hsdsServicePage(await listOffers(db, principal.org.id, true));
    return reply.header('content-disposition', 'attachment; filename="henvis-offers-hsds.json"').send(page);
  });

  /** Adds or updates (by service id) each valid service, and names each invalid one by row and field. */
  async function importServices(request: FastifyRequest, services: Imported[], dryRun: boolean): Promise<HsdsImportReport> {
    const principal = await coordinatorOf(request);
    const report: HsdsImportReport = { dryRun, created: 0, updated: 0, rejected: [] };
    await db.transaction(async (tx) => {
      const now = new Date();
      for (const [index, { service, fieldOf }] of services.entries()) {
        const parsed = parseContract(NewOffer, hsdsToNewOffer(service), 'en');
        if (!parsed.ok) {
          report.rejected.push({
            row: index + 1,
            ...(typeof service.id === 'string' ? { serviceId: service.id } : {}),
            ...(typeof service.name === 'string' ? { name: service.name } : {}),
            errors: parsed.errors.map((e) => ({ field: fieldOf(hsdsFieldOf(e.path)), message: e.message })),
          });
          continue;
        }
        const previous = parsed.value.service.id ? await findOfferByServiceId(tx, principal.org.id, parsed.value.service.id) : undefined;
        if (previous) report.updated++;
        else report.created++;
        if (!dryRun) await saveOffer(tx, principal.org.id, completeOffer(parsed.value, previous?.id, previous), now);
      }
      const detail = `${report.created}+${report.updated}/${report.rejected.length}`;
      await audit(tx, principal, [{ action: dryRun ? 'offer.import.check' : 'offer.import', outcome: 'ok', detail }], request.ip);
    });
    return report;
  }

  // Open Referral HSDS 3.1 services in: an HSDS API page or a list. `dryRun=true` only checks.
  app.post<{ Querystring: { dryRun?: string } }>('/offers/import/hsds', { bodyLimit: IMPORT_LIMIT }, async (request) => {
    await coordinatorOf(request);
    const body = request.body as { contents?: unknown } | unknown[] | null;
    const services = Array.isArray(body) ? body : Array.isArray((body as { contents?: unknown })?.contents) ? (body as { contents: unknown[] }).contents : undefined;
    if (!services) throw new HttpProblem('validation_failed', undefined, [{ path: 'contents', code: 'required', message: 'Send an HSDS service page ({ contents: [...] }) or a list of services.' }]);
    const rows = services.map((service) => ({ service: (service && typeof service === 'object' ? service : {}) as Record<string, unknown>, fieldOf: (field: string) => field }));
    return importServices(request, rows, request.query.dryRun === 'true');
  });

  // The HSDS tabular data package in (a zip of CSVs, as the export gives); refused rows are named by file and line.
  app.addContentTypeParser('application/zip', { parseAs: 'buffer', bodyLimit: IMPORT_LIMIT }, (_request, body, done) => done(null, body));
  app.post<{ Querystring: { dryRun?: string } }>('/offers/import/hsds.zip', { bodyLimit: IMPORT_LIMIT }, async (request) => {
    await coordinatorOf(request);
    let files: Record<string, string>;
    try {
      files = Object.fromEntries(Object.entries(unzipSync(request.body as Buffer)).map(([name, bytes]) => [name.split('/').at(-1)!, strFromU8(bytes)]));
    } catch {
      throw new HttpProblem('validation_failed', undefined, [{ path: '', code: 'invalid_zip', message: 'Send a zip of HSDS CSV files (services.csv, organizations.csv, …).' }]);
    }
    if (!files['services.csv']) throw new HttpProblem('validation_failed', undefined, [{ path: 'services.csv', code: 'required', message: 'The package has no services.csv.' }]);
    const rows = hsdsServicesFromTables(files).map(({ service, sourceOf }) => ({ service, fieldOf: sourceOf }));
    return importServices(request, rows, request.query.dryRun === 'true');
  });

  // The same as the HSDS tabular data package: a zip of one CSV per HSDS table and a Frictionless datapackage.json.
  app.get('/offers/export/hsds.zip', async (request, reply) => {
    const principal = await navigatorOf(request);
    const tables = hsdsTables(hsdsServicePage(await listOffers(db, principal.org.id, true)).contents);
    const datapackage = {
      name: 'henvis-offers',
      profile: 'tabular-data-package',
      resources: Object.keys(tables).map((path) => ({ name: path.replace(/\.csv$/, ''), path, profile: 'tabular-data-resource', format: 'csv', encoding: 'utf-8' })),
    };
    const files: Record<string, Uint8Array> = { 'datapackage.json': strToU8(JSON.stringify(datapackage, null, 2)) };
    for (const [name, text] of Object.entries(tables)) files[name] = strToU8(text);
    return reply
      .type('application/zip')
      .header('content-disposition', 'attachment; filename="henvis-offers-hsds.zip"')
      .send(Buffer.from(zipSync(files)));
  });

  app.get<{ Params: { id: string } }>('/offers/:id', async (request) => {
    const principal = await navigatorOf(request);
    const offer = isUuid(request.params.id) ? await findOffer(db, principal.org.id, request.params.id) : undefined;
    if (!offer) throw new HttpProblem('not_found');
    return offer;
  });

  app.post('/offers', async (request, reply) => {
    const principal = await coordinatorOf(request);
    const input = parseBody<NewOffer>(NewOffer, request.body);
    const offer = await db.transaction(async (tx) => {
      const saved = await saveOffer(tx, principal.org.id, completeOffer(input), new Date());
      await audit(tx, principal, [{ action: 'offer.create', outcome: 'ok', resourceType: 'offer', resourceId: saved.id }], request.ip);
      return saved;
    });
    return reply.code(201).header('location', `/v1/offers/${offer.id}`).send(offer);
  });

  app.put<{ Params: { id: string } }>('/offers/:id', async (request) => {
    const principal = await coordinatorOf(request);
    const input = parseBody<NewOffer>(NewOffer, request.body);
    return db.transaction(async (tx) => {
      const previous = isUuid(request.params.id) ? await findOffer(tx, principal.org.id, request.params.id) : undefined;
      if (!previous) throw new HttpProblem('not_found');
      const saved = await saveOffer(tx, principal.org.id, completeOffer(input, previous.id, previous), new Date());
      await audit(tx, principal, [{ action: 'offer.update', outcome: 'ok', resourceType: 'offer', resourceId: saved.id }], request.ip);
      return saved;
    });
  });

  app.post<{ Params: { id: string } }>('/offers/:id/retire', async (request) => {
    const principal = await coordinatorOf(request);
    return db.transaction(async (tx) => {
      const offer = isUuid(request.params.id) ? await findOffer(tx, principal.org.id, request.params.id) : undefined;
      if (!offer) throw new HttpProblem('not_found');
      const saved = await saveOffer(tx, principal.org.id, { ...offer, service: { ...offer.service, status: 'defunct' } }, new Date());
      await audit(tx, principal, [{ action: 'offer.retire', outcome: 'ok', resourceType: 'offer', resourceId: saved.id }], request.ip);
      return saved;
    });
  });
}
