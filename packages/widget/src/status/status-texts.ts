import type { Locale } from '@henvis/contracts';

/** Texts of the status list beyond the launcher's, loaded with it. */
const da = {
  summary: 'Afslutning:',
  rejection: 'Afvist:',
  messages: 'Beskeder',
  noMessages: 'Ingen beskeder endnu.',
  reply: 'Skriv til socialnavigatøren',
  timeline: 'Forløb',
  wholeTimeline: (n: number) => `Vis hele forløbet (${n} trin)`,
  latestOnly: 'Vis kun de seneste trin',
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
  reply: 'Write to the social navigator',
  timeline: 'Timeline',
  wholeTimeline: (n) => `Show the whole timeline (${n} steps)`,
  latestOnly: 'Show only the latest steps',
  send: 'Send message',
  sending: 'Sending…',
  empty: 'Write a message first.',
  sent: 'The message has been sent.',
};

export const statusTexts: Record<Locale, StatusTexts> = { da, en };
