import { LIKELY_DUPLICATE_DAYS, statusLabels, type LikelyDuplicate } from '@henvis/contracts';
import { formatInstant, locale, textsOf } from '../locale.js';
import { hrefOf } from '../router.js';
import { referralListTexts } from './referral-list-texts.js';

const t = textsOf(referralListTexts);

/** The mark of a likely duplicate in a list, which opens to the citizen's other open referrals, each a link. */
export function LikelyDuplicates({ others }: { others: readonly LikelyDuplicate[] | undefined }) {
  if (!others?.length) return null;
  const tx = t.value;
  return (
    <details class="duplicates">
      <summary>
        <span class="badge badge-duplicate">{tx.duplicate(others.length)}</span>
      </summary>
      <p>{tx.duplicateLead(LIKELY_DUPLICATE_DAYS)}</p>
      <ul>
        {others.map((d) => (
          <li key={d.id}>
            <a href={hrefOf({ view: 'course', id: d.id })}>
              {formatInstant(d.createdAt)} · {d.practiceName} · {statusLabels[locale.value][d.status]}
            </a>
          </li>
        ))}
      </ul>
    </details>
  );
}
