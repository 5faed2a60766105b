import type { Locale } from '@henvis/contracts';

/** Texts of the status list beyond the launcher's, loaded with it. */
const da = {
  summary: 'Afslutning:',
  rejection: 'Afvist:',
  messages: 'Beskeder',
  noMessages: 'Ingen beskeder endnu.',
  reply: 'Skriv til navigatøren',
  send: 'Send besked',
  sending: 'Sender…',
  empty: 'Skriv en besked først.',
  sent: 'Beskeden er sendt.',
};

export type StatusTexts = typeof da;

const en: StatusTexts = {
  summary: 'Closing summary:',
  rejection: 'Rejected:',
  messages: 'Messages',
  noMessages: 'No messages yet.',
  reply: 'Write to the navigator',
  send: 'Send message',
  sending: 'Sending…',
  empty: 'Write a message first.',
  sent: 'The message has been sent.',
};

export const statusTexts: Record<Locale, StatusTexts> = { da, en };
