import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serve } from '../scripts/serve.mjs';

// The demo's file server serves the widget's files, both journals and the inbox: one bad URL must not take all
// of them down.

describe("the demo's static file server", () => {
  const root = mkdtempSync(join(tmpdir(), 'henvis-serve-'));
  let server: Server;
  let url: string;
  beforeAll(async () => {
    writeFileSync(join(root, 'index.html'), '<p>ok</p>');
    server = await serve({ root, port: 0 });
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => {
    server.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('answers a broken percent-encoding with 400 and keeps serving', async () => {
    expect((await fetch(`${url}/%E0%A4%A`)).status).toBe(400);
    expect((await fetch(`${url}/%`)).status).toBe(400);
    const page = await fetch(`${url}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toBe('<p>ok</p>');
  });

  it('says on every answer that it is not to be sniffed, framed or referred on', async () => {
    for (const path of ['/', '/missing.js']) {
      const response = await fetch(`${url}${path}`);
      expect(response.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(response.headers.get('referrer-policy'), path).toBe('no-referrer');
      expect(response.headers.get('content-security-policy'), path).toBe("frame-ancestors 'none'");
    }
  });

  it('keeps a path that climbs out of the root out, and answers 404 for what is not there', async () => {
    expect((await fetch(`${url}/%2e%2e/%2e%2e/etc/passwd`)).status).toBeGreaterThanOrEqual(403);
    expect((await fetch(`${url}/missing.js`)).status).toBe(404);
  });
});
