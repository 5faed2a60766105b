import { demoNavigatorOrgs } from './auth/demo-directory.js';
import { one, type Database } from './db/database.js';
import { norddjursCatalogue } from './offers/norddjurs-catalogue.js';
import { completeOffer, saveOffer } from './offers/store.js';

/** Development mode: the demo navigator organisations serve the demo practices. */
export async function seedDemoDirectory(db: Database): Promise<void> {
  const pairs = demoNavigatorOrgs.flatMap((org) => org.serves.map((practiceId) => [org.id, practiceId] as const));
  await db.transaction(async (tx) => {
    for (const [orgId, practiceId] of pairs) {
      await tx.query('insert into navigator_org_practices (navigator_org_id, practice_id) values ($1, $2) on conflict do nothing', [
        orgId,
        practiceId,
      ]);
    }
  });
}

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
