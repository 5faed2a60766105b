import { randomUUID } from 'node:crypto';
import type { Actor, Offer, OfferLink } from '@henvis/contracts';
import { one, type Queryable } from '../db/database.js';

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

export const listLinks = async (tx: Queryable, referralId: string) =>
  (await tx.query<LinkRow>('select * from offer_links where referral_id = $1 order by updated_at, id', [referralId])).map(toLink);

/** Links an offer to a course, as proposed. */
export async function insertLink(tx: Queryable, referralId: string, offer: Offer, by: Actor, at: Date): Promise<OfferLink> {
  const created = one(
    await tx.query<LinkRow>(
      `insert into offer_links (id, referral_id, offer_id, offer_name, state, history, updated_at)
     values ($1, $2, $3, $4, 'proposed', $5::jsonb, $6) returning *`,
      [randomUUID(), referralId, offer.id, offer.service.name, JSON.stringify([{ state: 'proposed', at: at.toISOString(), by }]), at],
    ),
  );
  return toLink(created);
}

/** A link of this referral, locked for a change. */
export async function findLinkForUpdate(tx: Queryable, referralId: string, id: string): Promise<OfferLink | undefined> {
  const [found] = await tx.query<LinkRow>('select * from offer_links where id = $1 and referral_id = $2 for update', [id, referralId]);
  return found && toLink(found);
}

export async function updateLink(
  tx: Queryable,
  id: string,
  state: OfferLink['state'],
  history: OfferLink['history'],
  at: Date,
): Promise<OfferLink> {
  const updated = one(
    await tx.query<LinkRow>('update offer_links set state = $2, history = $3::jsonb, updated_at = $4 where id = $1 returning *', [
      id,
      state,
      JSON.stringify(history),
      at,
    ]),
  );
  return toLink(updated);
}
