import { randomUUID } from 'node:crypto';
import { NewOffer, Plan, parseContract } from '@henvis/contracts';
import { describe, expect, it } from 'vitest';
import { loadMigrations, migrate } from '../src/db/migrate.js';
import { openTestDatabase } from '../src/db/test-database.js';
import { storages } from './harness.js';

/** The catalogue's and the plans' data as stored before the category list (029) and the linked agreed offers (030). */
describe.each(storages)('offers and plans stored before the controlled categories, on %s', (kind) => {
  it('maps free-text categories onto the list or into the note, and moves a plan\u2019s typed offers into its note', async () => {
    const store = await openTestDatabase(kind);
    const { db } = store;
    try {
      const migrations = loadMigrations();
      await migrate(
        db,
        migrations.filter((m) => m.version < 29),
      );
      const offer = (categories: string[], extra: Record<string, unknown> = {}) => ({
        id: randomUUID(),
        organization: { id: randomUUID(), name: 'Grenaa Gåklub' },
        service: { id: randomUUID(), name: 'Gåture', status: 'active' },
        schedules: [],
        contacts: [],
        categories,
        ...extra,
      });
      const offers = [
        offer(['walking', 'community']), // codes already: untouched
        offer(['Gåture', 'WALKS', ' Fællesspisning ', 'shared_meal']), // names in either language and any case, twice
        offer(['petanque', 'choir', 'Bowls'], { categoryNote: 'Kugler kan lånes' }), // no word for two of them
        offer([]),
      ];
      for (const o of offers)
        await db.query(
          `insert into offers (id, navigator_org_id, status, content, updated_at) values ($1, 'org', 'active', $2::jsonb, now())`,
          [o.id, JSON.stringify(o)],
        );
      const referralId = randomUUID();
      await db.query(
        `insert into referrals (id, practice_id, patient_key, status, created_at, updated_at, practice, referrer, content, flags)
         values ($1, '045678', 'k', 'plan_made', now(), now(), '{}', '{}', '{}', '[]')`,
        [referralId],
      );
      const plan = { goals: 'Ud af huset', bridgeBuilder: false, companion: true, nextStep: 'Ring', nextStepDate: '2026-12-04' };
      const versions = [
        { ...plan, agreedOffers: ['Gåklubben i Grenaa', 'Strikkecafé'] },
        { ...plan, agreedOffers: ['Koret'], note: 'Ringer selv.' },
        { ...plan, agreedOffers: [] },
      ];
      for (const [i, content] of versions.entries())
        await db.query(
          `insert into plans (referral_id, version, content, saved_at, saved_by) values ($1, $2, $3::jsonb, now(), '{}'::jsonb)`,
          [referralId, i + 1, JSON.stringify(content)],
        );

      await migrate(db, migrations);

      const stored = async (id: string) =>
        (await db.query<{ content: Record<string, unknown> }>('select content from offers where id = $1', [id]))[0]!.content;
      expect(await stored(offers[0]!.id)).toEqual(offers[0]);
      expect((await stored(offers[1]!.id)).categories).toEqual(['walking', 'shared_meal']);
      expect(await stored(offers[1]!.id)).not.toHaveProperty('categoryNote');
      expect(await stored(offers[2]!.id)).toMatchObject({ categories: ['choir'], categoryNote: 'Kugler kan lånes, petanque, Bowls' });
      expect(await stored(offers[3]!.id)).toEqual(offers[3]);
      // Each one is an offer of the contracts again.
      for (const o of offers) {
        const { id: _id, ...rest } = await stored(o.id);
        expect(parseContract(NewOffer, rest).ok, JSON.stringify(rest)).toBe(true);
      }

      const notes = await db.query<{ content: Record<string, unknown> }>(
        'select content from plans where referral_id = $1 order by version',
        [referralId],
      );
      expect(notes.map((n) => [n.content.agreedOffers, n.content.note])).toEqual([
        [undefined, 'Aftalte tilbud (fra planen, før tilbuddene blev koblet fra kataloget): Gåklubben i Grenaa; Strikkecafé'],
        [undefined, 'Ringer selv.\n\nAftalte tilbud (fra planen, før tilbuddene blev koblet fra kataloget): Koret'],
        [undefined, undefined],
      ]);
      const latest = {
        ...notes[2]!.content,
        referralId,
        version: 3,
        savedAt: new Date().toISOString(),
        savedBy: { id: 'n', name: 'N', role: 'navigator', orgId: 'o' },
      };
      expect(parseContract(Plan, latest).ok).toBe(true);
    } finally {
      await store.dispose();
    }
  });
});
