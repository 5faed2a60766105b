import { useSignal } from '@preact/signals';
import { useEffect, useLayoutEffect, useMemo, useRef } from 'preact/hooks';
import { consentValidity, type Who5Answers, type Who5List, type Who5Response } from '@henvis/contracts';
import { asHenvisError, who5Calls } from '../evaluation-api.js';
import type { WidgetStore } from '../widget-store.js';
import { Who5FollowUp } from './who5-follow-up.js';
import { Who5Questions, statementId } from './who5-questions.js';
import { Who5Result } from './who5-result.js';
import { who5Css } from './who5-styles.js';
import { who5Texts } from './who5-texts.js';
import { errorText } from '../error-text.js';
import { useLatest } from '../use-latest.js';
import { RetryAlert } from '../retry-alert.js';

const unanswered = (): (number | undefined)[] => [undefined, undefined, undefined, undefined, undefined];
const isComplete = (a: readonly (number | undefined)[]): a is Who5Answers =>
  a.length === 5 && a.every((x) => x !== undefined && Number.isInteger(x) && x >= 0 && x <= 5);

/**
 * The WHO-5 questionnaire (Trivselsindeks) of one referral: baseline when it has none, follow-up otherwise. The
 * navigator sees the score after saving. A citizen holding the screen sees the statements and their own answers
 * only: no score, no button that shows it, nothing of the measurement's schedule; the navigator reads the result
 * in their own view once the screen is handed back.
 */
