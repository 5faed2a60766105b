import { consentText, consentTextHash, danishDate, firstContactDueAt, terminalStatuses, type ConsentKind } from '@henvis/contracts';
import type { Database, Queryable } from './db/database.js';
import { listOffers } from './offers/store.js';
import { HISTORY_ORG, generatePilotHistory, type PilotHistory } from './pilot-history/history.js';
import { seededRandom } from './pilot-history/random.js';
import { pseudonymise } from './pseudonym.js';

/** The id of the history's first referral: a store that has it has the history. */
export const PILOT_HISTORY_MARKER = '5e1d7a3c-24b1-4c8e-9f0a-6d2b79f5a001';
// Instances starting together on one PostgreSQL take turns, as they do for the migrations.
const HISTORY_LOCK = 7_304_212;
/** The tables whose rows the facts of the measures are kept from, each by its trigger `referral_facts_refresh`. */
const FACT_TABLES = ['referrals', 'referral_events', 'contact_log', 'offer_links', 'consents', 'who5_responses'];

export interface PilotHistoryReport {
  /** False when the store had the history already. */
  seeded: boolean;
  referrals: number;
}

/**
 * Development mode, on request (HENVIS_DEMO_HISTORY=1): two years of the Norddjurs pilot before `now`, so that every
 * chart of the coordinator's results shows something. About 600 fictitious citizens referred by the two demo
 * practices, and their courses as the API would have recorded them (status changes, contacts, consents, WHO-5,
 * plans, offers, unmet needs), the same on every machine. None in the last 3 weeks, and none left waiting for the
 * navigators, so the demo's new referrals and deadlines stay what the demo makes; none of the tests' citizens.
 * Once: a store that has the history is left as it is. All in one transaction.
 */
export async function seedPilotHistory(
  db: Database,
  { pseudonymKey, now }: { pseudonymKey: string; now: Date },
): Promise<PilotHistoryReport> {
  const hashes = Object.fromEntries(
    await Promise.all(
      (['journal_data', 'wellbeing_data'] as const).flatMap((kind) =>
        (['da', 'en'] as const).map(async (locale) => [`${kind}:${locale}`, await consentTextHash(consentText(kind, locale))] as const),
      ),
    ),
  ) as Record<`${ConsentKind}:${'da' | 'en'}`, string>;
  return db.transaction(async (tx) => {
    await tx.query('select pg_advisory_xact_lock($1)', [HISTORY_LOCK]);
    const seeded = await tx.query('select 1 from referrals where id = $1', [PILOT_HISTORY_MARKER]);
    if (seeded.length > 0) return { seeded: false, referrals: 0 };
    const offers = (await listOffers(tx, HISTORY_ORG, false)).map((o) => ({ id: o.id, name: o.service.name }));
    const history = generatePilotHistory({
      now,
      offers,
      hashes,
      pseudonym: (cpr) => pseudonymise(pseudonymKey, cpr),
      markerId: PILOT_HISTORY_MARKER,
    });
    // A course still open has its next step ahead, one to 14 days from now, as its navigator would keep it: none waits
    // under "Frister".
    for (const [i, r] of history.referrals.entries()) {
      if (!r.course.plan || terminalStatuses.includes(r.status)) continue;
      const nextStepDate = danishDate(new Date(now.getTime() + (1 + (i % 14)) * 86_400_000));
      r.course.plan = { ...r.course.plan, content: { ...r.course.plan.content, nextStepDate } };
    }
    // Loaded as a bulk load is (migration 016): without the row triggers that keep referral_facts, which are then
    // made in one go. Disabling a trigger is transactional, so a failed seed leaves them as they were.
    for (const table of FACT_TABLES) await tx.exec(`alter table ${table} disable trigger referral_facts_refresh`);
    await insertHistory(tx, history);
    for (const table of FACT_TABLES) await tx.exec(`alter table ${table} enable trigger referral_facts_refresh`);
    await tx.query('select refresh_referral_facts($1::uuid[])', [history.referrals.map((r) => r.id)]);
    return { seeded: true, referrals: history.referrals.length };
  });
}

/**
 * One insert of many rows, all in one JSON parameter that the database turns into rows of the table: each row an
 * object keyed by column (instants as ISO strings, jsonb columns as JSON, a missing key as null).
 */
