import { randomUUID } from 'node:crypto';
import type { NewOffer, Offer } from '@henvis/contracts';
import type { Queryable } from '../db/database.js';

interface OfferRow {
  id: string;
  navigator_org_id: string;
  status: Offer['service']['status'];
  content: Offer;
}

/** An offer as the catalogue keeps it: every HSDS object with its id, the service's status as given. */
export function completeOffer(input: NewOffer, id: string = randomUUID(), previous?: Offer): Offer {
  const { organization, service, location, ...rest } = input;
  return {
    ...rest,
    id,
    organization: { ...organization, id: organization.id ?? previous?.organization.id ?? randomUUID() },
    service: {
      ...service,
      id: service.id ?? previous?.service.id ?? randomUUID(),
      status: service.status ?? previous?.service.status ?? 'active',
    },
    ...(location ? { location: { ...location, id: location.id ?? previous?.location?.id ?? randomUUID() } } : {}),
  };
}

export async function saveOffer(tx: Queryable, orgId: string, offer: Offer, at: Date): Promise<Offer> {
  await tx.query(
    `insert into offers (id, navigator_org_id, status, content, updated_at) values ($1, $2, $3, $4::jsonb, $5)
     on conflict (id) do update set status = excluded.status, content = excluded.content, updated_at = excluded.updated_at`,
    [offer.id, orgId, offer.service.status, JSON.stringify(offer), at],
  );
  return offer;
}

export async function findOffer(tx: Queryable, orgId: string, id: string): Promise<Offer | undefined> {
  const [row] = await tx.query<OfferRow>('select * from offers where id = $1 and navigator_org_id = $2', [id, orgId]);
  return row?.content;
}

export async function listOffers(tx: Queryable, orgId: string, includeRetired: boolean): Promise<Offer[]> {
  const rows = await tx.query<OfferRow>(
    `select * from offers where navigator_org_id = $1 ${includeRetired ? '' : "and status = 'active'"} order by content->'service'->>'name', id`,
    [orgId],
  );
  return rows.map((r) => r.content);
}

export async function findOfferByServiceId(tx: Queryable, orgId: string, serviceId: string): Promise<Offer | undefined> {
  const [row] = await tx.query<OfferRow>("select * from offers where navigator_org_id = $1 and content->'service'->>'id' = $2", [
    orgId,
    serviceId,
  ]);
  return row?.content;
}
