import { useEffect, useState } from 'preact/hooks';
import type { Message, Referral } from '@henvis/contracts';
import { useInbox } from '../client-context.js';
import { onLiveEvent } from '../live.js';
import { formatInstant, textsOf } from '../locale.js';
import { useAction } from '../use-action.js';
import { failureOf, useLoad } from '../use-load.js';
import { courseWorkTexts } from './course-work-texts.js';
import { Alert } from '../alert.js';

const t = textsOf(courseWorkTexts);

/** The dialogue with the referring practice, threaded; a reply from the GP shows here as it arrives. */
export function MessagesSection({ referral }: { referral: Referral }) {
  const { client } = useInbox();
  const [messages, reload] = useLoad((signal) => client.listMessages(referral.id, { signal }), [referral.id]);
  useEffect(
    () => onLiveEvent((event) => event.referralId === referral.id && event.type === 'message.created' && reload()),
    [referral.id, reload],
  );
  const action = useAction();
  const [body, setBody] = useState('');
  const [replyTo, setReplyTo] = useState<Message | undefined>();
  const tx = t.value;
  const byId = new Map(messages.state === 'ready' ? messages.value.map((m) => [m.id, m]) : []);

  return (
    <section class="card" aria-labelledby="messages-title">
      <h2 id="messages-title">{tx.messages}</h2>
      <Alert message={failureOf(messages)} />
      {messages.state === 'ready' &&
        (messages.value.length === 0 ? (
          <p class="muted">{tx.noMessages}</p>
        ) : (
          <ol class="messages" aria-live="polite">
            {messages.value.map((m) => {
              const answered = m.inReplyTo ? byId.get(m.inReplyTo) : undefined;
              const mine = m.author.role === 'navigator' || m.author.role === 'coordinator';
              return (
                <li key={m.id} class={mine ? 'mine' : 'theirs'}>
                  <div class="muted">
                    {tx.author(m.author.name, mine ? tx.navigatorSide : referral.practice.name)} · {formatInstant(m.at)}
                    {answered && ` · ${tx.inReplyTo(answered.author.name)}`}
                  </div>
                  <p class="note">{m.body}</p>
                  {!mine && (
                    <button class="link" onClick={() => (setReplyTo(m), document.getElementById('message-body')?.focus())}>
                      {tx.reply}
                    </button>
                  )}
                </li>
              );
            })}
          </ol>
        ))}
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void action.run(async () => {
            await client.sendMessage(referral.id, { body: body.trim(), ...(replyTo ? { inReplyTo: replyTo.id } : {}) });
            setBody('');
            setReplyTo(undefined);
            reload();
          });
        }}
      >
        <label>
          {replyTo ? tx.replyTo(replyTo.author.name) : tx.write}
          <textarea id="message-body" required rows={3} maxLength={4000} value={body} onInput={(e) => setBody(e.currentTarget.value)} />
        </label>
        <Alert message={action.error} />
        <div class="buttons">
          <button type="submit" class="primary" disabled={action.busy || !body.trim()}>
            {tx.send}
          </button>
          {replyTo && (
            <button type="button" onClick={() => setReplyTo(undefined)}>
              {tx.cancelReply}
            </button>
          )}
        </div>
      </form>
    </section>
  );
}
