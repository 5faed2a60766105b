import type { Locale, Referral } from '@henvis/contracts';
import { formatDate, type Texts } from '../i18n.js';

/** Its texts live here: the chunk loads only for a citizen who has an open referral. */
const texts = {
  da: {
    title: (n: number) => (n === 1 ? 'Borgeren har allerede en åben henvisning' : `Borgeren har allerede ${n} åbne henvisninger`),
    hint: 'Send kun en ny, hvis der er brug for det. Vil du tilføje noget, så skriv til socialnavigatøren under henvisningen i oversigten.',
  },
  en: {
    title: (n: number) => (n === 1 ? 'The citizen already has an open referral' : `The citizen already has ${n} open referrals`),
    hint: 'Only send a new one if it is needed. To add something, write to the social navigator under the referral in the overview.',
  },
} satisfies Record<Locale, { title: (n: number) => string; hint: string }>;

/**
 * The citizen's open referrals, shown in the dialog before the GP sends another: when each was sent and by whom,
 * where it stands and why (found by `useOpenReferrals`).
 */
export function OpenReferrals({ referrals, t, locale }: { referrals: Referral[]; t: Texts; locale: Locale }) {
  const own = texts[locale];
  return (
    <section class="warning open-referrals" aria-labelledby="henvis-open-title">
      <h3 id="henvis-open-title">{own.title(referrals.length)}</h3>
      <ul>
        {referrals.map((r) => (
          <li key={r.id}>
            {t.sentOn(formatDate(r.createdAt, locale))} {t.by(r.referrer.name)} · <strong>{t.status[r.status]}</strong> ·{' '}
            {r.reasons.map((x) => t.reason[x]).join(', ')}
          </li>
        ))}
      </ul>
      <p>{own.hint}</p>
    </section>
  );
}
