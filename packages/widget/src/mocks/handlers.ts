import { delay, http, HttpResponse } from 'msw';
import {
  inclusionFlagsFor,
  parseContract,
  parseCpr,
  problem,
  referralView,
  NewMessage,
  NewReferral,
  type Message,
  type ConsentRecord,
  type ConsultationContext,
  type Referral,
  type ReferralEvent,
  type ReferralStatus,
  type Who5Response,
} from '@henvis/contracts';
import { evaluationHandlers } from './evaluation-handlers.js';
import { createMockLive, liveStreamOf, publish, type MockLive } from './live-stream.js';
import { MOCK_API, problemResponse } from './mock-http.js';

export { MOCK_API, problemResponse };
export { daysAgo, seedConsent, seedWho5, withdrawConsent } from './evaluation-handlers.js';
export { endStreams } from './live-stream.js';

export const demoContext: ConsultationContext = {
  patient: { cpr: '010190-2345', name: 'Karen Jensen', contact: { phone: '+45 20 30 40 50' } },
  practice: { id: '045678', name: 'Lægehuset Grenaa', ydernummer: '045678' },
  practitioner: { id: 'demo-doctor', name: 'Mette Holm', role: 'doctor', authorisationId: '0C4F1' },
};

/** The signed-in user, as the API reads them from the token. */
export type MockUser = Pick<ConsentRecord['informedBy'], 'id' | 'name' | 'role'>;

/** An in-memory Henvis API: what the handlers read and write. */
export interface MockApi {
  referrals: Referral[];
  events: Record<string, ReferralEvent[]>;
  /** Consent decisions of every referral, newest first. */
  consents: ConsentRecord[];
  /** WHO-5 responses of every referral, oldest first. */
  who5: Who5Response[];
  /** Messages of every referral, oldest first. */
  messages: Message[];
  /** Who the token names: who informs about a consent, records WHO-5. The navigator by default, as in the pilot. */
  user: MockUser;
  /** Every POST body received, in order (searches aside: they change nothing). */
  received: unknown[];
  /** The outbox of live events and the streams open on it: every change above is published there. */
  live: MockLive;
}

/** The social navigator of the demo, who informs the citizen and collects the consents in the pilot model. */
export const demoNavigator: MockUser = { id: 'demo-navigator', name: 'Sofie Kjær', role: 'navigator' };

export function createMockApi(): MockApi {
  return { referrals: [], events: {}, consents: [], who5: [], messages: [], user: demoNavigator, received: [], live: createMockLive() };
}

const actor = { ...demoNavigator, orgId: 'norddjurs-navigatorer' };

/** Adds a message on a referral, from the navigator unless `author` says otherwise. */
export function seedMessage(api: MockApi, referralId: string, body: string, author: Message['author'] = actor, at = new Date()): Message {
  const message: Message = { id: crypto.randomUUID(), referralId, author, body, at: at.toISOString() };
  api.messages.push(message);
  publish(api.live, 'message.created', referralId, { messageId: message.id }, at);
  return message;
}

/** What the seeded referrals were sent with: Ensomhed, reachable by phone, every criterion met, no consent asked. */
const seededContent = (context: ConsultationContext): NewReferral => ({
  patient: { cpr: context.patient.cpr, name: context.patient.name },
  reasons: ['loneliness'],
  contact: { phone: '+45 20 30 40 50' },
  companion: 'unknown',
  inclusion: { motivated: true, needsSocialSupport: true, inArea: true },
});

/** Stores a referral sent by `context`'s practitioner at `at`, as the API shows it (referralView), with its first event. */
function storeReferral(api: MockApi, content: NewReferral, context: ConsultationContext, at: Date): Referral {
  const id = crypto.randomUUID();
  const referral = referralView({
    id,
    status: 'sent',
    createdAt: at,
    updatedAt: at,
    practice: context.practice,
    referrer: context.practitioner,
    content,
    flags: inclusionFlagsFor(content, at),
  });
  api.referrals.unshift(referral);
  api.events[id] = [
    {
      id: crypto.randomUUID(),
      referralId: id,
      type: 'created',
      to: 'sent',
      actor: { ...actor, name: context.practitioner.name, role: 'doctor' },
      at: referral.createdAt,
    },
  ];
  publish(api.live, 'referral.created', id, { status: 'sent' }, at);
  return referral;
}

/** Adds a stored referral in the given status, with a timeline that led there. */
export function seedReferral(api: MockApi, status: ReferralStatus, context = demoContext, at = new Date('2026-11-20T09:30:00Z')): Referral {
  const referral = storeReferral(api, seededContent(context), context, at);
  if (status !== 'sent') moveTo(api, referral.id, status, new Date(at.getTime() + 86_400_000));
  return referral;
}

