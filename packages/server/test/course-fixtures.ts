import { randomUUID } from 'node:crypto';
import { firstContactDueAt } from '@henvis/contracts';
import type { Queryable } from '../src/db/database.js';

// Courses written straight into the store, dated as a test needs them: the measures' and the research export's
// tests build small hand-made pilots from these, each in a practice of its own.

const actor = JSON.stringify({ id: 'nav-1', name: 'Sofie Kjær', role: 'navigator', orgId: 'norddjurs' });
export const t = (iso: string) => new Date(iso);

export function fixtures(db: Queryable, practiceId: string) {
  let seq = 0;
  return {
    /** A referral as stored, without a course yet; `cpr` in its normal form (the export derives age and sex from it). */
    async referral(at: string, { status = 'accepted', flags = [] as string[], cpr = '010190-2345', reasons = ['loneliness'] } = {}) {
      const id = randomUUID();
      await db.query(
        `insert into referrals (id, practice_id, patient_key, status, created_at, updated_at, practice, referrer, content, flags, first_contact_due_at)
         values ($1, $2, $3, $4, $5, $5, $6::jsonb, '{}'::jsonb, $7::jsonb, $8::jsonb, $9)`,
        [
          id,
          practiceId,
          `p-${id}`,
          status,
          at,
          JSON.stringify({ id: practiceId, name: `Lægehuset ${practiceId}` }),
          JSON.stringify({ patient: { cpr, name: 'Testborger' }, reasons }),
          JSON.stringify(flags),
          firstContactDueAt(t(at)),
        ],
      );
      return id;
    },
    async contact(referralId: string, at: string, outcome = 'reached') {
      await db.query(
        `insert into contact_log (id, referral_id, kind, at, duration_minutes, by_actor, outcome) values ($1, $2, 'phone', $3, 10, $4::jsonb, $5)`,
        [randomUUID(), referralId, at, actor, outcome],
      );
    },
    async contacts(referralId: string, count: number, from: string) {
      for (let i = 0; i < count; i++) await this.contact(referralId, new Date(t(from).getTime() + i * 86_400_000).toISOString());
    },
    async offer(referralId: string, history: [state: string, at: string][]) {
      const [offer] = await db.query<{ id: string }>('select id from offers limit 1');
      const steps = history.map(([state, at]) => ({ state, at, by: JSON.parse(actor) as unknown }));
      await db.query(
        `insert into offer_links (id, referral_id, offer_id, offer_name, state, history, updated_at) values ($1, $2, $3, 'Strikkeklub', $4, $5::jsonb, $6)`,
        [randomUUID(), referralId, offer!.id, history.at(-1)![0], JSON.stringify(steps), history.at(-1)![1]],
      );
    },
    async end(referralId: string, to: 'closed' | 'rejected', reason: string, at: string) {
      await db.query(`update referrals set status = $2 where id = $1`, [referralId, to]);
      await db.query(
        `insert into referral_events (id, referral_id, seq, type, from_status, to_status, reason, actor, at) values ($1, $2, $3, 'status_changed', 'accepted', $4, $5, $6::jsonb, $7)`,
        [randomUUID(), referralId, ++seq, to, reason, actor, at],
      );
    },
    async consent(
      referralId: string,
      decidedAt: string,
      { kind = 'wellbeing_data', decision = 'given', withdrawnAt = null as string | null } = {},
    ) {
      await db.query(
        `insert into consents (id, referral_id, kind, decision, decided_at, withdrawn_at, record) values ($1, $2, $3, $4, $5, $6, '{}'::jsonb)`,
        [randomUUID(), referralId, kind, decision, decidedAt, withdrawnAt],
      );
    },
    async who5(referralId: string, kind: 'baseline' | 'follow_up', answers: number[], at: string, late = false) {
      await db.query(
        `insert into who5_responses (id, referral_id, kind, answers, taken_at, late, recorded_by) values ($1, $2, $3, $4::jsonb, $5, $6, $7::jsonb)`,
        [randomUUID(), referralId, kind, JSON.stringify(answers), at, late, actor],
      );
    },
    async unmetNeed(referralId: string, category: string, area: string) {
      await db.query(
        `insert into unmet_needs (id, referral_id, practice_id, category, area, recorded_at, recorded_by) values ($1, $2, $3, $4, $5, now(), $6::jsonb)`,
        [randomUUID(), referralId, practiceId, category, area, actor],
      );
    },
  };
}
