import { createServer, type AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { buildApp, type AppOptions } from './app.js';
import { devOidcIssuer } from './auth/dev-issuer.js';
import type { ServerConfig } from './config.js';
import { openDatabase, type Database } from './db/database.js';
import { migrate } from './db/migrate.js';
import { chainUnchainedRows, startAuditChainer } from './audit/chain.js';
import { devAuditSigningKey, startCheckpointer } from './audit/checkpoints.js';
import { startIdempotencyRetention } from './purge/idempotency-retention.js';
import { backfillFirstContactDue } from './referrals/store.js';
import { seedTenants } from './admin/tenants.js';
import { demoNavigatorOrgSeeds, seedDemoCatalogue } from './seed-demo.js';
import { seedPilotHistory, type PilotHistoryReport } from './seed-pilot-history.js';
import { startWebhookWorker } from './webhooks/deliver.js';
import { watchWebhookTargets } from './webhooks/subscriptions.js';

export interface RunningServer {
  app: FastifyInstance;
  db: Database;
  url: string;
  /** The development login's OpenID issuer, when it is mounted. */
  devLoginIssuer?: string;
  close(): Promise<void>;
}

/** A port nobody listens on now. */
function freePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, host, () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '::') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}

/** Opens the store, applies migrations, and listens. Used by `henvis-server start`, the tests and the benchmarks. */
export async function startServer(
  config: ServerConfig,
  options: { db?: Database; logStream?: NodeJS.WritableStream } = {},
): Promise<RunningServer> {
  const db = options.db ?? (await openDatabase(config.database));
  await migrate(db);
  await backfillFirstContactDue(db);
  await chainUnchainedRows(db);
  let history: (PilotHistoryReport & { ms: number }) | undefined;
  // Configuration seeds the tenants the database lacks; what it has stays as an administrator left it.
  const differing = await seedTenants(db, {
    navigatorOrgs: [...(config.mode === 'development' ? demoNavigatorOrgSeeds : []), ...(config.navigatorOrgs ?? [])],
    webhooks: config.webhooks ?? [],
  });
  if (config.mode === 'development') {
    await seedDemoCatalogue(db);
    if (config.demoHistory) {
      const started = performance.now();
      const seeded = await seedPilotHistory(db, { pseudonymKey: config.pseudonymKey, now: new Date() });
      history = { ...seeded, ms: Math.round(performance.now() - started) };
    }
  }
  // The development login's issuer URL names the port, so it must be known before the server listens: port 0
  // (the tests) becomes a free port picked now, unless HENVIS_PUBLIC_URL says where browsers reach the API. Another
  // process may take that port between the pick and the listen: then pick again, a few times.
  // The launch page needs it as well: vendors sign launch tokens for its URL.
  const pickPort = (!!config.devLogin || !!config.launch) && config.port === 0 && !config.publicUrl;
  for (let attempt = 1; ; attempt++) {
    const port = pickPort ? await freePort(config.host) : config.port;
    const publicUrl = config.publicUrl ?? `http://${urlHost(config.host)}:${port}`;
    const devLogin: AppOptions['devLogin'] =
      config.mode === 'development' && config.devLogin
        ? {
            publicUrl,
            audience: config.audience,
            inboxOrigins: config.devLogin.inboxOrigins,
          }
        : undefined;
    const app = await buildApp({
      config,
      db,
      ...(devLogin ? { devLogin } : {}),
      ...(options.logStream ? { logStream: options.logStream } : {}),
      ...(config.publicUrl || port !== 0 ? { publicUrl } : {}),
      ...(config.requestTimeoutMs ? { requestTimeoutMs: config.requestTimeoutMs } : {}),
    });
    let address: string;
    try {
      address = await app.listen({ host: config.host, port });
    } catch (error) {
      await app.close();
      if (pickPort && attempt < 5 && (error as NodeJS.ErrnoException).code === 'EADDRINUSE') continue;
      if (!options.db) await db.close();
      throw error;
    }
    return running(app, address, devLogin);
  }

  async function running(app: FastifyInstance, address: string, devLogin: AppOptions['devLogin']): Promise<RunningServer> {
    for (const id of differing)
      app.log.warn(
        { event: 'webhook_configuration_differs', subscription: id },
        'HENVIS_WEBHOOKS names this subscription otherwise than the database holds it; the database is used (change it with henvis-server admin webhooks)',
      );
    // The stored subscriptions, read again on every instance when an administrator changes one.
    const targets = await watchWebhookTargets(db, app.log);
    const webhooks = startWebhookWorker(db, targets, app.log, { onWake: (wake) => app.outboxHub.onWake(wake) });
    // Audit lines are chained moments after they commit, by whichever instance holds the chain's head.
    const chainer = startAuditChainer(db, app.log);
    const checkpoints = startCheckpointer(db, {
      privateKey: config.auditCheckpoints?.signingKey ?? devAuditSigningKey(),
      ...(config.auditCheckpoints?.everyRows ? { everyRows: config.auditCheckpoints.everyRows } : {}),
      ...(config.auditCheckpoints?.file ? { file: config.auditCheckpoints.file } : {}),
      log: app.log,
    });
    const keyRetention = startIdempotencyRetention(db, { log: app.log });
    if (history?.seeded) app.log.info({ referrals: history.referrals, ms: history.ms }, "seeded the demo's pilot history");
    return {
      app,
      db,
      url: address.replace('[::1]', 'localhost'),
      ...(devLogin ? { devLoginIssuer: devOidcIssuer(devLogin.publicUrl) } : {}),
      async close() {
        await webhooks.stop();
        await targets.close();
        await app.close();
        await chainer.stop();
        await checkpoints.stop();
        await keyRetention.stop();
        if (!options.db) await db.close();
      },
    };
  }
}