/** Changes a referral's status as a navigator would, adding the timeline entry. */
export function moveTo(api: MockApi, id: string, to: ReferralStatus, at = new Date()): void {
  const referral = api.referrals.find((r) => r.id === id)!;
  const eventId = crypto.randomUUID();
  api.events[id]!.push({
    id: eventId,
    referralId: id,
    type: 'status_changed',
    from: referral.status,
    to,
    actor,
    at: at.toISOString(),
  });
  publish(api.live, 'referral.status_changed', id, { from: referral.status, to, eventId }, at);
  referral.status = to;
  referral.updatedAt = at.toISOString();
}

/** A live stream on which nothing happens, for handlers that leave the stream out. */
export const liveStreamHandler = liveStreamOf(createMockLive());

/** Handlers that behave like the Henvis API over `api`. */
export function apiHandlers(api: MockApi) {
  return [
    http.get(`${MOCK_API}/v1/referrals`, () => HttpResponse.json({ items: api.referrals })),
    http.get(`${MOCK_API}/v1/referrals/:id`, ({ params }) => {
      const referral = api.referrals.find((r) => r.id === String(params.id));
      return referral ? HttpResponse.json(referral) : problemResponse('not_found');
    }),
    http.get(`${MOCK_API}/v1/referrals/:id/events`, ({ params }) => {
      const events = api.events[String(params.id)];
      return events ? HttpResponse.json({ items: events }) : problemResponse('not_found');
    }),
    // The search by the whole CPR number and statuses, as the dialog looks for the citizen's open referrals.
    http.post(`${MOCK_API}/v1/referrals/search`, async ({ request }) => {
      const body = (await request.json()) as { text?: string; status?: string };
      const cpr = body.text ? parseCpr(body.text) : undefined;
      const statuses = body.status?.split(',');
      const found = api.referrals.filter(
        (r) => (!cpr || (cpr.ok && r.patient.cpr === cpr.value.cpr)) && (!statuses || statuses.includes(r.status)),
      );
      return HttpResponse.json({ items: found });
    }),
    http.post(`${MOCK_API}/v1/referrals`, async ({ request }) => {
      const body = await request.json();
      api.received.push(body);
      const parsed = parseContract(NewReferral, body);
      if (!parsed.ok) return problemResponse('validation_failed', parsed.errors);
      return HttpResponse.json(storeReferral(api, parsed.value, demoContext, new Date()), { status: 201 });
    }),
    http.get(`${MOCK_API}/v1/referrals/:id/messages`, ({ params }) =>
      HttpResponse.json({ items: api.messages.filter((m) => m.referralId === String(params.id)) }),
    ),
    http.post(`${MOCK_API}/v1/referrals/:id/messages`, async ({ params, request }) => {
      const body = await request.json();
      api.received.push(body);
      const parsed = parseContract(NewMessage, body);
      if (!parsed.ok) return problemResponse('validation_failed', parsed.errors);
      const practitioner = demoContext.practitioner;
      const author = { id: practitioner.id, name: practitioner.name, role: practitioner.role, orgId: demoContext.practice.id };
      return HttpResponse.json(seedMessage(api, String(params.id), parsed.value.body, author), { status: 201 });
    }),
    liveStreamOf(api.live),
    ...evaluationHandlers(api),
  ];
}

/** The service cannot be reached at all. */
export const offlineHandlers = [http.all(`${MOCK_API}/*`, () => HttpResponse.error())];

/** The service answers every request with a 500. */
export const serverErrorHandlers = [http.all(`${MOCK_API}/*`, () => problemResponse('internal_error'))];

/** The citizen has no open referral: what the dialog's look for one finds, beside handlers that leave the rest out. */
const noOpenReferrals = http.post(`${MOCK_API}/v1/referrals/search`, () => HttpResponse.json({ items: [] }));

/** Sending hangs, to show the sending state. */
export const slowSendHandlers = [
  noOpenReferrals,
  http.post(`${MOCK_API}/v1/referrals`, async () => {
    await delay('infinite');
    return new HttpResponse(null, { status: 204 });
  }),
];

/** The list never answers, to show the loading state. */
export const hangingListHandlers = [
  http.get(`${MOCK_API}/v1/referrals`, async () => {
    await delay('infinite');
    return new HttpResponse(null, { status: 204 });
  }),
];

/** Sending is refused with `code`, a problem that retrying cannot mend. */
export const refusedHandlers = (code: Parameters<typeof problem>[0]) => [
  noOpenReferrals,
  http.post(`${MOCK_API}/v1/referrals`, () => problemResponse(code)),
];
