import { NewOffer, OfferQuery, hsdsServicePage, isPracticeRole, offerMatches, parseContract, type OfferList } from '@henvis/contracts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Principal } from '../auth/principal.js';
import { audit } from '../audit.js';
import type { Database } from '../db/database.js';
import { HttpProblem } from '../http-problem.js';
import { isUuid } from '../referrals/guard.js';
import { parseBody } from '../referrals/routes.js';
import { completeOffer, findOffer, listOffers, saveOffer } from './store.js';

/**
 * `/v1/offers`: the navigator organisation's offers catalogue. Navigators search it; coordinators create, edit and
 * retire offers. Offers hold no personal data; changes are audited all the same, with who made them.
 */
export async function offerRoutes(app: FastifyInstance, { db, principalOf }: { db: Database; principalOf: (request: FastifyRequest) => Principal }) {
  const navigatorOf = (request: FastifyRequest) => {
    const principal = principalOf(request);
    if (isPracticeRole(principal.role)) throw new HttpProblem('role_not_allowed', "The offers catalogue is the navigators'.");
    return principal;
  };
  const coordinatorOf = (request: FastifyRequest) => {
    const principal = navigatorOf(request);
    if (principal.role !== 'coordinator') throw new HttpProblem('role_not_allowed', 'Coordinators keep the catalogue.');
    return principal;
  };

  app.get('/offers', async (request): Promise<OfferList> => {
    const principal = navigatorOf(request);
    const query = parseContract(OfferQuery, request.query);
    if (!query.ok) throw new HttpProblem('invalid_query', undefined, query.errors);
    const { includeRetired, ...criteria } = query.value;
    const offers = await listOffers(db, principal.org.id, includeRetired === 'true');
    return { items: offers.filter((offer) => offerMatches(offer, criteria)) };
  });

  // The whole catalogue, retired offers included (their HSDS status says so), as Open Referral HSDS 3.1.
  app.get('/offers/export/hsds', async (request, reply) => {
    const principal = navigatorOf(request);
    const page = hsdsServicePage(await listOffers(db, principal.org.id, true));
    return reply.header('content-disposition', 'attachment; filename="henvis-offers-hsds.json"').send(page);
  });

  app.get<{ Params: { id: string } }>('/offers/:id', async (request) => {
    const principal = navigatorOf(request);
    const offer = isUuid(request.params.id) ? await findOffer(db, principal.org.id, request.params.id) : undefined;
    if (!offer) throw new HttpProblem('not_found');
    return offer;
  });

  app.post('/offers', async (request, reply) => {
    const principal = coordinatorOf(request);
    const input = parseBody<NewOffer>(NewOffer, request.body);
    const offer = await db.transaction(async (tx) => {
      const saved = await saveOffer(tx, principal.org.id, completeOffer(input), new Date());
      await audit(tx, principal, [{ action: 'offer.create', outcome: 'ok', resourceType: 'offer', resourceId: saved.id }], request.ip);
      return saved;
    });
    return reply.code(201).header('location', `/v1/offers/${offer.id}`).send(offer);
  });

  app.put<{ Params: { id: string } }>('/offers/:id', async (request) => {
    const principal = coordinatorOf(request);
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
    const principal = coordinatorOf(request);
    return db.transaction(async (tx) => {
      const offer = isUuid(request.params.id) ? await findOffer(tx, principal.org.id, request.params.id) : undefined;
      if (!offer) throw new HttpProblem('not_found');
      const saved = await saveOffer(tx, principal.org.id, { ...offer, service: { ...offer.service, status: 'defunct' } }, new Date());
      await audit(tx, principal, [{ action: 'offer.retire', outcome: 'ok', resourceType: 'offer', resourceId: saved.id }], request.ip);
      return saved;
    });
  });
}
