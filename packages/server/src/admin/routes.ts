import {
  NavigatorOrgId,
  parseContract,
  type IssuedWebhookSecret,
  type NavigatorOrganisation,
  type NavigatorOrganisationChange,
  type NavigatorOrganisationList,
  type NavigatorOrgServiceEnd,
  type NewNavigatorOrgService,
  type NewWebhookSubscription,
  type TrustedIssuerList,
  type WebhookSecretRotation,
  type WebhookSubscription,
  type WebhookSubscriptionChange,
  type WebhookSubscriptionList,
} from '@henvis/contracts';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { TrustedIssuer } from '../auth/trusted-issuer.js';
import { HttpProblem } from '../http-problem.js';
import { answer, body, problems, tagRoutes } from '../http/schemas.js';
import { describeIssuers } from './issuers.js';
import { findNavigatorOrg, findWebhookSubscription, listNavigatorOrgs, listWebhookSubscriptions } from './store.js';
import {
  changeSubscription,
  createSubscription,
  endPracticeService,
  removeSubscription,
  rotateSecret,
  saveOrganisation,
  servePractice,
  type AdminCaller,
} from './tenants.js';

export interface AdminRoutesOptions {
  /** The issuers the API trusts now, as the guards have them. */
  issuers: readonly TrustedIssuer[];
  mode: 'development' | 'production';
}

/** Path parameters that are names (an organisation's id, a practice's), not UUIDs. */
const names = (...keys: string[]) => ({
  type: 'object',
  properties: Object.fromEntries(keys.map((key) => [key, { type: 'string', maxLength: 64 }])),
  required: keys,
});

const exampleSubscription: NewWebhookSubscription = {
  id: 'journal-vendor',
  url: 'https://journal-vendor.example/henvis/webhook',
  practices: ['045678', '045679'],
};

/**
 * `/v1/admin`: tenant administration, by an administrator with an admin token from the organisation's identity
 * provider (the guard of this prefix takes no other token): navigator organisations and the practices they serve,
 * the journal vendors' webhook subscriptions and their secrets, and the issuers the API trusts. Every change is
 * audited, a refused one too. No personal data passes here.
 */
