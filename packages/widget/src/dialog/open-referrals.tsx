import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { parseCpr, referralStatuses, terminalStatuses, type Locale, type Referral } from '@henvis/contracts';
import { referralApi } from '@henvis/sdk';
import { formatDate, type Texts } from '../i18n.js';
import type { WidgetStore } from '../widget-store.js';
import type { DialogTexts } from './dialog-texts.js';

const openStatuses = referralStatuses.filter((status) => !terminalStatuses.includes(status));

/**
 * The citizen's open referrals, looked up once as the dialog opens, so that a GP about to refer again sees the one
 * already under way: when it was sent, where it stands and why. One search by the CPR number (a POST, so the number
 * stays out of the URL) finds them for a patient's token and a practice-wide one alike. A failed look shows nothing
 * and never stands in the way of sending.
 */
export function OpenReferrals({ store, t, locale }: { store: WidgetStore; t: Texts & DialogTexts; locale: Locale }) {
  const open = useSignal<Referral[]>([]);
  useEffect(() => {
    const cpr = parseCpr(store.options.peek().context.patient.cpr);
    if (!cpr.ok) return;
    const controller = new AbortController();
    referralApi(store.request)
      .searchReferrals({ text: cpr.value.cpr, status: openStatuses, limit: 5 }, { signal: controller.signal })
      .then((page) => (open.value = page.items.filter((r) => r.patient.cpr === cpr.value.cpr)))
      .catch(() => undefined);
    return () => controller.abort();
  }, [store, open]);

  const items = open.value;
  // The live region is there from the start, so that a screen reader announces the warning when it arrives.
  return (
    <div role="status">
      {items.length > 0 && (
        <section class="warning open-referrals" aria-labelledby="henvis-open-title">
          <h3 id="henvis-open-title">{t.openTitle(items.length)}</h3>
          <ul>
            {items.map((r) => (
              <li key={r.id}>
                {t.sentOn(formatDate(r.createdAt, locale))} {t.by(r.referrer.name)} · <strong>{t.status[r.status]}</strong> ·{' '}
                {r.reasons.map((x) => t.reason[x]).join(', ')}
              </li>
            ))}
          </ul>
          <p>{t.openHint}</p>
        </section>
      )}
    </div>
  );
}
