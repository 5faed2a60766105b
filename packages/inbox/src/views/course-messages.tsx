import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
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
  // The newest message is the last: the list, which scrolls by itself in the course's side column, opens at it.
  const list = useRef<HTMLOListElement>(null);
  const count = messages.state === 'ready' ? messages.value.length : 0;
  useLayoutEffect(() => {
    if (list.current) list.current.scrollTop = list.current.scrollHeight;
  }, [count]);
  const card = useRef<HTMLElement>(null);
  useEffect(() => fitToViewport(card, list), []);

  return (
    <section class="card course-messages" aria-labelledby="messages-title" ref={card}>
      <h2 id="messages-title">{tx.messages}</h2>
      <Alert message={failureOf(messages)} />
      {messages.state === 'ready' &&
        (messages.value.length === 0 ? (
          <p class="muted">{tx.noMessages}</p>
        ) : (
          <ol class="messages" aria-live="polite" ref={list} tabIndex={0} aria-labelledby="messages-title">
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

/**
 * Keeps the whole card, the newest message and the field to write in, on screen: a sticky card is as tall as the
 * room below its top until it sticks, then as the window. Where it does not stick (a narrow window) it is as tall as
 * its messages.
 */
function fitToViewport(card: { current: HTMLElement | null }, list: { current: HTMLElement | null }) {
  let frame = 0;
  const fit = () => {
    frame = 0;
    const element = card.current;
    if (!element) return;
    if (getComputedStyle(element).position !== 'sticky') return void (element.style.maxHeight = '');
    const messages = list.current;
    const atNewest = messages ? messages.scrollTop + messages.clientHeight >= messages.scrollHeight - 4 : false;
    const top = Math.max(8, element.getBoundingClientRect().top);
    element.style.maxHeight = `${Math.max(320, window.innerHeight - top - 8)}px`;
    if (messages && atNewest) messages.scrollTop = messages.scrollHeight;
  };
  const schedule = () => {
    if (!frame) frame = requestAnimationFrame(fit);
  };
  fit();
  window.addEventListener('scroll', schedule, { passive: true });
  window.addEventListener('resize', schedule);
  return () => {
    cancelAnimationFrame(frame);
    window.removeEventListener('scroll', schedule);
    window.removeEventListener('resize', schedule);
  };
}
