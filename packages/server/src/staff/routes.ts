import type { ColleagueList, MedComAddress, NavigatorOrgContact } from '@henvis/contracts';
import fp from 'fastify-plugin';
import { isNavigatorSide } from '../http/guard.js';
import { answer, problems } from '../http/schemas.js';
import { listColleagues, recordSeen } from './store.js';

/** How often one person's "last seen" is written at most: a busy navigator's requests do not each write. */
const SEEN_EVERY_MS = 10 * 60_000;

export interface StaffOptions {
  /** The MedCom addresses of the organisations (HENVIS_MEDCOM_DIRECTORY): where a navigator organisation's phone is. */
  directory: readonly MedComAddress[];
}

/**
 * `/v1/colleagues`, and the directory behind it: every navigator or coordinator with a verified token is
 * recorded for their organisation, so colleagues can hand referrals to each other. Not encapsulated: the hook
 * sees every /v1 request.
 */
export const staffRoutes = fp<StaffOptions>(
  // eslint-disable-next-line @typescript-eslint/require-await -- a Fastify plugin is async so a registration error rejects ready(), not the process; lint can't see it
  async (app, { directory }) => {
    const { db, guard } = app;
    const seen = new Map<string, number>();

    app.addHook('preHandler', async (request) => {
      const p = request.principal;
      if (!isNavigatorSide(p.role)) return;
      const key = `${p.org.id}|${p.sub}|${p.name}`;
      const now = Date.now();
      if ((seen.get(key) ?? 0) > now - SEEN_EVERY_MS) return;
      seen.set(key, now);
      await recordSeen(db, p, new Date(now)).catch((error: unknown) => {
        seen.delete(key);
        request.log.warn({ err: error }, 'staff directory not updated');
      });
    });

    app.get(
      '/colleagues',
      {
        schema: {
          operationId: 'listColleagues',
          tags: ['staff'],
          summary:
            "The navigators and coordinators of the caller's organisation who have signed in to Henvis: whom a referral can be handed to",
          response: { 200: answer('Colleagues by name', 'ColleagueList'), ...problems(401, 403) },
        },
        preValidation: guard.allow(isNavigatorSide, 'colleagues.read', 'Navigators and coordinators see their colleagues.'),
      },
      async (request): Promise<ColleagueList> =>
        guard.audited(request, async (tx, log) => {
          log.push({ action: 'colleagues.read', outcome: 'ok' });
          return { items: await listColleagues(tx, request.principal.org.id) };
        }),
    );

    app.get(
      '/organisation',
      {
        schema: {
          operationId: 'getNavigatorOrgContact',
          tags: ['staff'],
          summary:
            "The caller's navigator organisation as citizens reach it: its name, and its phone from the MedCom directory (HENVIS_MEDCOM_DIRECTORY) where it has one",
          response: { 200: answer('The organisation', 'NavigatorOrgContact'), ...problems(401, 403) },
        },
        preValidation: guard.allow(isNavigatorSide, 'organisation.read', 'Navigators and coordinators read their own organisation.'),
      },
      // No audit line: the organisation's own name and phone are no one's personal data.
      // eslint-disable-next-line @typescript-eslint/require-await -- a route handler answers a promise
      async (request): Promise<NavigatorOrgContact> => {
        const { org } = request.principal;
        const address = directory.find((a) => a.id === org.id);
        return { id: org.id, name: address?.name ?? org.name, ...(address ? { phone: address.phone } : {}) };
      },
    );
  },
  { name: 'henvis-staff' },
);
