import { useSignal } from '@preact/signals';
import { useEffect, useMemo } from 'preact/hooks';
import { consentKinds, consentText, consentTextHash, type ConsentRecord } from '@henvis/contracts';
import { consentRecordedNote, consentWithdrawnNote } from './consent-note.js';
import { consentPanelTexts } from './consent-panel-texts.js';
import { asHenvisError, consentCalls } from '../evaluation-api.js';
import { ConsentSection, type ConsentActions } from './consent-section.js';
import { consentCss } from './consent-styles.js';
import { noteIds, type WidgetStore } from '../widget-store.js';
import { errorText } from '../error-text.js';
import { useLatest } from '../use-latest.js';
import { RetryAlert } from '../retry-alert.js';

/**
 * The two consents of one referral (journal data, well-being data), each in its own section with its exact text.
 * Used in the consultation and at the first navigator conversation: who informed, and so where, comes from the
 * signed-in user's token. Each decision and withdrawal goes to the host with a Danish journal note to file.
 */
export function ConsentPanel({
  store,
  referralId: forReferral,
}: {
  store: WidgetStore;
  /** Overrides the mount option, for the status list. */ referralId?: string;
}) {
  const { locale = 'da' } = store.options.value;
  const referralId = forReferral ?? store.options.value.referralId ?? '';
  const t = { ...store.t.value, ...consentPanelTexts[locale] };
  // Built here, not in the store: the launcher chunk does not carry the consent calls.
  const api = useMemo(() => consentCalls(store.request), [store]);
  const records = useSignal<ConsentRecord[] | null>(null);
  /** Why the consents could not be fetched, for people; null while fine. */
  const failed = useSignal<string | null>(null);

  /** Runs an API call; a failure is also reported to the host (code only) before the caller shows it. */
  async function reported<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      const henvisError = asHenvisError(error);
      store.reportError(henvisError.code, await errorText(henvisError, locale));
      throw henvisError;
    }
  }

  async function load() {
    failed.value = null;
    try {
      const items = await reported(() => api.listConsents(referralId));
      // The host may have moved to another referral while this one was fetched.
      if ((forReferral ?? store.options.peek().referralId) === referralId) records.value = items;
    } catch (error) {
      failed.value = await errorText(asHenvisError(error), locale);
    }
  }
  const latestLoad = useLatest(load);
  useEffect(() => {
    records.value = null;
    void latestLoad.current();
  }, [referralId, records, latestLoad]);

  const actions: ConsentActions = {
    async record(kind, decision, method) {
      // The text shown is the text hashed: the server refuses a hash that is not that of its own text. Hashing needs
      // Web Crypto (https or localhost); where it is missing the host hears of it as an error too.
      const text = consentText(kind, locale);
      const consent = await reported(async () =>
        api.recordConsent(referralId, { kind, decision, method, textVersion: text.version, locale, textHash: await consentTextHash(text) }),
      );
      records.value = [consent, ...(records.peek() ?? [])];
      store.file('consentRecorded', { consent, journalNote: consentRecordedNote(consent) }, noteIds.consentRecorded(consent.id));
    },
    async withdraw(given) {
      const consent = await reported(() => api.withdrawConsent(referralId, given.id));
      records.value = (records.peek() ?? []).map((r) => (r.id === consent.id ? consent : r));
      store.file('consentWithdrawn', { consent, journalNote: consentWithdrawnNote(consent) }, noteIds.consentWithdrawn(consent.id));
    },
  };

  const list = records.value;
  return (
    <section class="consents" aria-labelledby="henvis-consents-title" aria-busy={!list && !failed.value}>
      <style nonce={store.options.value.cspNonce}>{consentCss}</style>
      <h3 id="henvis-consents-title">{t.title}</h3>
      <p class="notice">{t.intro}</p>
      {!list && !failed.value && <p role="status">{t.loading}</p>}
      {failed.value && (
        <RetryAlert retryLabel={t.retry} onRetry={() => void load()}>
          {t.listFailed} {failed.value}
        </RetryAlert>
      )}
      {list &&
        consentKinds.map((kind) => (
          <ConsentSection
            key={`${referralId}-${kind}`}
            kind={kind}
            history={list.filter((r) => r.kind === kind)}
            locale={locale}
            actions={actions}
          />
        ))}
    </section>
  );
}
