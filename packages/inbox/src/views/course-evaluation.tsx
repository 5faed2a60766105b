import { useRef } from 'preact/hooks';
import { errorMessage, who5Refusal, type Referral } from '@henvis/contracts';
import { useInbox } from '../client-context.js';
import { startCitizenMode } from '../citizen-mode.js';
import { locale, textsOf } from '../locale.js';
import { useLoad } from '../use-load.js';
import { courseCitizenTexts } from './course-citizen-texts.js';
import { useWidgetView } from './widget-view.js';
import { Alert } from '../alert.js';

const t = textsOf(courseCitizenTexts);

/**
 * The citizen's consents and WHO-5, recorded at the first conversation and the follow-up: the widget's own views,
 * the same ones the journal shows. When a WHO-5 may be stored now, the navigator can hand the screen to the citizen
 * (citizen mode); the form here stays for the navigator who asks the statements aloud.
 */
export function EvaluationSection({ referral }: { referral: Referral }) {
  const { embed, user } = useInbox();
  const consents = useRef<HTMLDivElement>(null);
  const who5 = useRef<HTMLDivElement>(null);
  const [handOver, reload] = useHandOver(referral);
  const consentsFailed = useWidgetView(consents, referral, { view: 'consent', onConsentRecorded: reload, onConsentWithdrawn: reload });
  const who5Failed = useWidgetView(who5, referral, { view: 'who5', who5: { audience: 'navigator' }, onWho5Recorded: reload });
  const tx = t.value;

  if (!embed) return null;
  return (
    <section class="card" aria-labelledby="evaluation-title">
      <h2 id="evaluation-title">{tx.evaluationTitle}</h2>
      <Alert message={consentsFailed || who5Failed ? tx.evaluationFailed : undefined} />
      <div ref={consents} class="consent-view" />
      <div class="hand-over">
        {handOver.state === 'ready' &&
          (handOver.value ? (
            <p class="muted">{tx.noHandOver(errorMessage(handOver.value, locale.value))}</p>
          ) : (
            <>
              <button class="primary" onClick={() => startCitizenMode({ referralId: referral.id, handedOverBy: user.sub })}>
                {tx.handOver}
              </button>
              <p class="muted">{tx.handOverHint}</p>
            </>
          ))}
      </div>
      <div ref={who5} class="who5-view" />
    </section>
  );
}

/**
 * Whether the citizen may answer a WHO-5 on the screen now, by the rule the API applies when storing it
 * (`who5Refusal`): undefined when they may, else why not.
 */
function useHandOver(referral: Referral) {
  const { client } = useInbox();
  return useLoad(
    async (signal) => {
      const [list, consents] = await Promise.all([client.listWho5(referral.id, { signal }), client.listConsents(referral.id, { signal })]);
      const kind = list.items.some((r) => r.kind === 'baseline') ? 'follow_up' : 'baseline';
      return who5Refusal(kind, {
        cpr: referral.patient.cpr,
        wellbeingConsent: consents.find((c) => c.kind === 'wellbeing_data'),
        earlier: list.items,
        at: new Date(),
      });
    },
    [referral.id],
  );
}