async function insertRows(tx: Queryable, table: string, rows: readonly Record<string, unknown>[]): Promise<void> {
  const [first] = rows;
  if (!first) return;
  const columns = Object.keys(first).join(', ');
  await tx.query(`insert into ${table} (${columns}) select ${columns} from json_populate_recordset(null::${table}, $1::json)`, [
    JSON.stringify(rows),
  ]);
}

const iso = (instant: number | undefined) => (instant === undefined ? null : new Date(instant).toISOString());

async function insertHistory(tx: Queryable, { referrals, unmetNeeds }: PilotHistory): Promise<void> {
  const ids = seededRandom(0x6964);
  await insertRows(
    tx,
    'referrals',
    referrals.map((r) => {
      const owner = r.course.events.some((e) => e.to === 'accepted') ? r.course.owner : undefined;
      return {
        id: r.id,
        practice_id: r.practice.id,
        patient_key: r.patientKey,
        status: r.status,
        created_at: iso(r.createdAt),
        updated_at: iso(r.updatedAt),
        practice: r.practice,
        referrer: r.referrer,
        content: r.content,
        flags: r.flags,
        owner: owner ? { id: owner.id, name: owner.name, orgId: owner.orgId } : null,
        first_contact_due_at: firstContactDueAt(new Date(r.createdAt)).toISOString(),
        // The plan's next step day, as insertPlan keeps it with the referral (migration 028).
        next_step_date: r.course.plan?.content.nextStepDate ?? null,
      };
    }),
  );
  await insertRows(
    tx,
    'referral_events',
    referrals.flatMap((r) =>
      r.course.events.map((e, i) => ({
        id: ids.uuid(),
        referral_id: r.id,
        seq: i + 1,
        type: e.type,
        from_status: e.from ?? null,
        to_status: e.to,
        reason: e.reason ?? null,
        note: e.note ?? null,
        actor: e.actor,
        at: iso(e.at),
      })),
    ),
  );
  await insertRows(
    tx,
    'contact_log',
    referrals.flatMap((r) =>
      r.course.contacts.map((c) => ({
        id: ids.uuid(),
        referral_id: r.id,
        kind: c.kind,
        outcome: c.outcome,
        at: iso(c.at),
        duration_minutes: c.durationMinutes,
        note: c.note ?? null,
        by_actor: c.by,
      })),
    ),
  );
  await insertRows(
    tx,
    'plans',
    referrals.flatMap(({ id, course: { plan } }) =>
      plan ? [{ referral_id: id, version: 1, content: plan.content, saved_at: iso(plan.savedAt), saved_by: plan.savedBy }] : [],
    ),
  );
  await insertRows(
    tx,
    'offer_links',
    referrals.flatMap((r) =>
      r.course.links.map((l) => ({
        id: ids.uuid(),
        referral_id: r.id,
        offer_id: l.offerId,
        offer_name: l.offerName,
        state: l.history.at(-1)?.state,
        history: l.history.map((h) => ({ state: h.state, at: iso(h.at), by: h.by })),
        updated_at: iso(l.history.at(-1)?.at),
      })),
    ),
  );
  await insertRows(
    tx,
    'consents',
    referrals.flatMap((r) =>
      r.course.consents.map((c) => ({
        id: ids.uuid(),
        referral_id: r.id,
        kind: c.kind,
        decision: c.decision,
        decided_at: iso(c.decidedAt),
        expires_at: iso(c.expiresAt),
        withdrawn_at: iso(c.withdrawnAt),
        withdrawn_by: c.withdrawnBy ?? null,
        record: c.record,
      })),
    ),
  );
  await insertRows(
    tx,
    'who5_responses',
    referrals.flatMap((r) =>
      r.course.who5.map((w) => ({
        id: ids.uuid(),
        referral_id: r.id,
        kind: w.kind,
        answers: w.answers,
        taken_at: iso(w.takenAt),
        late: w.late,
        recorded_by: w.recordedBy,
      })),
    ),
  );
  await insertRows(
    tx,
    'unmet_needs',
    unmetNeeds.map((n) => ({
      id: ids.uuid(),
      referral_id: n.referralId,
      practice_id: n.practiceId,
      category: n.category,
      area: n.area,
      note: n.note,
      recorded_at: iso(n.recordedAt),
      recorded_by: n.recordedBy,
    })),
  );
}
