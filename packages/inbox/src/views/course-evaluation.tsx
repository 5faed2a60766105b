import { useEffect, useRef, useState } from 'preact/hooks';
import type { Referral } from '@henvis/contracts';
import { loadHenvis, type HenvisHandle } from '@henvis/sdk';
import { useInbox } from '../client-context.js';
import { locale } from '../locale.js';
import { Alert } from '../alert.js';

const texts = {
  da: { title: 'Samtykker og WHO-5', failed: 'Samtykke- og WHO-5-visningerne kunne ikke hentes.' },
  en: { title: 'Consents and WHO-5', failed: 'The consent and WHO-5 views could not be loaded.' },
};

/**
 * The citizen's consents and WHO-5, recorded at the first conversation and the follow-up: the widget's own views,
 * the same ones the journal shows, so the texts, hashes and rules are one implementation.
 */
export function EvaluationSection({ referral }: { referral: Referral }) {
  const { embed, user } = useInbox();
  const consents = useRef<HTMLDivElement>(null);
  const who5 = useRef<HTMLDivElement>(null);
  const [failed, setFailed] = useState(false);
  const l = locale.value;

  const handles = useRef<HenvisHandle[]>([]);
  useEffect(() => {
    if (!embed) return;
    const mounted: HenvisHandle[] = [];
    handles.current = mounted;
    let gone = false;
    loadHenvis({ remoteUrl: `${embed.widgetUrl}/script/henvis.js` }).then(
      (henvis) => {
        if (gone || !henvis || !consents.current || !who5.current) return;
        const options = {
          apiUrl: embed.apiUrl,
          getToken: embed.getToken,
          referralId: referral.id,
          locale: l,
          context: {
            patient: { cpr: referral.patient.cpr, name: referral.patient.name },
            practice: referral.practice,
            practitioner: { id: user.sub, name: user.name, role: user.role },
          },
        };
        mounted.push(henvis.mount(consents.current, { ...options, view: 'consent' }));
        mounted.push(henvis.mount(who5.current, { ...options, view: 'who5', who5: { audience: 'navigator' } }));
      },
      () => !gone && setFailed(true),
    );
    return () => {
      gone = true;
      for (const handle of mounted) handle.destroy();
    };
    // The language changes in place (below), so answers being entered are not thrown away.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [embed, referral.id]);
  useEffect(() => {
    for (const handle of handles.current) handle.update({ locale: l });
  }, [l]);

  if (!embed) return null;
  return (
    <section class="card" aria-labelledby="evaluation-title">
      <h2 id="evaluation-title">{texts[l].title}</h2>
      <Alert message={failed ? texts[l].failed : undefined} />
      <div ref={consents} class="consent-view" />
      <div ref={who5} class="who5-view" />
    </section>
  );
}