// eslint-disable-next-line @typescript-eslint/require-await -- a Fastify plugin is async so a registration error rejects ready(), not the process; lint can't see it
export const adminRoutes: FastifyPluginAsync<AdminRoutesOptions> = async (app, { issuers, mode }) => {
  const { db } = app;
  tagRoutes(app, 'admin');
  const caller = (request: FastifyRequest): AdminCaller => {
    if (!request.admin) throw new HttpProblem('role_not_allowed');
    return { actor: request.admin, clientIp: request.ip, mode };
  };

  app.get(
    '/navigator-organisations',
    {
      schema: {
        operationId: 'adminListNavigatorOrganisations',
        summary: 'The navigator organisations, each with every period in which it served a practice (ended ones too)',
        response: { 200: answer('The organisations by id', 'NavigatorOrganisationList'), ...problems(401, 403) },
      },
    },
    async (): Promise<NavigatorOrganisationList> => ({ items: await listNavigatorOrgs(db) }),
  );

  app.get<{ Params: { id: string } }>(
    '/navigator-organisations/:id',
    {
      schema: {
        operationId: 'adminGetNavigatorOrganisation',
        summary: 'One navigator organisation and its periods of service',
        params: names('id'),
        response: { 200: answer('The organisation', 'NavigatorOrganisation'), ...problems(401, 403, 404) },
      },
    },
    async (request): Promise<NavigatorOrganisation> => {
      const organisation = await findNavigatorOrg(db, request.params.id);
      if (!organisation) throw new HttpProblem('not_found');
      return organisation;
    },
  );

  app.put<{ Params: { id: string }; Body: NavigatorOrganisationChange }>(
    '/navigator-organisations/:id',
    {
      schema: {
        operationId: 'adminSaveNavigatorOrganisation',
        summary: "Create a navigator organisation under the path's id (the `org.id` its navigators' tokens carry), or rename it",
        params: names('id'),
        body: body('NavigatorOrganisationChange', { name: 'Norddjurs Kommune – Socialnavigatører' }),
        response: {
          200: answer('Renamed', 'NavigatorOrganisation'),
          201: answer('Created', 'NavigatorOrganisation'),
          ...problems(400, 401, 403),
        },
      },
    },
    async (request, reply) => {
      const id = parseContract(NavigatorOrgId, request.params.id);
      if (!id.ok)
        throw new HttpProblem(
          'validation_failed',
          undefined,
          id.errors.map((e) => ({ ...e, path: 'id' })),
        );
      const { created, organisation } = await saveOrganisation(db, caller(request), id.value, request.body.name);
      if (created) reply.code(201).header('location', `/v1/admin/navigator-organisations/${organisation.id}`);
      return organisation;
    },
  );

  app.post<{ Params: { id: string }; Body: NewNavigatorOrgService }>(
    '/navigator-organisations/:id/services',
    {
      schema: {
        operationId: 'adminServePractice',
        summary:
          "The organisation begins to serve a practice, from `validFrom` (default now; a later time takes effect then): its navigators see the practice's referrals from then on",
        params: names('id'),
        body: body('NewNavigatorOrgService', { practiceId: '045678', validFrom: '2027-01-01T00:00:00.000Z' }),
        response: { 201: answer('The organisation with the new period', 'NavigatorOrganisation'), ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const organisation = await servePractice(db, caller(request), request.params.id, request.body);
      return reply.code(201).send(organisation);
    },
  );

  app.post<{ Params: { id: string; practiceId: string }; Body: NavigatorOrgServiceEnd }>(
    '/navigator-organisations/:id/services/:practiceId/end',
    {
      schema: {
        operationId: 'adminEndPracticeService',
        summary:
          "The organisation stops serving the practice at `validTo` (default now): its navigators no longer see the practice's referrals; the period is kept",
        params: names('id', 'practiceId'),
        body: body('NavigatorOrgServiceEnd', { validTo: '2027-07-01T00:00:00.000Z' }),
        response: { 200: answer('The organisation with the period ended', 'NavigatorOrganisation'), ...problems(400, 401, 403, 404, 422) },
      },
    },
    async (request) => endPracticeService(db, caller(request), request.params.id, request.params.practiceId, request.body),
  );

  app.get(
    '/webhooks',
    {
      schema: {
        operationId: 'adminListWebhooks',
        summary: "The journal vendors' webhook subscriptions: URL, practices and the dates of the secrets that sign now (never a secret)",
        response: { 200: answer('The subscriptions by id', 'WebhookSubscriptionList'), ...problems(401, 403) },
      },
    },
    async (): Promise<WebhookSubscriptionList> => ({ items: await listWebhookSubscriptions(db, new Date()) }),
  );

  app.post<{ Body: NewWebhookSubscription }>(
    '/webhooks',
    {
      schema: {
        operationId: 'adminCreateWebhook',
        summary:
          'Add a webhook subscription: the changes of its practices recorded from now on are posted to its URL, signed; answers the secret once (made by Henvis unless sent)',
        body: body('NewWebhookSubscription', exampleSubscription),
        response: { 201: answer('Added, with its secret', 'IssuedWebhookSecret'), ...problems(400, 401, 403, 409, 422) },
      },
    },
    async (request, reply): Promise<IssuedWebhookSecret> => {
      const issued = await createSubscription(db, caller(request), request.body);
      return reply.code(201).header('location', `/v1/admin/webhooks/${issued.subscription.id}`).send(issued);
    },
  );

  app.get<{ Params: { id: string } }>(
    '/webhooks/:id',
    {
      schema: {
        operationId: 'adminGetWebhook',
        summary: 'One webhook subscription (never its secret)',
        params: names('id'),
        response: { 200: answer('The subscription', 'WebhookSubscription'), ...problems(401, 403, 404) },
      },
    },
    async (request): Promise<WebhookSubscription> => {
      const subscription = await findWebhookSubscription(db, request.params.id, new Date());
      if (!subscription) throw new HttpProblem('not_found');
      return subscription;
    },
  );

  app.put<{ Params: { id: string }; Body: WebhookSubscriptionChange }>(
    '/webhooks/:id',
    {
      schema: {
        operationId: 'adminChangeWebhook',
        summary: "Change a subscription's URL and practices; its secrets and its place in the outbox stay",
        params: names('id'),
        body: body('WebhookSubscriptionChange', { url: exampleSubscription.url, practices: ['045678'] }),
        response: { 200: answer('The subscription', 'WebhookSubscription'), ...problems(400, 401, 403, 404, 422) },
      },
    },
    async (request) => changeSubscription(db, caller(request), request.params.id, request.body),
  );

  app.post<{ Params: { id: string }; Body: WebhookSecretRotation }>(
    '/webhooks/:id/secret-rotations',
    {
      schema: {
        operationId: 'adminRotateWebhookSecret',
        summary:
          'Rotate the secret: a new one signs from now on, and the one before signs beside it (a second `v1=` in Henvis-Signature) until `previousAcceptedUntil`; answers the new secret once',
        params: names('id'),
        body: body('WebhookSecretRotation', { previousAcceptedUntil: '2027-01-08T00:00:00.000Z' }),
        response: { 201: answer('Rotated, with the new secret', 'IssuedWebhookSecret'), ...problems(400, 401, 403, 404) },
      },
    },
    async (request, reply) => reply.code(201).send(await rotateSecret(db, caller(request), request.params.id, request.body)),
  );

  app.delete<{ Params: { id: string } }>(
    '/webhooks/:id',
    {
      schema: {
        operationId: 'adminDeleteWebhook',
        summary: 'Remove a subscription: nothing more is posted to it; its delivery log stays',
        params: names('id'),
        response: { 204: answer('Removed'), ...problems(401, 403, 404) },
      },
    },
    async (request, reply) => {
      await removeSubscription(db, caller(request), request.params.id);
      return reply.code(204).send();
    },
  );

  app.get(
    '/issuers',
    {
      schema: {
        operationId: 'adminListTrustedIssuers',
        summary:
          'The token issuers the API trusts now (configuration, the development issuer, the launch page): kind, MFA rule, whether it signs admins, and its keys by id and thumbprint',
        response: { 200: answer('The issuers in force', 'TrustedIssuerList'), ...problems(401, 403) },
      },
    },
    (): TrustedIssuerList => ({ items: describeIssuers(issuers) }),
  );
};
