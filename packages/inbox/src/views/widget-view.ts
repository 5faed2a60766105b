import { useEffect, useRef, useState } from 'preact/hooks';
import type { Referral } from '@henvis/contracts';
import { loadHenvis, type HenvisHandle, type HenvisMountOptions } from '@henvis/sdk';
import { useInbox } from '../client-context.js';
import { locale } from '../locale.js';

/** What a course mounts of the widget: one of its views of a referral, with the callbacks it listens to. */
export type WidgetViewOptions = Pick<
  HenvisMountOptions,
  'view' | 'who5' | 'theme' | 'onConsentRecorded' | 'onConsentWithdrawn' | 'onWho5Recorded'
>;

/**
 * Mounts a view of the widget (the consents, WHO-5) for a referral into `target`, the same view the journal shows,
 * so the texts, hashes and rules are one implementation. Answers the failure to load it, for an alert. The
 * callbacks given last are the ones called; the language follows the inbox's in place, so answers being entered
 * are not thrown away.
 */
export function useWidgetView(target: { current: HTMLElement | null }, referral: Referral, options: WidgetViewOptions): boolean {
  const { embed } = useInbox();
  const [failed, setFailed] = useState(false);
  const latest = useRef(options);
  latest.current = options;
  const handle = useRef<HenvisHandle | null>(null);
  const l = locale.value;
  useEffect(() => {
    if (!embed) return;
    let gone = false;
    loadHenvis({ remoteUrl: `${embed.widgetUrl}/script/henvis.js` }).then(
      (henvis) => {
        if (gone || !henvis || !target.current) return;
        const { view, who5, theme } = latest.current;
        handle.current = henvis.mount(target.current, {
          apiUrl: embed.apiUrl,
          getToken: embed.getToken,
          referralId: referral.id,
          locale: locale.peek(),
          // Who acts is whoever the token names, never a page option.
          context: { patient: { cpr: referral.patient.cpr, name: referral.patient.name }, practice: referral.practice },
          ...(view ? { view } : {}),
          ...(who5 ? { who5 } : {}),
          ...(theme ? { theme } : {}),
          onConsentRecorded: (...args) => latest.current.onConsentRecorded?.(...args),
          onConsentWithdrawn: (...args) => latest.current.onConsentWithdrawn?.(...args),
          onWho5Recorded: (...args) => latest.current.onWho5Recorded?.(...args),
        });
      },
      () => !gone && setFailed(true),
    );
    return () => {
      gone = true;
      handle.current?.destroy();
      handle.current = null;
    };
    // Mounted once per referral: the options' callbacks are read through `latest`, the language is updated below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [embed, referral.id]);
  useEffect(() => handle.current?.update({ locale: l }), [l]);
  return failed;
}
