import { DANISH_TIME_ZONE, REFUSAL_BURST_RULE, type RefusalBurst, type RefusalGroup } from '@henvis/contracts';
import type { Queryable } from '../db/database.js';

/** Which refusals: those of `[from, to)`, by actors of `organisations`, and those without a valid token. */
export interface RefusalScope {
  from: Date;
  to: Date;
  organisations: string[];
}

// The refused, denied and failed lines of the scope. The outcome predicate is the one of the partial index
// audit_log_refusals (migration 020), so the planner can use it.
const refusals = `select at, issuer, actor_sub, actor_role, actor_org, client_ip, outcome, detail from audit_log
  where outcome in ('refused', 'denied', 'failed') and at >= $1 and at < $2
    and (actor_sub is null or actor_org = any($3::text[]))`;

const scopeParams = (s: RefusalScope) => [s.from.toISOString(), s.to.toISOString(), s.organisations];

const actorOf = (row: { issuer: string | null; actor_sub: string | null; actor_role: string | null }) =>
  row.actor_sub === null ? null : { issuer: row.issuer, sub: row.actor_sub, role: row.actor_role };

/** The refusals per Danish day. */
export async function refusalsByDay(tx: Queryable, scope: RefusalScope): Promise<Map<string, number>> {
  const rows = await tx.query<{ day: string; n: number }>(
    `with r as (${refusals})
     select to_char(at at time zone '${DANISH_TIME_ZONE}', 'YYYY-MM-DD') as day, count(*)::int as n from r group by 1`,
    scopeParams(scope),
  );
  return new Map(rows.map((r) => [r.day, r.n]));
}

interface GroupRow {
  day: string;
  issuer: string | null;
  actor_sub: string | null;
  actor_role: string | null;
  actor_org: string | null;
  client_ip: string | null;
  outcome: RefusalGroup['outcome'];
  detail: string | null;
  n: number;
  first: Date;
  last: Date;
}

/** The refusals grouped by Danish day, actor, organisation, client address, outcome and reason: at most `limit` groups. */
export async function refusalGroups(tx: Queryable, scope: RefusalScope, limit: number): Promise<RefusalGroup[]> {
  const rows = await tx.query<GroupRow>(
    `with r as (${refusals})
     select to_char(at at time zone '${DANISH_TIME_ZONE}', 'YYYY-MM-DD') as day, issuer, actor_sub, actor_role, actor_org, client_ip,
       outcome, detail, count(*)::int as n, min(at) as first, max(at) as last
     from r
     group by 1, issuer, actor_sub, actor_role, actor_org, client_ip, outcome, detail
     order by day desc, n desc, last desc
     limit $4`,
    [...scopeParams(scope), limit],
  );
  return rows.map((r) => ({
    day: r.day,
    actor: actorOf(r),
    organisation: r.actor_org,
    clientAddress: r.client_ip,
    outcome: r.outcome,
    reason: r.detail,
    count: r.n,
    first: r.first.toISOString(),
    last: r.last.toISOString(),
  }));
}

interface BurstRow {
  by: RefusalBurst['by'];
  issuer: string | null;
  actor_sub: string | null;
  actor_role: string | null;
  actor_org: string | null;
  client_ip: string | null;
  start: Date;
  finish: Date;
  n: number;
}

/**
 * The bursts: more than `moreThan` refusals of one actor, or from one client address, within `minutes`. For each
 * refusal the window of `minutes` from it is counted (a range frame, the same on PostgreSQL and PGlite); the
 * windows that hold too many, where they overlap, are one burst, from its first refusal to its last. At most `limit`.
 */
export async function refusalBursts(
  tx: Queryable,
  scope: RefusalScope,
  limit: number,
  { moreThan, minutes }: { moreThan: number; minutes: number } = REFUSAL_BURST_RULE,
): Promise<RefusalBurst[]> {
  const key = 'by, issuer, actor_sub, client_ip';
  const rows = await tx.query<BurstRow>(
    `with r as (${refusals}),
     keyed as (
       select 'actor' as by, issuer, actor_sub, actor_role, actor_org, null::text as client_ip, at from r where actor_sub is not null
       union all
       select 'address', null, null, null, null, client_ip, at from r where client_ip is not null
     ),
     windows as (
       select ${key}, at, count(*) over w as n, last_value(at) over w as window_end
       from keyed
       window w as (partition by ${key} order by at range between current row and make_interval(mins => $4::int) following)
     ),
     hot as (
       select ${key}, at, window_end,
         max(window_end) over (partition by ${key} order by at rows between unbounded preceding and 1 preceding) as reach
       from windows where n > $5
     ),
     islands as (
       select ${key}, at, window_end,
         sum(case when reach is null or at > reach then 1 else 0 end) over (partition by ${key} order by at rows unbounded preceding) as island
       from hot
     ),
     spans as (select ${key}, min(at) as start, max(window_end) as finish from islands group by ${key}, island)
     select s.by, s.issuer, s.actor_sub, s.client_ip, min(k.actor_role) as actor_role, min(k.actor_org) as actor_org,
       s.start, s.finish, count(*)::int as n
     from spans s
     join keyed k on k.by = s.by and k.issuer is not distinct from s.issuer and k.actor_sub is not distinct from s.actor_sub
       and k.client_ip is not distinct from s.client_ip and k.at between s.start and s.finish
     group by s.by, s.issuer, s.actor_sub, s.client_ip, s.start, s.finish
     order by s.start, s.by, n desc
     limit $6`,
    [...scopeParams(scope), minutes, moreThan, limit],
  );
  return rows.map((r) => ({
    by: r.by,
    actor: r.by === 'actor' ? actorOf(r) : null,
    organisation: r.by === 'actor' ? r.actor_org : null,
    clientAddress: r.by === 'address' ? r.client_ip : null,
    start: r.start.toISOString(),
    end: r.finish.toISOString(),
    count: r.n,
  }));
}