export function Who5Form({ store }: { store: WidgetStore }) {
  const { referralId = '', locale = 'da', who5: options = {} } = store.options.value;
  const { audience = 'navigator', onePerScreen = false } = options;
  const forNavigator = audience === 'navigator';
  const t = { ...store.t.value, ...who5Texts[locale] };
  // Built here, not in the store: the launcher chunk does not carry the WHO-5 calls.
  const api = useMemo(() => who5Calls(store.request), [store]);
  const list = useSignal<Who5List | null>(null);
  /** Why the answers could not be fetched, for people; null while fine. */
  const failed = useSignal<string | null>(null);
  const noConsent = useSignal(false);
  const answers = useSignal(unanswered());
  const missing = useSignal<number[]>([]);
  const screen = useSignal(0);
  const busy = useSignal(false);
  const error = useSignal<string | null>(null);
  const saved = useSignal<Who5Response | null>(null);
  const focusRequest = useSignal<{ index: number } | null>(null);
  const root = useRef<HTMLElement>(null);

  async function load() {
    failed.value = null;
    try {
      // The consents are read only to warn before the citizen answers; the server decides when saving.
      const [who5, consents] = await Promise.all([api.listWho5(referralId), api.listConsents(referralId).catch(() => undefined)]);
      if (store.options.peek().referralId !== referralId) return;
      const wellbeing = consents?.find((c) => c.kind === 'wellbeing_data');
      const validity = wellbeing && consentValidity(wellbeing, new Date());
      noConsent.value = consents !== undefined && !(validity?.valid || validity?.reason === 'not_yet_given');
      list.value = who5;
    } catch (e) {
      const henvisError = asHenvisError(e);
      const message = await errorText(henvisError, locale);
      store.reportError(henvisError.code, message);
      failed.value = message;
    }
  }
  const latestLoad = useLatest(load);
  useEffect(() => {
    list.value = null;
    saved.value = null;
    error.value = null;
    answers.value = unanswered();
    missing.value = [];
    screen.value = 0;
    void latestLoad.current();
  }, [referralId, list, saved, error, answers, missing, screen, latestLoad]);

  // Focus moves in the commit that shows the statement, so the next key pressed lands in it.
  useLayoutEffect(() => {
    const request = focusRequest.value;
    if (!request) return;
    const group = root.current?.querySelector(`#${statementId(request.index)}`);
    (group?.querySelector<HTMLInputElement>('input:checked') ?? group?.querySelector<HTMLInputElement>('input'))?.focus();
  }, [focusRequest.value]);
  useLayoutEffect(() => {
    if (saved.value) root.current?.querySelector<HTMLElement>('.who5-saved')?.focus();
  }, [saved.value]);

  const items = list.value?.items ?? [];
  const baseline = items.find((r) => r.kind === 'baseline');
  const followUp = items.find((r) => r.kind === 'follow_up');
  // The follow-up is asked for once its window opens (6 months after the baseline); the API refuses it before.
  const followUpOpen = list.value?.followUp?.state !== undefined && list.value.followUp.state !== 'not_due';
  const measure = !baseline ? 'baseline' : !followUp && followUpOpen ? 'follow_up' : null;
  const focusStatement = (index: number) => (focusRequest.value = { index });

  const answer = (index: number, value: number) => {
    answers.value = answers.value.map((a, i) => (i === index ? value : a));
    missing.value = missing.value.filter((i) => i !== index);
  };
  const next = () => {
    const i = screen.value;
    if (answers.value[i] === undefined) {
      missing.value = [i];
      return focusStatement(i);
    }
    screen.value = i + 1;
    focusStatement(i + 1);
  };
  const back = () => {
    screen.value -= 1;
    focusStatement(screen.value);
  };

  async function submit(event: Event) {
    event.preventDefault();
    const gaps = answers.value.flatMap((a, i) => (a === undefined ? [i] : []));
    const firstGap = gaps[0];
    if (firstGap !== undefined) {
      missing.value = gaps;
      screen.value = firstGap;
      return focusStatement(firstGap);
    }
    const given = answers.value;
    if (!measure || !isComplete(given)) return;
    busy.value = true;
    error.value = null;
    try {
      const response = await api.recordWho5(referralId, { kind: measure, answers: given });
      list.value = { ...list.value, items: [...items, response] };
      saved.value = response;
      // No answers or scores: WHO-5 data are evaluation data, not journal data.
      store.emit('who5Recorded', { responseId: response.id, kind: response.kind });
    } catch (e) {
      const henvisError = asHenvisError(e);
      const message = await errorText(henvisError, locale);
      store.reportError(henvisError.code, message);
      error.value = message;
    } finally {
      busy.value = false;
    }
  }

  const shownResponse = saved.value ?? (measure ? null : (followUp ?? baseline));
  const followUpState = followUp ? 'done' : saved.value ? 'not_due' : list.value?.followUp?.state;

  return (
    <section
      ref={root}
      class={onePerScreen ? 'who5 one-per-screen' : 'who5'}
      aria-labelledby="henvis-who5-title"
      aria-busy={!list.value && !failed.value}
    >
      <style nonce={store.options.value.cspNonce}>{who5Css}</style>
      <h3 id="henvis-who5-title">{t.title}</h3>
      {!list.value && !failed.value && <p role="status">{t.loading}</p>}
      {failed.value && (
        <RetryAlert retryLabel={t.retry} onRetry={() => void load()}>
          {t.listFailed} {failed.value}
        </RetryAlert>
      )}
      {forNavigator && list.value && measure && !saved.value && <p class="measure">{t.measure[measure]}</p>}
      {forNavigator && list.value && <Who5FollowUp baseline={baseline} state={followUpState} locale={locale} />}

      {shownResponse ? (
        <div class="who5-saved" tabIndex={-1}>
          <p class="saved" role="status">
            {saved.value || !forNavigator ? t.saved : followUp ? t.complete : t.baselineOnly}
          </p>
          {forNavigator ? <Who5Result response={shownResponse} baseline={baseline} locale={locale} /> : <p class="hint">{t.handBack}</p>}
        </div>
      ) : (
        list.value &&
        measure && (
          <form onSubmit={(e) => void submit(e)} noValidate aria-labelledby="henvis-who5-title">
            {noConsent.value && <p class="warning">{t.noConsent}</p>}
            <p>{t.intro}</p>
            <p class="hint">{t.purpose}</p>
            {onePerScreen && <p class="progress">{t.statement(screen.value + 1)}</p>}
            <Who5Questions
              answers={answers.value}
              onAnswer={answer}
              missing={missing.value}
              locale={locale}
              only={onePerScreen ? screen.value : undefined}
            />
            {/* One per screen, the statement on screen says what is missing; the summary is for the whole form. */}
            {missing.value.length > 0 && !(onePerScreen && missing.value.length === 1) && (
              <p class="error" role="alert">
                {t.missing(missing.value.map((i) => i + 1))}
              </p>
            )}
            {error.value && (
              <p class="error" role="alert">
                {error.value}
              </p>
            )}
            <div class="who5-actions">
              {onePerScreen && screen.value > 0 && (
                <button type="button" onClick={back}>
                  {t.back}
                </button>
              )}
              {onePerScreen && screen.value < 4 ? (
                <button type="button" class="primary" onClick={next}>
                  {t.next}
                </button>
              ) : (
                <button type="submit" class="primary" disabled={busy.value}>
                  {busy.value ? t.saving : t.save}
                </button>
              )}
            </div>
          </form>
        )
      )}
    </section>
  );
}
