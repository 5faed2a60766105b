// Starts the whole demo: the API on embedded PGlite (port 4000). Ctrl-C stops everything.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const services = [
  { name: 'api', command: ['node', 'packages/server/bin/henvis-server.js', 'start'], env: { PORT: '4000' } },
];

const children = services.map(({ name, command, env }) => {
  const [cmd, ...args] = command;
  const child = spawn(cmd, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const prefix = (line) => `[${name}] ${line}`;
  for (const stream of [child.stdout, child.stderr]) {
    stream.setEncoding('utf8');
    stream.on('data', (chunk) => process.stdout.write(chunk.split('\n').filter(Boolean).map(prefix).join('\n') + '\n'));
  }
  child.on('exit', (code) => {
    if (code !== 0 && code !== null) console.error(prefix(`exited with code ${code}`));
    stopAll(code ?? 0);
  });
  return child;
});

let stopping = false;
function stopAll(code) {
  if (stopping) return;
  stopping = true;
  for (const child of children) child.kill('SIGTERM');
  setTimeout(() => process.exit(code), 500);
}
process.on('SIGINT', () => stopAll(0));
process.on('SIGTERM', () => stopAll(0));
