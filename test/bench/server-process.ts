import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../packages/server/bin/henvis-server.js', import.meta.url));

export interface ServerProcess {
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts the built `henvis-server start` in its own process on a free port and waits for it to announce its URL.
 * Storage is what `env` says: an inherited DATABASE_URL would put the run in a shared database.
 */
export function startServerProcess(env: Record<string, string>, timeoutMs = 30_000): Promise<ServerProcess> {
  const { DATABASE_URL: _shared, HENVIS_DATA_DIR: _dataDir, ...inherited } = process.env;
  const child: ChildProcess = spawn(process.execPath, [BIN, 'start'], {
    env: { ...inherited, PORT: '0', LOG_LEVEL: 'warn', HENVIS_CORS_ORIGINS: '*', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error('the server did not announce its URL in time'));
    }, timeoutMs);
    let output = '';
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk;
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (!match) return;
      clearTimeout(timer);
      resolve({
        url: match[1]!,
        stop: () =>
          new Promise((done) => {
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the server exited with code ${code} before it was ready`));
    });
  });
}
