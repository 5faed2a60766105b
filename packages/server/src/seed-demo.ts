import { demoNavigatorOrgs } from './auth/demo-directory.js';
import type { Database } from './db/database.js';

/** Development mode: the demo navigator organisations serve the demo practices. */
export async function seedDemoDirectory(db: Database): Promise<void> {
  const pairs = demoNavigatorOrgs.flatMap((org) => org.serves.map((practiceId) => [org.id, practiceId] as const));
  await db.transaction(async (tx) => {
    for (const [orgId, practiceId] of pairs) {
      await tx.query(
        'insert into navigator_org_practices (navigator_org_id, practice_id) values ($1, $2) on conflict do nothing',
        [orgId, practiceId],
      );
    }
  });
}
