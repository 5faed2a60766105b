import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { request, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { precompress } from '../packages/widget/scripts/precompress.mjs';
import { chooseEncoding, IMMUTABLE, matchesEtag, serve } from '../scripts/serve.mjs';
import { ENTRY_MAX_AGE, serveWidgetFiles } from '../scripts/widget-files.mjs';

// The widget's files served as a CDN would (scripts/widget-files.mjs over scripts/serve.mjs): the variant the client
// accepts, ETags and 304, a cache lifetime per kind of file, and nothing outside the root.

const SHORT = `public, max-age=${ENTRY_MAX_AGE}, must-revalidate`;

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** One request with exactly these headers (fetch would add its own Accept-Encoding and decode the body). */
function get(base: string, path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(`${base}${path}`, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** The status line of a request whose path is sent as written, `..` and all. */
function rawStatus(port: number, path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`));
    let text = '';
    socket.on('data', (chunk) => (text += chunk.toString('latin1')));
    socket.on('end', () => resolve(text.split('\r\n')[0] ?? ''));
    socket.on('error', reject);
  });
}

const urlOf = (server: Server) => `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const close = (server: Server) => new Promise((resolve) => server.close(resolve));

describe('choosing the content coding from Accept-Encoding', () => {
  const both = ['br', 'gzip'] as const;
  it.each([
    [undefined, both, 'identity'],
    ['', both, 'identity'],
    ['gzip, deflate, br, zstd', both, 'br'],
    ['gzip, deflate, br', ['gzip'], 'gzip'],
    ['gzip', both, 'gzip'],
    ['GZIP', both, 'gzip'],
    ['x-gzip', both, 'gzip'],
    ['br;q=0.5, gzip;q=0.8', both, 'gzip'],
    ['br;q=1.0, gzip;q=1', both, 'br'],
    ['br;q=0, gzip;q=0', both, 'identity'],
    ['br;q=0.2, identity', both, 'identity'],
    ['identity', both, 'identity'],
    ['deflate, zstd', both, 'identity'],
    ['*', both, 'br'],
    ['*;q=0.5, br;q=0.1', both, 'gzip'],
    ['*;q=0, gzip', both, 'gzip'],
    ['br;q=2, gzip;q=0.3', both, 'gzip'], // a q-value above 1 is malformed: that entry is ignored
    ['br;q=abc', both, 'identity'],
    ['br ; q=0.9 , gzip ; q=0.95', both, 'gzip'],
    ['gzip;q=0.001', both, 'gzip'],
    ['identity;q=0', [], undefined],
    ['*;q=0', [], undefined],
    ['*;q=0, identity;q=0.1', [], 'identity'],
    ['identity;q=0, br', both, 'br'],
  ] as const)('%j with %j → %s', (header, available, expected) => {
    expect(chooseEncoding(header, available)).toBe(expected);
  });
});

describe('matching If-None-Match', () => {
  it.each([
    [undefined, false],
    ['"abc"', true],
    ['W/"abc"', true],
    ['"x", "abc"', true],
    ['*', true],
    ['"abcd"', false],
    ['abc', false],
    ['"x", W/"y"', false],
  ] as const)('%j against "abc" → %s', (header, expected) => {
    expect(matchesEtag(header, '"abc"')).toBe(expected);
  });
});

describe("the widget's file server", () => {
  const dir = mkdtempSync(join(tmpdir(), 'henvis-widget-files-'));
  const root = join(dir, 'dist');
  const entry = Buffer.from(`var henvis=${JSON.stringify('remote entry '.repeat(400))};`);
  const chunk = Buffer.from(`(self.chunk=self.chunk||[]).push(${JSON.stringify('a hashed chunk '.repeat(400))});`);
  const plain = Buffer.from(`console.log(${JSON.stringify('no variants '.repeat(50))});`);
  const gzOnly = Buffer.from(`console.log(${JSON.stringify('gzip only '.repeat(80))});`);
  const stale = Buffer.from(`console.log(${JSON.stringify('rebuilt since '.repeat(80))});`);
  let server: Server;
  let url: string;
  let port: number;

  beforeAll(async () => {
    mkdirSync(join(root, 'remote'), { recursive: true });
    mkdirSync(join(root, 'empty'));
    mkdirSync(join(dir, 'dist-secret'));
    writeFileSync(join(dir, 'dist-secret', 'secret.txt'), 'outside the root');
    writeFileSync(join(dir, 'outside.txt'), 'outside the root');
    const files: Record<string, Buffer> = {
      'remote/remoteEntry.js': entry,
      'remote/status.0a1b2c3d.js': chunk,
      'remote/plain.js': plain,
      'remote/gz-only.4e5f6a7b.js': gzOnly,
      'remote/stale.js': stale,
    };
    for (const [name, body] of Object.entries(files)) writeFileSync(join(root, name), body);
    for (const name of ['remote/remoteEntry.js', 'remote/status.0a1b2c3d.js', 'remote/stale.js']) {
      writeFileSync(join(root, `${name}.br`), brotliCompressSync(files[name]!));
      writeFileSync(join(root, `${name}.gz`), gzipSync(files[name]!));
    }
    writeFileSync(join(root, 'remote/gz-only.4e5f6a7b.js.gz'), gzipSync(gzOnly));
    // Variants from an earlier build: older than the file they would stand for.
    const past = new Date(Date.now() - 3_600_000);
    utimesSync(join(root, 'remote/stale.js.br'), past, past);
    utimesSync(join(root, 'remote/stale.js.gz'), past, past);
    writeFileSync(join(root, 'remote/immutable.json'), JSON.stringify(['status.0a1b2c3d.js', 'gz-only.4e5f6a7b.js']));
    symlinkSync(join(dir, 'outside.txt'), join(root, 'remote/link.js'));
    symlinkSync(join(dir, 'dist-secret'), join(root, 'linked-dir'));
    server = await serveWidgetFiles({ port: 0, root });
    url = urlOf(server);
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await close(server);
    rmSync(dir, { recursive: true, force: true });
  });

  it('sends the brotli variant to a browser that accepts it, with its length, coding and Vary', async () => {
    const answer = await get(url, '/remote/remoteEntry.js', { 'accept-encoding': 'gzip, deflate, br, zstd' });
    expect(answer.status).toBe(200);
    expect(answer.headers['content-encoding']).toBe('br');
    expect(answer.headers.vary).toBe('accept-encoding');
    expect(answer.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(Number(answer.headers['content-length'])).toBe(answer.body.length);
    expect(answer.body.length).toBeLessThan(entry.length / 10);
    expect(brotliDecompressSync(answer.body).equals(entry)).toBe(true);
    expect(answer.headers['access-control-allow-origin']).toBe('*');
    expect(answer.headers['timing-allow-origin']).toBe('*');
    expect(answer.headers['x-content-type-options']).toBe('nosniff');
  });

  it('sends gzip where brotli is not accepted or weighs less, and the file itself where neither is', async () => {
    const gz = await get(url, '/remote/remoteEntry.js', { 'accept-encoding': 'br;q=0.5, gzip;q=0.8' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).equals(entry)).toBe(true);
    expect(Number(gz.headers['content-length'])).toBe(gz.body.length);

    for (const header of [undefined, 'identity', 'br;q=0, gzip;q=0', 'deflate']) {
      const answer = await get(url, '/remote/remoteEntry.js', header === undefined ? {} : { 'accept-encoding': header });
      expect(answer.headers['content-encoding'], header).toBeUndefined();
      // The identity answer varies with Accept-Encoding too: a cache must not hand it to a client that takes br.
      expect(answer.headers.vary, header).toBe('accept-encoding');
      expect(answer.body.equals(entry), header).toBe(true);
      expect(Number(answer.headers['content-length']), header).toBe(entry.length);
    }
  });

  it('sends only the variants there are, and none older than the file', async () => {
    const gzOnlyAnswer = await get(url, '/remote/gz-only.4e5f6a7b.js', { 'accept-encoding': 'br, gzip' });
    expect(gzOnlyAnswer.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzOnlyAnswer.body).equals(gzOnly)).toBe(true);

    const noVariants = await get(url, '/remote/plain.js', { 'accept-encoding': 'br, gzip' });
    expect(noVariants.headers['content-encoding']).toBeUndefined();
    expect(noVariants.headers.vary).toBeUndefined();
    expect(noVariants.body.equals(plain)).toBe(true);

    const staleAnswer = await get(url, '/remote/stale.js', { 'accept-encoding': 'br, gzip' });
    expect(staleAnswer.headers['content-encoding']).toBeUndefined();
    expect(staleAnswer.body.equals(stale)).toBe(true);
  });

  it('answers 406 when the client refuses every coding there is', async () => {
    const answer = await get(url, '/remote/plain.js', { 'accept-encoding': 'identity;q=0' });
    expect(answer.status).toBe(406);
    expect((await get(url, '/remote/remoteEntry.js', { 'accept-encoding': '*;q=0' })).status).toBe(406);
    expect((await get(url, '/remote/remoteEntry.js', { 'accept-encoding': '*;q=0, gzip' })).headers['content-encoding']).toBe('gzip');
  });

  it('answers HEAD with the headers of GET and no body', async () => {
    for (const coding of ['br', 'gzip', 'identity']) {
      const [head, full] = await Promise.all([
        get(url, '/remote/remoteEntry.js', { 'accept-encoding': coding }, 'HEAD'),
        get(url, '/remote/remoteEntry.js', { 'accept-encoding': coding }),
      ]);
      expect(head.status).toBe(200);
      expect(head.body.length).toBe(0);
      for (const name of ['content-length', 'content-encoding', 'content-type', 'etag', 'vary', 'cache-control']) {
        expect(head.headers[name], `${coding} ${name}`).toBe(full.headers[name]);
      }
    }
  });

  it('gives each variant its own ETag and answers 304 to a matching If-None-Match', async () => {
    const br = await get(url, '/remote/remoteEntry.js', { 'accept-encoding': 'br' });
    const gz = await get(url, '/remote/remoteEntry.js', { 'accept-encoding': 'gzip' });
    const identity = await get(url, '/remote/remoteEntry.js');
    const tags = [br, gz, identity].map((answer) => answer.headers.etag);
    expect(new Set(tags).size).toBe(3);
    for (const tag of tags) expect(tag).toMatch(/^"[A-Za-z0-9_-]{27}"$/);
    // The same bytes always carry the same tag, across requests.
    expect((await get(url, '/remote/remoteEntry.js', { 'accept-encoding': 'br' })).headers.etag).toBe(br.headers.etag);

    const notModified = await get(url, '/remote/remoteEntry.js', { 'accept-encoding': 'br', 'if-none-match': br.headers.etag! });
    expect(notModified.status).toBe(304);
    expect(notModified.body.length).toBe(0);
    expect(notModified.headers.etag).toBe(br.headers.etag);
    expect(notModified.headers.vary).toBe('accept-encoding');
    expect(notModified.headers['cache-control']).toBe(SHORT);
    expect(notModified.headers['content-encoding']).toBeUndefined();

    expect((await get(url, '/remote/remoteEntry.js', { 'accept-encoding': 'br', 'if-none-match': `W/${br.headers.etag!}` })).status).toBe(
      304,
    );
    expect(
      (await get(url, '/remote/remoteEntry.js', { 'accept-encoding': 'br', 'if-none-match': `"old", ${br.headers.etag!}` })).status,
    ).toBe(304);
    expect((await get(url, '/remote/remoteEntry.js', { 'accept-encoding': 'br', 'if-none-match': '*' })).status).toBe(304);
    // A tag of another variant, or of another version, is not this representation: the full answer.
    const other = await get(url, '/remote/remoteEntry.js', { 'accept-encoding': 'gzip', 'if-none-match': br.headers.etag! });
    expect(other.status).toBe(200);
    expect(gunzipSync(other.body).equals(entry)).toBe(true);
    expect((await get(url, '/remote/remoteEntry.js', { 'accept-encoding': 'br', 'if-none-match': '"old"' })).status).toBe(200);
  });

  it('caches hashed files for a year and the entry files for a minute', async () => {
    for (const [path, expected] of [
      ['/remote/status.0a1b2c3d.js', IMMUTABLE],
      ['/remote/gz-only.4e5f6a7b.js', IMMUTABLE],
      ['/remote/remoteEntry.js', SHORT],
      ['/remote/plain.js', SHORT],
      ['/remote/immutable.json', SHORT],
    ] as const) {
      const answer = await get(url, path, { 'accept-encoding': 'br' });
      expect(answer.status, path).toBe(200);
      expect(answer.headers['cache-control'], path).toBe(expected);
    }
    expect(IMMUTABLE).toBe('public, max-age=31536000, immutable');
    // Immutable is read from the manifest of the file's own folder: the same name elsewhere is not listed.
    writeFileSync(join(root, 'status.0a1b2c3d.js'), chunk);
    expect((await get(url, '/status.0a1b2c3d.js')).headers['cache-control']).toBe(SHORT);
  });

  it('follows a rebuild under the running server: a new manifest, new variants', async () => {
    writeFileSync(join(root, 'remote/later.9f8e7d6c.js'), chunk);
    expect((await get(url, '/remote/later.9f8e7d6c.js')).headers['cache-control']).toBe(SHORT);
    // A different size, so the manifest's change shows even where the file system keeps coarse times.
    writeFileSync(join(root, 'remote/immutable.json'), JSON.stringify(['status.0a1b2c3d.js', 'gz-only.4e5f6a7b.js', 'later.9f8e7d6c.js']));
    const future = new Date(Date.now() + 5_000);
    utimesSync(join(root, 'remote/immutable.json'), future, future);
    expect((await get(url, '/remote/later.9f8e7d6c.js')).headers['cache-control']).toBe(IMMUTABLE);
    expect((await get(url, '/remote/later.9f8e7d6c.js', { 'accept-encoding': 'br' })).headers['content-encoding']).toBeUndefined();
    writeFileSync(join(root, 'remote/later.9f8e7d6c.js.br'), brotliCompressSync(chunk));
    utimesSync(join(root, 'remote/later.9f8e7d6c.js.br'), future, future);
    expect((await get(url, '/remote/later.9f8e7d6c.js', { 'accept-encoding': 'br' })).headers['content-encoding']).toBe('br');
  });

  it('answers 404 for what is not there, and 405 for another method', async () => {
    for (const path of ['/remote/missing.js', '/missing/', '/empty/', '/remote/']) {
      const answer = await get(url, path, { 'accept-encoding': 'br' });
      expect(answer.status, path).toBe(404);
      expect(answer.headers['cache-control'], path).toBeUndefined();
    }
    const post = await get(url, '/remote/remoteEntry.js', {}, 'POST');
    expect(post.status).toBe(405);
    expect(post.headers.allow).toBe('GET, HEAD');
  });

  it('serves nothing outside its root: no climbing, however encoded, and no links out', async () => {
    for (const path of [
      '/..%2f..%2fetc%2fpasswd',
      '/remote/..%2f..%2foutside.txt',
      '/..%2fdist-secret%2fsecret.txt', // a sibling folder whose name starts with the root's
      '/..%5coutside.txt',
      '/remote/%2e%2e%2f%2e%2e%2foutside.txt',
    ]) {
      const answer = await get(url, path);
      expect(answer.status, path).toBe(403);
      expect(answer.body.toString(), path).not.toContain('outside the root');
    }
    for (const path of ['/remote/link.js', '/linked-dir/secret.txt']) {
      const answer = await get(url, path);
      expect(answer.status, path).toBe(403);
      expect(answer.body.toString(), path).not.toContain('outside the root');
    }
    expect((await get(url, '/remote/%00.js')).status).toBe(400);
    // Sent as written, `..` segments are resolved by the URL parser within the root: the file is not found there.
    expect(await rawStatus(port, '/../../outside.txt')).toBe('HTTP/1.1 404 Not Found');
    expect(await rawStatus(port, '/remote/../../dist-secret/secret.txt')).toBe('HTTP/1.1 404 Not Found');
    expect(await rawStatus(port, '/remote/../remote/remoteEntry.js')).toBe('HTTP/1.1 200 OK');
  });
});

describe("the demo's pages beside the widget's files", () => {
  const root = mkdtempSync(join(tmpdir(), 'henvis-pages-'));
  let server: Server;
  let url: string;
  beforeAll(async () => {
    writeFileSync(join(root, 'index.html'), '<p>{{API_URL}}</p>');
    writeFileSync(join(root, 'page.js'), 'console.log(1);');
    server = await serve({ root, port: 0, replace: { API_URL: 'http://127.0.0.1:4000' } });
    url = urlOf(server);
  });
  afterAll(async () => {
    await close(server);
    rmSync(root, { recursive: true, force: true });
  });

  it('are revalidated on every use, with an ETag of the page as sent and its length', async () => {
    const page = await get(url, '/', { 'accept-encoding': 'br, gzip' });
    expect(page.status).toBe(200);
    expect(page.body.toString()).toBe('<p>http://127.0.0.1:4000</p>');
    expect(Number(page.headers['content-length'])).toBe(page.body.length);
    expect(page.headers['cache-control']).toBe('no-cache');
    expect(page.headers['access-control-allow-origin']).toBeUndefined();
    expect((await get(url, '/', { 'if-none-match': page.headers.etag! })).status).toBe(304);
    expect((await get(url, '/page.js')).headers['cache-control']).toBe('no-cache');
  });
});

describe('precompressing a build (packages/widget/scripts/precompress.mjs)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'henvis-precompress-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes br and gz that decode to each script and map, skips what would not shrink, and lists the hashed files', async () => {
    const script = Buffer.from(`export const texts=${JSON.stringify(Array.from({ length: 300 }, (_, i) => `tekst ${i % 17} æøå`))};`);
    writeFileSync(join(dir, 'remoteEntry.js'), script);
    writeFileSync(join(dir, 'status.0a1b2c3d.js'), script);
    writeFileSync(join(dir, 'status.0a1b2c3d.js.map'), JSON.stringify({ version: 3, sources: ['a.ts'], mappings: 'AAAA;'.repeat(200) }));
    writeFileSync(join(dir, 'tiny.js'), '1');
    writeFileSync(join(dir, 'stats.json'), '{}');
    const result = await precompress(pathToFileURL(`${dir}/`), [
      { name: 'remoteEntry.js', info: {} },
      { name: 'status.0a1b2c3d.js', info: { immutable: true } },
      { name: 'tiny.js', info: { immutable: false } },
    ]);
    expect(result.files).toBe(4);
    for (const name of ['remoteEntry.js', 'status.0a1b2c3d.js', 'status.0a1b2c3d.js.map']) {
      const original = readFileSync(join(dir, name));
      const br = readFileSync(join(dir, `${name}.br`));
      expect(brotliDecompressSync(br).equals(original), name).toBe(true);
      expect(gunzipSync(readFileSync(join(dir, `${name}.gz`))).equals(original), name).toBe(true);
      // Brotli at quality 11 beats gzip -9 on text.
      expect(br.length, name).toBeLessThan(readFileSync(join(dir, `${name}.gz`)).length);
    }
    expect(() => readFileSync(join(dir, 'tiny.js.br'))).toThrow();
    expect(() => readFileSync(join(dir, 'tiny.js.gz'))).toThrow();
    expect(() => readFileSync(join(dir, 'stats.json.br'))).toThrow();
    expect(JSON.parse(readFileSync(join(dir, 'immutable.json'), 'utf8'))).toEqual(['status.0a1b2c3d.js']);
  });
});
