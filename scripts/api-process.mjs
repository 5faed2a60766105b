// @ts-check
// Starts the built API (`henvis-server start`) in its own process and waits for it to announce its URL, instead of
// polling or sleeping. Used by the demo (demo-stack.mjs, for `pnpm start` and the end-to-end tests) and the
// benchmarks (test/bench/server-process.ts).
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../packages/server/bin/henvis-server.js', import.meta.url));

/**
 * The running API.
 * @typedef {object} ApiProcess
 * @property {string} url Where it listens, as it announced it.
 * @property {number | undefined} pid Its process id (a bench reads its memory).
 * @property {() => Promise<void>} stop Ends it (SIGTERM) and resolves once it has exited.
 */

/**
 * @param {object} options
 * @param {Record<string, string | undefined>} options.env Its whole environment (PORT among it); a variable whose
 *   value is `undefined` is left out.
 * @param {(line: string, stream: 'stdout' | 'stderr') => void} [options.onOutput] Each line it writes, JSON logs too.
 * @param {(code: number | null) => void} [options.onExit] Called when it exits without being asked to by `stop()`.
 * @param {number} [options.timeoutMs] How long it may take to announce its URL.
 * @param {string[]} [options.nodeArgs] Options for node itself (a bench's `--cpu-prof`).
 * @returns {Promise<ApiProcess>}
 */
export function startApiProcess({ env, onOutput = () => {}, onExit = () => {}, timeoutMs = 60_000, nodeArgs = [] }) {
  const defined = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined));
  const child = spawn(process.execPath, [...nodeArgs, BIN, 'start'], { env: defined, stdio: ['ignore', 'pipe', 'pipe'] });
  let stopping = false;
  /** @type {Promise<void>} */
  const exited = new Promise((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    stopping = true;
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  return new Promise((resolve, reject) => {
    let ready = false;
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`the API did not announce its URL within ${timeoutMs} ms`));
    }, timeoutMs);
    // Both streams are read to the end, so a full pipe never stops the API.
    for (const [name, stream] of /** @type {const} */ ([
      ['stdout', child.stdout],
      ['stderr', child.stderr],
    ])) {
      createInterface({ input: stream }).on('line', (line) => {
        onOutput(line, name);
        const announced = ready ? null : /listening on (http:\/\/\S+)/.exec(line);
        if (!announced?.[1]) return;
        ready = true;
        clearTimeout(timer);
        resolve({ url: announced[1], pid: child.pid, stop });
      });
    }
    child.once('exit', (code) => {
      clearTimeout(timer);
      if (!ready) reject(new Error(`the API exited with code ${code} before it was ready`));
      else if (!stopping) onExit(code);
    });
  });
}
