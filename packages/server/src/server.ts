import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.js';
import type { ServerConfig } from './config.js';
import { openDatabase, type Database } from './db/database.js';
import { migrate } from './db/migrate.js';
import { seedDemoCatalogue, seedDemoDirectory } from './seed-demo.js';
import { startWebhookWorker } from './webhooks/deliver.js';

export interface RunningServer {
  app: FastifyInstance;
  db: Database;
  url: string;
  close(): Promise<void>;
}

/** Opens the store, applies migrations, and listens. Used by `henvis-server start`, the tests and the benchmarks. */
export async function startServer(config: ServerConfig, options: { db?: Database; logStream?: NodeJS.WritableStream } = {}): Promise<RunningServer> {
  const db = options.db ?? (await openDatabase(config.database));
  await migrate(db);
  if (config.mode === 'development') {
    await seedDemoDirectory(db);
    await seedDemoCatalogue(db);
  }
  const app = await buildApp({ config, db, ...(options.logStream ? { logStream: options.logStream } : {}) });
  const address = await app.listen({ host: config.host, port: config.port });
  const webhooks = config.webhooks?.length ? startWebhookWorker(db, config.webhooks, app.log) : undefined;
  return {
    app,
    db,
    url: address.replace('[::1]', 'localhost'),
    async close() {
      await webhooks?.stop();
      await app.close();
      if (!options.db) await db.close();
    },
  };
}
