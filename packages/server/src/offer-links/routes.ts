import { canMoveOfferLink, courseRefusal, type NewOfferLink, type OfferLinkChange } from '@henvis/contracts';
import type { FastifyPluginAsync } from 'fastify';
import { actorOf } from '../auth/principal.js';
import { isNavigatorSide, isUuid } from '../http/guard.js';
import { answer, body, params, problems, tagRoutes } from '../http/schemas.js';
import { findOffer } from '../offers/store.js';
import { changeStatus } from '../referrals/status-change.js';
import { findLinkForUpdate, insertLink, listLinks, updateLink } from './store.js';

/** `/v1/referrals/{id}/offer-links`: offers from the catalogue linked to the course, and how each went. */
// eslint-disable-next-line @typescript-eslint/require-await -- a Fastify plugin is async so a registration error rejects ready(), not the process; lint can't see it
export const offerLinkRoutes: FastifyPluginAsync = async (app) => {
  const { guard } = app;
  tagRoutes(app, 'offer-links');
  const navigators = (action: string) => guard.allow(isNavigatorSide, action, 'Navigators link offers.');

  app.post<{ Params: { id: string }; Body: NewOfferLink }>(
    '/referrals/:id/offer-links',
    {
      schema: {
        operationId: 'linkOffer',
        summary: 'Link an offer from the catalogue to the course (navigators); it starts as proposed',
        params: params('id'),
        body: body('NewOfferLink', { offerId: '0b7f4c1e-6a43-4b8e-9a51-0d3c2f1e9a10' }),
        response: { 201: answer('Linked', 'OfferLink'), ...problems(400, 401, 403, 404, 409, 422) },
      },
      preValidation: navigators('offer_link.create'),
    },
    async (request, reply) => {
      const { principal } = request;
      const link = await guard.onReferral(
        request,
        'offer_link.create',
        async (tx, row, audit) => {
          const refusal = courseRefusal(row.status);
          if (refusal) return audit.refuse(refusal);
          const offer = await findOffer(tx, principal.org.id, request.body.offerId);
          if (!offer || offer.service.status !== 'active') return audit.refuse('offer_not_found');
          const created = await insertLink(tx, row.id, offer, actorOf(principal), new Date());
          audit.ok();
          return created;
        },
        { forUpdate: true },
      );
      return reply.code(201).send(link);
    },
  );

  app.post<{ Params: { id: string; linkId: string }; Body: OfferLinkChange }>(
    '/referrals/:id/offer-links/:linkId/state',
    {
      schema: {
        operationId: 'changeOfferLink',
        summary:
          'Follow a linked offer: proposed → started (the referral becomes linked) → attending_3_months (3 months after it started), or stopped',
        params: params('id', 'linkId'),
        body: body('OfferLinkChange', { state: 'started' }),
        response: { 200: answer('The link', 'OfferLink'), ...problems(400, 401, 403, 404, 409) },
      },
      preValidation: navigators('offer_link.change'),
    },
    async (request) => {
      const { linkId } = request.params;
      const change = request.body;
      const by = actorOf(request.principal);
      return guard.onReferral(
        request,
        'offer_link.change',
        async (tx, row, audit) => {
          const about = {
            action: `offer_link.${change.state}`,
            resourceType: 'offer_link',
            ...(isUuid(linkId) ? { resourceId: linkId } : {}),
          };
          const found = isUuid(linkId) ? await findLinkForUpdate(tx, row.id, linkId) : undefined;
          if (!found) return audit.notFound(about);
          const now = new Date();
          if (!canMoveOfferLink(found, change.state, now)) return audit.refuse('offer_link_state_invalid', about);
          const updated = await updateLink(
            tx,
            found.id,
            change.state,
            [...found.history, { state: change.state, at: now.toISOString(), by }],
            now,
          );
          // A citizen who has started in an offer is what "linked" means on the referral.
          if (change.state === 'started' && row.status === 'plan_made') await changeStatus(tx, row, 'linked', by, now);
          audit.ok(about);
          return updated;
        },
        { forUpdate: true },
      );
    },
  );

  app.get<{ Params: { id: string } }>(
    '/referrals/:id/offer-links',
    {
      schema: {
        operationId: 'listOfferLinks',
        summary: 'The offers linked to the course, each with its history',
        params: params('id'),
        response: { 200: answer('Links', 'OfferLinkList'), ...problems(401, 404) },
      },
    },
    async (request) =>
      guard.onReferral(request, 'offer_link.list', async (tx, row, audit) => {
        audit.ok();
        return { items: await listLinks(tx, row.id) };
      }),
  );
};
