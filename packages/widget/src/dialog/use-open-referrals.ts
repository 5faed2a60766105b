import { useSignal, type ReadonlySignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { parseCpr, referralStatuses, terminalStatuses, type Referral } from '@henvis/contracts';
import { referralApi } from '@henvis/sdk';
import type { WidgetStore } from '../widget-store.js';

const openStatuses = referralStatuses.filter((status) => !terminalStatuses.includes(status));

/**
 * The citizen's open referrals, looked up once as the dialog opens, so that a GP about to refer again sees the one
 * already under way. One search by the CPR number (a POST, so the number stays out of the URL) finds them for a
 * patient's token and a practice-wide one alike. A failed look finds nothing and never stands in the way of sending.
 */
export function useOpenReferrals(store: WidgetStore): ReadonlySignal<Referral[]> {
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
  return open;
}
