import { devIssuer, openDatabase, startServer, type Database, type ServerConfig } from '@henvis/server';

/** The audience the development tokens are signed for. */
export const AUDIENCE = 'henvis-api';

export interface InProcessApi {
  url: string;
  /** Its store, for checks the API does not answer. */
  db: Database;
  close(): Promise<void>;
}

/** The API in this process on PGlite in memory, trusting the development issuer, for tests of the SDK against it. */
export async function startInProcessApi(extra: Partial<ServerConfig> = {}): Promise<InProcessApi> {
  const db = await openDatabase({ kind: 'pglite', dataDir: ':memory:' });
  const server = await startServer(
    {
      mode: 'development',
      host: '127.0.0.1',
      port: 0,
      database: { kind: 'pglite', dataDir: ':memory:' },
      audience: AUDIENCE,
      issuers: [devIssuer],
      pseudonymKey: 'in-process-test',
      logLevel: 'silent',
      corsOrigins: '*',
      ...extra,
    },
    { db },
  );
  return {
    url: server.url,
    db,
    async close() {
      await server.close();
      await db.close();
    },
  };
}
