/** Referrals: create, read, list, status, owner, messages, live events. */
import { exampleNewReferral, exampleTransitions, referralReasons, referralStatuses } from '@henvis/contracts';
import { ref, json, problems, idParam, auth } from './shared.js';

export const referralPaths = {
    '/v1/referrals': {
      post: {
        summary: 'Send a referral (send henvisning)',
        security: auth,
        parameters: [
          {
            name: 'Idempotency-Key',
            in: 'header',
            required: true,
            description: 'A fresh key (e.g. a UUID) per referral. Same key and body: the stored response again. Same key, other body: 422. Same key while the first is running: 409.',
            schema: { type: 'string', pattern: '^[A-Za-z0-9._:-]{8,255}$' },
          },
        ],
        requestBody: { required: true, content: { 'application/json': { schema: ref('NewReferral'), example: exampleNewReferral } } },
        responses: { '201': { description: 'Stored', content: json('Referral') }, ...problems(400, 401, 403, 409, 413, 415, 422) },
      },
      get: {
        summary: "List referrals the caller may see, newest first (a practice its own; a navigator the served practices')",
        security: auth,
        parameters: [
          { name: 'status', in: 'query', schema: { type: 'string' }, description: `Comma-separated: ${referralStatuses.join(', ')}` },
          { name: 'practice', in: 'query', schema: { type: 'string' }, description: 'Practice id (ydernummer)' },
          { name: 'owner', in: 'query', schema: { type: 'string', enum: ['me', 'none'] }, description: "`me`: the caller's caseload; `none`: not yet taken" },
          { name: 'reason', in: 'query', schema: { type: 'string', enum: [...referralReasons] }, description: 'One of the referral reasons' },
          { name: 'sort', in: 'query', schema: { type: 'string', enum: ['newest', 'oldest'], default: 'newest' } },
          { name: 'from', in: 'query', schema: { type: 'string' }, description: 'Created on or after (date = Danish day, or ISO time)' },
          { name: 'to', in: 'query', schema: { type: 'string' }, description: 'Created on or before (date, inclusive) or before (ISO time)' },
          { name: 'cursor', in: 'query', schema: { type: 'string' }, description: '`nextCursor` of the previous page' },
          { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 100, default: 25 } },
        ],
        responses: { '200': { description: 'One page', content: json('ReferralPage') }, ...problems(400, 401) },
      },
    },
    '/v1/referrals/search': {
      post: {
        summary: "Search the referrals the caller may see: the list's filters (as strings) and `text`, part of the citizen's name or the whole CPR number; a POST keeps both out of URLs",
        security: auth,
        requestBody: { required: true, content: { 'application/json': { schema: ref('ReferralSearch'), example: { text: 'Karen', status: 'sent,received', sort: 'oldest', limit: '25' } } } },
        responses: { '200': { description: 'One page', content: json('ReferralPage') }, ...problems(400, 401) },
      },
    },
    '/v1/referrals/{id}': {
      get: {
        summary: 'Read one referral',
        security: auth,
        parameters: [idParam],
        responses: { '200': { description: 'The referral', content: json('Referral') }, ...problems(401, 404) },
      },
    },
    '/v1/referrals/{id}/transitions': {
      post: {
        summary: 'Change the status (closing, rejecting and cancelling need a reason and a text)',
        security: auth,
        parameters: [idParam],
        requestBody: {
          required: true,
          content: { 'application/json': { schema: ref('TransitionRequest'), example: exampleTransitions.close } },
        },
        responses: { '200': { description: 'The changed referral', content: json('Referral') }, ...problems(400, 401, 403, 404, 409) },
      },
    },
    '/v1/referrals/{id}/events': {
      get: {
        summary: 'The timeline: creation and each status change, with who and when',
        security: auth,
        parameters: [idParam],
        responses: { '200': { description: 'Events, oldest first', content: json('ReferralEventList') }, ...problems(401, 404) },
      },
    },
    '/v1/referrals/{id}/owner': {
      post: {
        summary: 'Hand a taken referral to a colleague in the same navigator organisation (the navigator who accepts a referral owns it); the colleague must be one of `/v1/colleagues` (400 `validation_failed` with `unknown_colleague` on `id` otherwise), and their name is taken from there',
        security: auth,
        parameters: [idParam],
        requestBody: { required: true, content: { 'application/json': { schema: ref('AssignRequest'), example: { id: 'demo-navigator-2', name: 'Rasmus Friis' } } } },
        responses: { '200': { description: 'The referral with its new owner', content: json('Referral') }, ...problems(400, 401, 403, 404, 409) },
      },
    },
    '/v1/colleagues': {
      get: {
        summary: "The navigators and coordinators of the caller's organisation who have signed in to Henvis: whom a referral can be handed to",
        security: auth,
        responses: { '200': { description: 'Colleagues by name', content: json('ColleagueList') }, ...problems(401, 403) },
      },
    },
    '/v1/referrals/{id}/messages': {
      post: {
        summary: 'Write to the other side (navigator ↔ practice); `inReplyTo` threads a reply',
        security: auth,
        parameters: [idParam],
        requestBody: { required: true, content: { 'application/json': { schema: ref('NewMessage'), example: { body: 'Karen har været med i gåklubben to gange og vil gerne fortsætte.' } } } },
        responses: { '201': { description: 'Sent', content: json('Message') }, ...problems(400, 401, 404, 422) },
      },
      get: {
        summary: 'The messages of a referral, oldest first, each with author, role and time',
        security: auth,
        parameters: [idParam],
        responses: { '200': { description: 'Messages', content: json('MessageList') }, ...problems(401, 404) },
      },
    },
    '/v1/events/stream': {
      get: {
        summary: 'Server-sent events from the outbox for the referrals the token may see (referral.created, referral.status_changed, message.created, consent.recorded, consent.withdrawn); `id` is the outbox position, send it back as Last-Event-ID to resume; ends with `token_expired`',
        security: auth,
        parameters: [{ name: 'Last-Event-ID', in: 'header', schema: { type: 'string' }, description: 'Resume after this event' }],
        responses: { '200': { description: 'text/event-stream', content: { 'text/event-stream': { schema: { type: 'string' } } } }, ...problems(401) },
      },
    },
};
