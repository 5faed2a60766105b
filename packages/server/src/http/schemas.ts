import {
  AssignRequest,
  CareCommunicationExport,
  ColleagueList,
  NavigatorOrgContact,
  ConsentList,
  ConsentRecord,
  ConsentTextDocument,
  ConsentTextQuery,
  ContactLog,
  ContactLogEntry,
  CurrentPlan,
  Disclosure,
  FirstContactList,
  FirstContactQuery,
  FollowUpList,
  NextStepList,
  NextStepQuery,
  FollowUpQuery,
  Health,
  IssuedWebhookSecret,
  HsdsImportQuery,
  HsdsImportReport,
  HsdsServicePage,
  ListLiveEventsQuery,
  ListReferralsQuery,
  LiveEventPage,
  MedComAcknowledgement,
  MedComAcknowledgementList,
  MedComAcknowledgementRecord,
  Measures,
  MeasuresQuery,
  Message,
  MessageList,
  NavigatorOrgServiceEnd,
  NavigatorOrganisation,
  NavigatorOrganisationChange,
  NavigatorOrganisationList,
  NewConsent,
  NewContactLogEntry,
  NewMessage,
  NewNavigatorOrgService,
  NewOffer,
  NewOfferLink,
  NewPlan,
  NewReferral,
  NewUnmetNeed,
  NewWebhookSubscription,
  NewWho5Response,
  Offer,
  OfferLink,
  OfferLinkChange,
  OfferLinkList,
  OfferList,
  OfferQuery,
  Plan,
  Problem,
  Referral,
  ReferralEventList,
  ReferralPage,
  ReferralSearch,
  Refusals,
  RefusalsQuery,
  ResearchExport,
  ResearchExportRequest,
  TransitionRequest,
  TrustedIssuerList,
  UnmetNeed,
  UnmetNeedSummary,
  WebhookSecretRotation,
  WebhookSubscription,
  WebhookSubscriptionChange,
  WebhookSubscriptionList,
  Who5List,
  Who5Response,
  jsonSchemaOf,
  launchProblemCodes,
  type FieldError,
  parseContract,
  problemStatuses,
} from '@henvis/contracts';
import type { FastifyInstance, FastifySchemaCompiler } from 'fastify';
import { HttpProblem } from '../http-problem.js';

// The contracts that cross the HTTP API, by the name the OpenAPI document gives them. A route's schema points at
// them by name; the same contract validates the request (below) and describes it (@fastify/swagger).

/** What clients send: bodies and queries, validated by their contract. */
const inputs = {
  NewReferral,
  ReferralSearch,
  ListReferralsQuery,
  ListLiveEventsQuery,
  TransitionRequest,
  AssignRequest,
  NewConsent,
  ConsentTextQuery,
  NewWho5Response,
  FollowUpQuery,
  NewMessage,
  NewContactLogEntry,
  FirstContactQuery,
  NextStepQuery,
  NewPlan,
  NewUnmetNeed,
  NewOffer,
  OfferQuery,
  HsdsImportQuery,
  NewOfferLink,
  OfferLinkChange,
  MeasuresQuery,
  RefusalsQuery,
  ResearchExportRequest,
  MedComAcknowledgement,
  NavigatorOrganisationChange,
  NewNavigatorOrgService,
  NavigatorOrgServiceEnd,
  NewWebhookSubscription,
  WebhookSubscriptionChange,
  WebhookSecretRotation,
};

/** What the API answers. */
const outputs = {
  Health,
  Referral,
  ReferralPage,
  ReferralEventList,
  LiveEventPage,
  ColleagueList,
  NavigatorOrgContact,
  ConsentRecord,
  ConsentList,
  ConsentTextDocument,
  Disclosure,
  Who5Response,
  Who5List,
  FollowUpList,
  Message,
  MessageList,
  ContactLogEntry,
  ContactLog,
  FirstContactList,
  NextStepList,
  Plan,
  CurrentPlan,
  UnmetNeed,
  UnmetNeedSummary,
  Offer,
  OfferList,
  OfferLink,
  OfferLinkList,
  HsdsImportReport,
  HsdsServicePage,
  Measures,
  Refusals,
  ResearchExport,
  CareCommunicationExport,
  MedComAcknowledgementRecord,
  MedComAcknowledgementList,
  NavigatorOrganisation,
  NavigatorOrganisationList,
  WebhookSubscription,
  WebhookSubscriptionList,
  IssuedWebhookSecret,
  TrustedIssuerList,
  Problem,
};

export type InputName = keyof typeof inputs;
export type OutputName = keyof typeof outputs;

/** Registers every contract as a shared schema: `components.schemas` of the OpenAPI document. */
export function addContractSchemas(app: FastifyInstance): void {
  for (const [name, schema] of Object.entries(inputs)) app.addSchema({ $id: name, ...jsonSchemaOf(schema, 'input') });
  for (const [name, schema] of Object.entries(outputs)) app.addSchema({ $id: name, ...jsonSchemaOf(schema, 'output') });
}

