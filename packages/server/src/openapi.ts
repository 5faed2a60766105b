import { AssignRequest, ColleagueList, ConsentList, ConsentRecord, ContactLog, ContactLogEntry, Disclosure, FollowUpList, Message, MessageList, NewConsent, NewContactLogEntry, NewMessage, NewOffer, NewOfferLink, NewPlan, NewReferral, NewUnmetNeed, NewWho5Response, Offer, OfferLink, OfferLinkChange, OfferList, Plan, Problem, Referral, ReferralEventList, ReferralPage, ReferralSearch, TransitionRequest, UnmetNeed, UnmetNeedSummary, Who5List, Who5Response, jsonSchemaOf } from '@henvis/contracts';
import { cataloguePaths } from './openapi/catalogue-paths.js';
import { coursePaths } from './openapi/course-paths.js';
import { evaluationPaths } from './openapi/evaluation-paths.js';
import { referralPaths } from './openapi/referral-paths.js';

/** The OpenAPI 3.1 document of the HTTP API, generated from the contracts. */
export function openApiDocument(serverUrl?: string) {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Henvis API',
      version: '1.0.0',
      description:
        'Social prescribing (social henvisning) from the GP journal to the social navigator. Every /v1 request carries a bearer token (JWT, typ at+jwt, ES256/RS256/PS256, at most 15 minutes) from a trusted issuer; CPR numbers travel only in bodies and tokens, never in URLs. Errors are problem+json with a stable `code`.',
    },
    ...(serverUrl ? { servers: [{ url: serverUrl }] } : {}),
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      schemas: {
        NewReferral: jsonSchemaOf(NewReferral, 'input'),
        Referral: jsonSchemaOf(Referral, 'output'),
        ReferralPage: jsonSchemaOf(ReferralPage, 'output'),
        ReferralSearch: jsonSchemaOf(ReferralSearch, 'input'),
        ColleagueList: jsonSchemaOf(ColleagueList, 'output'),
        ReferralEventList: jsonSchemaOf(ReferralEventList, 'output'),
        TransitionRequest: jsonSchemaOf(TransitionRequest, 'input'),
        NewConsent: jsonSchemaOf(NewConsent, 'input'),
        ConsentRecord: jsonSchemaOf(ConsentRecord, 'output'),
        ConsentList: jsonSchemaOf(ConsentList, 'output'),
        Disclosure: jsonSchemaOf(Disclosure, 'output'),
        NewWho5Response: jsonSchemaOf(NewWho5Response, 'input'),
        Who5Response: jsonSchemaOf(Who5Response, 'output'),
        Who5List: jsonSchemaOf(Who5List, 'output'),
        FollowUpList: jsonSchemaOf(FollowUpList, 'output'),
        AssignRequest: jsonSchemaOf(AssignRequest, 'input'),
        NewOffer: jsonSchemaOf(NewOffer, 'input'),
        NewOfferLink: jsonSchemaOf(NewOfferLink, 'input'),
        OfferLink: jsonSchemaOf(OfferLink, 'output'),
        OfferLinkChange: jsonSchemaOf(OfferLinkChange, 'input'),
        Offer: jsonSchemaOf(Offer, 'output'),
        OfferList: jsonSchemaOf(OfferList, 'output'),
        NewPlan: jsonSchemaOf(NewPlan, 'input'),
        NewUnmetNeed: jsonSchemaOf(NewUnmetNeed, 'input'),
        UnmetNeed: jsonSchemaOf(UnmetNeed, 'output'),
        UnmetNeedSummary: jsonSchemaOf(UnmetNeedSummary, 'output'),
        Plan: jsonSchemaOf(Plan, 'output'),
        NewContactLogEntry: jsonSchemaOf(NewContactLogEntry, 'input'),
        ContactLogEntry: jsonSchemaOf(ContactLogEntry, 'output'),
        ContactLog: jsonSchemaOf(ContactLog, 'output'),
        NewMessage: jsonSchemaOf(NewMessage, 'input'),
        Message: jsonSchemaOf(Message, 'output'),
        MessageList: jsonSchemaOf(MessageList, 'output'),
        Problem: jsonSchemaOf(Problem, 'output'),
      },
    },
    paths: {
      '/health': {
        get: { summary: 'Liveness, storage kind and applied migrations', responses: { '200': { description: 'Healthy' } } },
      },
      ...referralPaths,
      ...evaluationPaths,
      ...coursePaths,
      ...cataloguePaths,
    },
  };
}
