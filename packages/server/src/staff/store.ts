import type { Colleague } from '@henvis/contracts';
import type { Principal } from '../auth/principal.js';
import type { Queryable } from '../db/database.js';

/** Someone not seen for this long has probably left: no longer listed, and no longer someone to hand a citizen to. */
const STAFF_FORGOTTEN_AFTER_DAYS = 90;

/** Records that a navigator or coordinator was here, under the name and role their token gives now. */
export async function recordSeen(db: Queryable, p: Principal, at: Date): Promise<void> {
  await db.query(
    `insert into staff (org_id, sub, name, role, last_seen) values ($1, $2, $3, $4, $5)
     on conflict (org_id, sub) do update set name = excluded.name, role = excluded.role, last_seen = excluded.last_seen`,
    [p.org.id, p.sub, p.name, p.role, at],
  );
}

export async function listColleagues(tx: Queryable, orgId: string): Promise<Colleague[]> {
  const rows = await tx.query<{ sub: string; name: string; role: Colleague['role'] }>(
    `select sub, name, role from staff where org_id = $1 and last_seen > now() - interval '${STAFF_FORGOTTEN_AFTER_DAYS} days' order by name, sub`,
    [orgId],
  );
  return rows.map((r) => ({ id: r.sub, name: r.name, role: r.role }));
}

export async function findColleague(tx: Queryable, orgId: string, sub: string): Promise<Colleague | undefined> {
  const [row] = await tx.query<{ sub: string; name: string; role: Colleague['role'] }>(
    `select sub, name, role from staff where org_id = $1 and sub = $2 and last_seen > now() - interval '${STAFF_FORGOTTEN_AFTER_DAYS} days'`,
    [orgId, sub],
  );
  return row && { id: row.sub, name: row.name, role: row.role };
}
