import { startApiProcess, type ApiProcess } from '../../scripts/api-process.mjs';

export type ServerProcess = ApiProcess;

/**
 * Starts the built `henvis-server start` in its own process on a free port and waits for it to announce its URL
 * (scripts/api-process.mjs, as the demo does). Storage is what `env` says: an inherited DATABASE_URL would put the
 * run in a shared database.
 */
export function startServerProcess(env: Record<string, string>, timeoutMs = 30_000, nodeArgs: string[] = []): Promise<ServerProcess> {
  const { DATABASE_URL: _shared, HENVIS_DATA_DIR: _dataDir, ...inherited } = process.env;
  return startApiProcess({
    env: { ...inherited, PORT: '0', LOG_LEVEL: 'warn', HENVIS_CORS_ORIGINS: '*', ...env },
    onOutput: (line, stream) => {
      if (stream === 'stderr') console.error(line);
    },
    timeoutMs,
    nodeArgs,
  });
}
