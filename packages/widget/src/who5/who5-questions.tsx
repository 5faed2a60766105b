import { who5AnswerSteps, who5Items, type Locale } from '@henvis/contracts';
import { who5Texts } from './who5-texts.js';

/** The id of a statement's fieldset, so the form can move focus to it. */
export const statementId = (index: number) => `henvis-who5-${who5Items[index]?.linkId ?? index}`;

interface Who5QuestionsProps {
  /** One answer (0-5) per statement, undefined while unanswered. */
  answers: readonly (number | undefined)[];
  onAnswer: (index: number, value: number) => void;
  /** Statements submitted without an answer. */
  missing: readonly number[];
  locale: Locale;
  /** Show only this statement (one per screen), or all when undefined. */
  only?: number | undefined;
}

/**
 * The five statements, each a fieldset of six radio buttons named per statement: the browser then gives arrow
 * keys within a statement and Tab between statements. The values come only from the answer steps, so the form
 * cannot produce an answer outside 0-5.
 */
export function Who5Questions({ answers, onAnswer, missing, locale, only }: Who5QuestionsProps) {
  const t = who5Texts[locale];
  return (
    <>
      {who5Items.map((item, i) => {
        if (only !== undefined && only !== i) return null;
        const id = statementId(i);
        const isMissing = missing.includes(i);
        return (
          <fieldset
            key={item.linkId}
            id={id}
            class="who5-item"
            aria-invalid={isMissing || undefined}
            aria-describedby={isMissing ? `${id}-error` : undefined}
          >
            <legend>
              <span class="number">{i + 1}.</span> {item[locale]}
            </legend>
            <div class="steps">
              {who5AnswerSteps.map((step) => (
                <label key={step.value} class="step">
                  <input
                    type="radio"
                    name={id}
                    value={step.value}
                    checked={answers[i] === step.value}
                    onChange={() => onAnswer(i, step.value)}
                  />
                  <span>{step[locale]}</span>
                </label>
              ))}
            </div>
            {isMissing && (
              <p id={`${id}-error`} class="error">
                {t.chooseOne}
              </p>
            )}
          </fieldset>
        );
      })}
    </>
  );
}
