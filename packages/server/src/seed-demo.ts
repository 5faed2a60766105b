import { demoNavigatorOrgs } from './auth/demo-directory.js';
import { one, type Database } from './db/database.js';
import { norddjursCatalogue } from './offers/norddjurs-catalogue.js';
import { completeOffer, saveOffer } from './offers/store.js';

/** Development mode: the demo navigator organisations and the demo practices they serve, seeded like configuration's. */
export const demoNavigatorOrgSeeds = demoNavigatorOrgs.map(({ id, name, serves }) => ({ id, name, practices: serves }));

/** Development mode: the Norddjurs navigators' offers catalogue, once. */
export async function seedDemoCatalogue(db: Database): Promise<void> {
  await db.transaction(async (tx) => {
    const existing = one(
      await tx.query<{ n: number }>("select count(*)::int as n from offers where navigator_org_id = 'norddjurs-navigatorer'"),
    );
    if (existing.n > 0) return;
    const now = new Date();
    for (const offer of norddjursCatalogue) await saveOffer(tx, 'norddjurs-navigatorer', completeOffer(offer), now);
  });
}