const nameOf = (schema: unknown): string | undefined => {
  const ref = (schema as { $ref?: unknown } | undefined)?.$ref;
  return typeof ref === 'string' ? ref.replace(/#$/, '') : undefined;
};

/**
 * Validates a body or a query by its contract, with localised field errors that never echo the value: a body
 * answers 400 `validation_failed`, a query 400 `invalid_query`; text that cannot be stored (a NUL, a lone
 * surrogate) is refused so before the contract looks at it. Path parameters are checked for that alone, and
 * otherwise by the routes: an id that is not a UUID is not found (404, audited) like one that does not exist.
 * Headers are documented only; the Idempotency-Key has its own codes.
 */
export const contractValidator: FastifySchemaCompiler<unknown> = ({ schema, httpPart, url }) => {
  if (httpPart === 'headers') return (data: unknown) => ({ value: data });
  if (httpPart === 'params')
    return (data: unknown) => {
      const errors = unstorableText(data);
      return errors.length === 0 ? { value: data } : { error: new HttpProblem('validation_failed', undefined, errors) };
    };
  const name = nameOf(schema);
  const contract = name && name in inputs ? inputs[name as InputName] : undefined;
  if (!contract) throw new Error(`${url}: the ${httpPart} schema must name an input contract, as body('NewReferral') does`);
  const code = httpPart === 'querystring' ? 'invalid_query' : 'validation_failed';
  return (data) => {
    const unstorable = unstorableText(data);
    if (unstorable.length > 0) return { error: new HttpProblem(code, undefined, unstorable) };
    const result = parseContract(contract, data);
    return result.ok ? { value: result.value } : { error: new HttpProblem(code, undefined, result.errors) };
  };
};

/** A NUL, or half of a UTF-16 surrogate pair: text PostgreSQL cannot store (22P05, 22P02), so refused before. */
// eslint-disable-next-line no-control-regex -- the NUL is what it looks for
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Every string (and key) of a request part that holds unstorable text, by its path; never the text itself. */
function unstorableText(data: unknown, path: string[] = []): FieldError[] {
  const at = (p: string[]) => ({
    path: p.join('.'),
    code: 'invalid_characters',
    message: 'Contains a NUL character or a broken (lone surrogate) character, which cannot be stored.',
  });
  if (typeof data === 'string') return UNSTORABLE.test(data) ? [at(path)] : [];
  if (Array.isArray(data)) return data.flatMap((item, i) => unstorableText(item, [...path, String(i)]));
  if (data && typeof data === 'object')
    return Object.entries(data).flatMap(([key, value]) =>
      UNSTORABLE.test(key) ? [at([...path, '(key)'])] : unstorableText(value, [...path, key]),
    );
  return [];
}

/** A request body of this contract, with an example for the document. */
export const body = (name: InputName, example?: unknown) => ({
  $ref: `${name}#`,
  ...(example === undefined ? {} : { examples: [example] }),
});

/** A query string of this contract. */
export const query = (name: InputName) => ({ $ref: `${name}#` });

/** An answer: its description, and the contract of its JSON body if it has one. */
export const answer = (description: string, name?: OutputName) =>
  name ? { description, content: { 'application/json': { schema: { $ref: `${name}#` } } } } : { description, type: 'null' };

/** An answer that is not JSON (a file, a stream): its bytes, of this media type. */
export const fileAnswer = (description: string, mediaType: string) => ({
  description,
  content: { [mediaType]: { schema: { type: 'string', contentMediaType: mediaType } } },
});

const launchOnly = new Set<string>(launchProblemCodes);

/** The problem answers of a route, each status listing the codes it can carry (the launch pages' own are not among them). */
export const problems = (...statuses: number[]) =>
  Object.fromEntries(
    statuses.map((status) => [
      status,
      {
        description: Object.entries(problemStatuses)
          .filter(([code, s]) => s === status && !launchOnly.has(code))
          .map(([code]) => `\`${code}\``)
          .join(', '),
        content: { 'application/problem+json': { schema: { $ref: 'Problem#' } } },
      },
    ]),
  );

const uuid = { type: 'string', format: 'uuid' } as const;

/** Path parameters that are ids: `params('id', 'consentId')`. */
export const params = (...names: string[]) => ({
  type: 'object',
  properties: Object.fromEntries(names.map((name) => [name, uuid])),
  required: names,
});

/** Groups the routes a module registers under its tag in the OpenAPI document. */
export function tagRoutes(app: FastifyInstance, tag: string): void {
  app.addHook('onRoute', (route) => {
    route.schema = { ...route.schema, tags: [tag] };
  });
}
