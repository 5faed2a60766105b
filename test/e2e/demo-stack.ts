import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTokenService, type TokenService } from '@henvis/example-vendor-backend';
import { demoJournals, type DemoJournalName } from '../../scripts/demo-journal.mjs';
import { startDemoServers, type DemoServers } from '../../scripts/demo-stack.mjs';

/**
 * The demo as `pnpm start` runs it (scripts/demo-stack.mjs), on free ports and its own PGlite folder: the built API
 * in its own process, the widget's files, the three journal hosts and the inbox.
 */
export interface DemoStack extends DemoServers {
  /** The API's PGlite folder: open it once the API is stopped (`stopApi`) to read what the run stored. */
  dataDir: string;
  /** The journal vendor's token service, which the API trusts. */
  tokens: TokenService;
  /** Where that service keeps its private key (PEM), for a test that signs what the service would not. */
  vendorKeyFile: string;
  /** Signs a token for the journal's practice, as its vendor does (for checks through the API). */
  token(journal: DemoJournalName): string;
}

/** What a test may add: more of the API's environment (e.g. LOG_LEVEL, HENVIS_WEBHOOKS), and its output. */
export interface DemoStackOptions {
  apiEnv?: Record<string, string | undefined>;
  /** Pages of the test's own that call the API from a browser: the API lets their origins in (CORS). */
  pageOrigins?: string[];
  /** Each line the API writes; by default its stderr goes to the test's. */
  onApiOutput?: (line: string, stream: 'stdout' | 'stderr') => void;
}

export async function startDemoStack({ apiEnv = {}, pageOrigins = [], onApiOutput }: DemoStackOptions = {}): Promise<DemoStack> {
  const dir = mkdtempSync(join(tmpdir(), 'henvis-e2e-'));
  const dataDir = join(dir, 'pgdata');
  const vendorKeyFile = join(dir, 'vendor-key.pem');
  const tokens = createTokenService({ issuer: 'https://e2e-journal.henvis.invalid', audience: 'henvis-api', keyFile: vendorKeyFile });
  const servers = await startDemoServers({
    tokens,
    pageOrigins,
    // An inherited DATABASE_URL would put the run in a shared database.
    apiEnv: { LOG_LEVEL: 'warn', ...apiEnv, DATABASE_URL: undefined, HENVIS_DATA_DIR: dataDir },
    onApiOutput:
      onApiOutput ??
      ((line, stream) => {
        if (stream === 'stderr') console.error(line);
      }),
  }).catch((error: unknown) => {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  });
  const close = async () => {
    await servers.close();
    rmSync(dir, { recursive: true, force: true });
  };
  const health = (await (await fetch(`${servers.apiUrl}/health`)).json()) as { storage: string };
  if (health.storage !== 'pglite') {
    await close();
    throw new Error(`the e2e API must run on its own PGlite folder, not ${health.storage}`);
  }
  return {
    ...servers,
    dataDir,
    tokens,
    vendorKeyFile,
    token: (journal) => tokens.sign({ id: 'e2e-check', name: 'E2E', role: 'doctor' }, demoJournals[journal].practice),
    close,
  };
}
