import type { Colleague, ColleagueList } from '@henvis/contracts';
import type { FastifyInstance } from 'fastify';
import type { Queryable } from '../db/database.js';
import { createGuard, isNavigatorSide, type GuardOptions } from '../referrals/guard.js';

/** Someone not seen for this long has probably left: no longer listed, and no longer someone to hand a citizen to. */
const STAFF_FORGOTTEN_AFTER_DAYS = 90;

/** How often one person's "last seen" is written at most: a busy navigator's requests do not each write. */
const SEEN_EVERY_MS = 10 * 60_000;

/**
 * `/v1/colleagues`, and the directory behind it: every navigator or coordinator with a verified token is
 * recorded for their organisation, so colleagues can hand referrals to each other.
 */
export async function staffRoutes(app: FastifyInstance, options: GuardOptions) {
  const { db } = options;
  const { requireRole } = createGuard(options);
  const seen = new Map<string, number>();

  app.addHook('preHandler', async (request) => {
    const p = request.principal;
    if (!p || !isNavigatorSide(p.role)) return;
    const key = `${p.org.id}|${p.sub}|${p.name}`;
    const now = Date.now();
    if ((seen.get(key) ?? 0) > now - SEEN_EVERY_MS) return;
    seen.set(key, now);
    await db
      .query(
        `insert into staff (org_id, sub, name, role, last_seen) values ($1, $2, $3, $4, $5)
         on conflict (org_id, sub) do update set name = excluded.name, role = excluded.role, last_seen = excluded.last_seen`,
        [p.org.id, p.sub, p.name, p.role, new Date(now)],
      )
      .catch((error: unknown) => {
        seen.delete(key);
        request.log.warn({ err: error }, 'staff directory not updated');
      });
  });

  app.get('/colleagues', async (request): Promise<ColleagueList> => {
    const principal = await requireRole(request, isNavigatorSide, 'colleagues.read', 'Navigators and coordinators see their colleagues.');
    return { items: await listColleagues(db, principal.org.id) };
  });
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
