import { useSignal } from '@preact/signals';
import type { Locale, Message, Role } from '@henvis/contracts';
import { HenvisError } from '@henvis/sdk';
import { errorText } from '../error-text.js';
import { formatDate } from '../i18n.js';
import type { StatusModel } from './status-model.js';
import { statusTexts } from './status-texts.js';

/** The dialogue about one referral, in the journal: the navigator's messages and the GP's replies. */
export function ReferralMessages(props: {
  referralId: string;
  messages: Message[];
  locale: Locale;
  roles: Record<Role, string>;
  model: StatusModel;
}) {
  const { referralId, messages, locale, roles, model } = props;
  const t = statusTexts[locale];
  const draft = useSignal('');
  const state = useSignal<{ kind: 'idle' | 'sending' | 'sent' } | { kind: 'failed'; message: string }>({ kind: 'idle' });
  const id = `henvis-reply-${referralId}`;

  async function send(event: Event) {
    event.preventDefault();
    const body = draft.value.trim();
    if (!body) return void (state.value = { kind: 'failed', message: t.empty });
    state.value = { kind: 'sending' };
    try {
      await model.sendMessage(referralId, body, messages.at(-1)?.id);
      draft.value = '';
      state.value = { kind: 'sent' };
    } catch (error) {
      const henvisError = error instanceof HenvisError ? error : new HenvisError('unexpected_response', { cause: error });
      state.value = { kind: 'failed', message: await errorText(henvisError, locale) };
    }
  }

  const s = state.value;
  return (
    <section class="messages" aria-labelledby={`${id}-title`}>
      <h4 id={`${id}-title`}>{t.messages}</h4>
      {messages.length === 0 ? (
        <p>{t.noMessages}</p>
      ) : (
        <ol>
          {messages.slice(-5).map((m) => (
            <li key={m.id}>
              <strong>{m.author.name}</strong> ({roles[m.author.role]}), {formatDate(m.at, locale)}: {m.body}
            </li>
          ))}
        </ol>
      )}
      <form onSubmit={(e) => void send(e)} noValidate>
        <label for={id}>{t.reply}</label>
        <textarea
          id={id}
          value={draft.value}
          onInput={(e) => (draft.value = e.currentTarget.value)}
          aria-invalid={s.kind === 'failed' || undefined}
          aria-describedby={s.kind === 'failed' ? `${id}-error` : undefined}
        />
        <button type="submit" disabled={s.kind === 'sending'}>
          {s.kind === 'sending' ? t.sending : t.send}
        </button>
        {s.kind === 'failed' && (
          <p id={`${id}-error`} role="alert" class="error">
            {s.message}
          </p>
        )}
        {s.kind === 'sent' && <p role="status">{t.sent}</p>}
      </form>
    </section>
  );
}
