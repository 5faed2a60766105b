import { randomUUID } from 'node:crypto';
import { NewOfferLink, OfferLinkChange, canMoveOfferLink, terminalStatuses, type OfferLink } from '@henvis/contracts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Queryable } from '../db/database.js';
import { createGuard, isNavigatorSide, isUuid, type GuardOptions } from '../referrals/guard.js';
import { actorOf, parseBody } from '../referrals/routes.js';
import { changeStatus } from '../referrals/status-change.js';
import { findOffer } from './store.js';

interface LinkRow {
  id: string;
  referral_id: string;
  offer_id: string;
  offer_name: string;
  state: OfferLink['state'];
  history: OfferLink['history'];
}

const toLink = (row: LinkRow): OfferLink => ({
  id: row.id,
  referralId: row.referral_id,
  offerId: row.offer_id,
  offerName: row.offer_name,
  state: row.state,
  history: row.history,
});

const listLinks = async (tx: Queryable, referralId: string) =>
  (await tx.query<LinkRow>('select * from offer_links where referral_id = $1 order by updated_at, id', [referralId])).map(toLink);

/** `/v1/referrals/{id}/offer-links`: offers from the catalogue linked to the course, and how each went. */
export async function offerLinkRoutes(app: FastifyInstance, options: GuardOptions) {
  const { audited, findVisible, requireRole } = createGuard(options);
  const requireNavigator = (request: FastifyRequest, action: string) => requireRole(request, isNavigatorSide, action, 'Navigators link offers.');

  app.post<{ Params: { id: string } }>('/referrals/:id/offer-links', async (request, reply) => {
    const principal = await requireNavigator(request, 'offer_link.create');
    const input = parseBody<NewOfferLink>(NewOfferLink, request.body);
    const link = await audited(request, async (tx, log) => {
      const row = await findVisible(tx, request, request.params.id, 'offer_link.create', log, true);
      if (!row) return 'not_found';
      const entry = { action: 'offer_link.create', resourceType: 'referral', resourceId: row.id, patientKey: row.patient_key } as const;
      const refuse = (code: 'referral_not_accepted' | 'invalid_transition' | 'offer_not_found') => {
        log.push({ ...entry, outcome: 'refused', detail: code });
        return code;
      };
      if (row.status === 'sent' || row.status === 'received') return refuse('referral_not_accepted');
      if (terminalStatuses.includes(row.status)) return refuse('invalid_transition');
      const offer = await findOffer(tx, principal.org.id, input.offerId);
      if (!offer || offer.service.status !== 'active') return refuse('offer_not_found');
      const now = new Date().toISOString();
      const [created] = await tx.query<LinkRow>(
        `insert into offer_links (id, referral_id, offer_id, offer_name, state, history, updated_at)
         values ($1, $2, $3, $4, 'proposed', $5::jsonb, $6) returning *`,
        [randomUUID(), row.id, offer.id, offer.service.name, JSON.stringify([{ state: 'proposed', at: now, by: actorOf(principal) }]), now],
      );
      log.push({ ...entry, outcome: 'ok' });
      return toLink(created!);
    });
    return reply.code(201).send(link);
  });

  app.post<{ Params: { id: string; linkId: string } }>('/referrals/:id/offer-links/:linkId/state', async (request) => {
    const principal = await requireNavigator(request, 'offer_link.change');
    const change = parseBody<OfferLinkChange>(OfferLinkChange, request.body);
    return audited(request, async (tx, log) => {
      const row = await findVisible(tx, request, request.params.id, 'offer_link.change', log, true);
      if (!row) return 'not_found';
      const entry = { action: `offer_link.${change.state}`, resourceType: 'offer_link', resourceId: request.params.linkId, patientKey: row.patient_key } as const;
      const [found] = isUuid(request.params.linkId)
        ? await tx.query<LinkRow>('select * from offer_links where id = $1 and referral_id = $2 for update', [request.params.linkId, row.id])
        : [];
      if (!found) {
        log.push({ ...entry, outcome: 'denied', detail: 'not_found' });
        return 'not_found';
      }
      const now = new Date();
      if (!canMoveOfferLink(toLink(found), change.state, now)) {
        log.push({ ...entry, outcome: 'refused', detail: 'offer_link_state_invalid' });
        return 'offer_link_state_invalid';
      }
      const history = [...found.history, { state: change.state, at: now.toISOString(), by: actorOf(principal) }];
      const [updated] = await tx.query<LinkRow>('update offer_links set state = $2, history = $3::jsonb, updated_at = $4 where id = $1 returning *', [
        found.id,
        change.state,
        JSON.stringify(history),
        now,
      ]);
      // A citizen who has started in an offer is what "linked" means on the referral.
      if (change.state === 'started' && row.status === 'plan_made') {
        await changeStatus(tx, row, 'linked', actorOf(principal), now);
      }
      log.push({ ...entry, outcome: 'ok' });
      return toLink(updated!);
    });
  });

  app.get<{ Params: { id: string } }>('/referrals/:id/offer-links', async (request) =>
    audited(request, async (tx, log) => {
      const row = await findVisible(tx, request, request.params.id, 'offer_link.list', log);
      if (!row) return 'not_found';
      log.push({ action: 'offer_link.list', outcome: 'ok', resourceType: 'referral', resourceId: row.id, patientKey: row.patient_key });
      return { items: await listLinks(tx, row.id) };
    }),
  );
}
