import {
  REFUSALS_DEFAULT_DAYS,
  REFUSALS_MAX_DAYS,
  REFUSAL_BURST_RULE,
  danishDate,
  startOfDanishDay,
  type Refusals,
  type RefusalsQuery,
} from '@henvis/contracts';
import type { FastifyPluginAsync } from 'fastify';
import { HttpProblem } from '../http-problem.js';
import { answer, problems, query, tagRoutes } from '../http/schemas.js';
import { refusalBursts, refusalGroups, refusalsByDay } from './store.js';

/** The most groups in one answer; a flood from many addresses is in `total` and `byDay` even past it. */
const GROUP_LIMIT = 2_000;
/** The most bursts in one answer. */
const BURST_LIMIT = 500;

/** The Danish day `days` after `day` (YYYY-MM-DD). */
function addDays(day: string, days: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

const daysBetween = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000) + 1;

const invalidPeriod = (code: string, message: string) => new HttpProblem('invalid_query', message, [{ path: 'from', code, message }]);

/**
 * The control of refused access (kontrol med afviste adgangsforsøg) for coordinators: the refused, denied and
 * failed attempts of the audit log by day, actor, organisation, client address and reason, and the bursts.
 */
// eslint-disable-next-line @typescript-eslint/require-await -- a Fastify plugin is async so a registration error rejects ready(), not the process; lint can't see it
export const refusalRoutes: FastifyPluginAsync = async (app) => {
  const { guard } = app;
  tagRoutes(app, 'audit');

  app.get<{ Querystring: RefusalsQuery }>(
    '/audit/refusals',
    {
      schema: {
        operationId: 'getRefusals',
        summary: `Refused, denied and failed attempts (coordinators): by Danish day, actor, organisation, client address and reason, with the bursts (more than ${REFUSAL_BURST_RULE.moreThan} from one actor or address within ${REFUSAL_BURST_RULE.minutes} minutes). Actors of the caller's organisation and the practices it serves, and requests without a valid token; at most ${REFUSALS_MAX_DAYS} days.`,
        querystring: query('RefusalsQuery'),
        response: { 200: answer('The refusals of the period', 'Refusals'), ...problems(400, 401, 403, 429) },
      },
      preValidation: guard.allow(
        (role) => role === 'coordinator',
        'audit.refusals.read',
        'The refused access attempts are for the coordinators.',
      ),
    },
    async (request) =>
      guard.audited(request, async (tx, log) => {
        const now = new Date();
        const to = request.query.to ?? danishDate(now);
        const from = request.query.from ?? addDays(to, -(REFUSALS_DEFAULT_DAYS - 1));
        if (from > to) return invalidPeriod('invalid_period', '`from` is after `to`.');
        const days = daysBetween(from, to);
        if (days > REFUSALS_MAX_DAYS) return invalidPeriod('period_too_long', `At most ${REFUSALS_MAX_DAYS} days at once.`);

        const { practiceIds } = await guard.scope(tx, request.principal);
        const scope = {
          from: startOfDanishDay(from),
          to: startOfDanishDay(addDays(to, 1)),
          organisations: [request.principal.org.id, ...practiceIds],
        };
        const perDay = await refusalsByDay(tx, scope);
        const groups = await refusalGroups(tx, scope, GROUP_LIMIT + 1);
        const bursts = await refusalBursts(tx, scope, BURST_LIMIT);
        log.push({ action: 'audit.refusals.read', outcome: 'ok', resourceType: 'audit_log', detail: `${from}..${to}` });
        const result: Refusals = {
          generatedAt: now.toISOString(),
          period: { from, to },
          burstRule: { ...REFUSAL_BURST_RULE },
          total: [...perDay.values()].reduce((a, b) => a + b, 0),
          byDay: Array.from({ length: days }, (_, i) => addDays(to, -i)).map((day) => ({ day, count: perDay.get(day) ?? 0 })),
          groups: groups.slice(0, GROUP_LIMIT),
          groupLimit: GROUP_LIMIT,
          truncated: groups.length > GROUP_LIMIT,
          bursts,
        };
        return result;
      }),
  );
};
