import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { Referral } from '@henvis/contracts';
import { useInbox } from '../client-context.js';
import { endCitizenMode, type CitizenMode } from '../citizen-mode.js';
import { textsOf } from '../locale.js';
import { hrefOf } from '../router.js';
import { useLoad } from '../use-load.js';
import { courseCitizenTexts } from './course-citizen-texts.js';
import { useWidgetView } from './widget-view.js';
import { Alert } from '../alert.js';

const t = textsOf(courseCitizenTexts);

/** A name's initials as the navigator types them: "Sofie Kjær" → "SK". */
export const initialsOf = (name: string) =>
  name
    .split(/[\s-]+/)
    .filter(Boolean)
    .map((part) => part[0] ?? '')
    .join('')
    .toLocaleUpperCase('da-DK');

const typedInitials = (typed: string) => typed.replace(/[\s.]/g, '').toLocaleUpperCase('da-DK');

/**
 * The screen the citizen holds (citizen mode): the WHO-5 statements one at a time, in large print, and a way to
 * hand the screen back. Nothing else of the inbox is rendered while it is on (the app shows this instead of its
 * pages, whatever the address), so no CPR number, message or note can be reached by Tab, a screen reader or the
 * back button; the answers go through the widget's WHO-5 view, the API and its rules as at the navigator's desk.
 * The course comes back only when the navigator who handed the screen over types their initials.
 */
export function CitizenWho5({ mode }: { mode: CitizenMode }) {
  const { client } = useInbox();
  const [referral] = useLoad((signal) => client.getReferral(mode.referralId, { signal }), [mode.referralId]);
  const [step, setStep] = useState<'answer' | 'back'>('answer');
  const [answered, setAnswered] = useState(false);
  const giveBack = useRef<HTMLButtonElement>(null);
  const tx = t.value;
  const title = tx.citizenTitle;
  useEffect(() => {
    const before = document.title;
    document.title = title;
    return () => void (document.title = before);
  }, [title]);
  useLayoutEffect(() => {
    if (answered) giveBack.current?.focus();
  }, [answered]);

  return (
    <main class="citizen-mode" id="main" tabIndex={-1}>
      <div class="citizen-answer" hidden={step !== 'answer'}>
        {referral.state === 'ready' && <CitizenForm referral={referral.value} onAnswered={() => setAnswered(true)} />}
        {referral.state === 'error' && <Alert message={tx.widgetFailed} />}
        <div class="give-back">
          <button ref={giveBack} class={answered ? 'primary' : undefined} onClick={() => setStep('back')}>
            {tx.giveBack}
          </button>
        </div>
      </div>
      {step === 'back' && (
        <HandBack
          referralId={mode.referralId}
          onContinue={() => {
            setStep('answer');
            requestAnimationFrame(() => giveBack.current?.focus());
          }}
        />
      )}
    </main>
  );
}

function CitizenForm({ referral, onAnswered }: { referral: Referral; onAnswered: () => void }) {
  const target = useRef<HTMLDivElement>(null);
  const failed = useWidgetView(target, referral, {
    view: 'who5',
    who5: { audience: 'citizen', onePerScreen: true },
    theme: { fontSize: '20px' },
    onWho5Recorded: onAnswered,
  });
  return (
    <>
      <Alert message={failed ? t.value.widgetFailed : undefined} />
      <div ref={target} class="who5-view" />
    </>
  );
}

/** The hand-back: the navigator who handed the screen over types their initials, and the course comes back. */
function HandBack({ referralId, onContinue }: { referralId: string; onContinue: () => void }) {
  const { user } = useInbox();
  const [typed, setTyped] = useState('');
  const [wrong, setWrong] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  useLayoutEffect(() => heading.current?.focus(), []);
  const tx = t.value;
  return (
    <section class="hand-back" aria-labelledby="hand-back-title">
      <h1 id="hand-back-title" tabIndex={-1} ref={heading}>
        {tx.backTitle}
      </h1>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (typedInitials(typed) !== initialsOf(user.name)) {
            setWrong(true);
            return;
          }
          endCitizenMode();
          location.hash = hrefOf({ view: 'course', id: referralId });
        }}
      >
        <p>{tx.backLead}</p>
        <label>
          {tx.initials}
          <input
            autoComplete="off"
            autoCapitalize="characters"
            maxLength={10}
            value={typed}
            aria-invalid={wrong || undefined}
            aria-describedby={wrong ? 'initials-error' : undefined}
            onInput={(e) => {
              setTyped(e.currentTarget.value);
              setWrong(false);
            }}
          />
        </label>
        {wrong && (
          <p id="initials-error" class="field-error" role="alert">
            {tx.initialsWrong}
          </p>
        )}
        <div class="buttons">
          <button type="submit" class="primary">
            {tx.showCourse}
          </button>
          <button type="button" onClick={onContinue}>
            {tx.continueForm}
          </button>
        </div>
      </form>
    </section>
  );
}
