// @ts-check
// A small static file server for the demo: the widget's built files and the journal hosts' pages, on 127.0.0.1.
// It answers as a CDN in front of the files would: the precompressed variant the client accepts (`<file>.br`,
// `<file>.gz` beside the file, written by the build), a strong ETag per variant with 304 for a matching
// If-None-Match, and a cache lifetime per kind of file (see `cacheControl`).
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import { readFile, realpath, stat } from 'node:fs/promises';
import { extname, join, relative, resolve, sep } from 'node:path';

/** @typedef {import('node:http').IncomingMessage} IncomingMessage */
/** @typedef {import('node:http').ServerResponse} ServerResponse */
/** @typedef {import('node:http').Server} Server */

/**
 * A handler of one dynamic endpoint.
 * @typedef {(req: IncomingMessage, res: ServerResponse) => unknown} Route
 */

/** A content coding this server can send: a precompressed variant's, or none. */
/** @typedef {'br' | 'gzip' | 'identity'} Coding */

/** @type {Record<string, string>} */
const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
};

/** The precompressed variants, in the order of preference when the client weighs them alike. */
const variants = /** @type {const} */ ([
  ['br', '.br'],
  ['gzip', '.gz'],
]);

/** A year: the longest lifetime caches honour, for files whose name changes whenever their content does. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * The content coding to send, from an Accept-Encoding header (RFC 9110 §12.5.3) and the variants there are: the
 * highest q-value wins, br before gzip before identity when equal. Without the header, identity; identity is
 * acceptable unless `identity;q=0` (or `*;q=0` without an identity entry) excludes it. `x-gzip` is gzip; an entry
 * with a malformed q-value is ignored. `undefined` when nothing acceptable is there (406).
 * @param {string | undefined} header
 * @param {readonly Coding[]} available the compressed variants of this file
 * @returns {Coding | undefined}
 */
export function chooseEncoding(header, available) {
  if (header === undefined) return 'identity';
  /** @type {Map<string, number>} */
  const weights = new Map();
  for (const entry of header.split(',')) {
    const [coding = '', ...params] = entry.split(';').map((part) => part.trim().toLowerCase());
    if (!coding) continue;
    let weight = 1;
    for (const param of params) {
      if (!param.startsWith('q=')) continue;
      weight = /^(?:0(?:\.\d{0,3})?|1(?:\.0{0,3})?)$/.test(param.slice(2)) ? Number(param.slice(2)) : Number.NaN;
    }
    if (Number.isNaN(weight)) continue;
    const name = coding === 'x-gzip' ? 'gzip' : coding;
    weights.set(name, Math.max(weights.get(name) ?? 0, weight));
  }
  const any = weights.get('*');
  // Identity unlisted is acceptable, but below anything the client named (a q-value has three decimals at most).
  const identity = weights.get('identity') ?? (any === 0 ? 0 : 0.0001);
  /** @type {[Coding, number][]} */
  const candidates = [
    ...available.map((coding) => /** @type {[Coding, number]} */ ([coding, weights.get(coding) ?? any ?? 0])),
    ['identity', identity],
  ];
  let best;
  for (const candidate of candidates) if (candidate[1] > 0 && (!best || candidate[1] > best[1])) best = candidate;
  return best?.[0];
}

/**
 * Whether an If-None-Match header matches `etag` (weak comparison, RFC 9110 §13.1.2): `*` or one of its tags.
 * @param {string | undefined} header
 * @param {string} etag
 */
export function matchesEtag(header, etag) {
  if (header === undefined) return false;
  if (header.trim() === '*') return true;
  const opaque = (/** @type {string} */ tag) => tag.trim().replace(/^W\//, '');
  return header.split(',').some((tag) => opaque(tag) === opaque(etag));
}

/**
 * Serves `root` on `port`. `routes` maps "METHOD /path" to a handler for dynamic endpoints; `cors` lets other
 * origins load the files (the widget's remote) and read their timing (transfer sizes included); `replace` fills
 * `{{NAME}}` placeholders in HTML pages.
 *
 * Caching: a file for which `immutable` says so (its name carries its content's hash) may be kept a year without
 * asking again; any other for `maxAge` seconds and then revalidated with its ETag (304 when unchanged); with no
 * `maxAge`, `no-cache` (revalidated on every use: the pages, whose placeholders depend on the running demo).
 * @param {object} options
 * @param {string} options.root
 * @param {number} options.port 0: any free port.
 * @param {Record<string, Route>} [options.routes]
 * @param {boolean} [options.cors]
 * @param {Record<string, string>} [options.replace] Read per request, so a getter may give a value known later.
 * @param {(path: string) => boolean} [options.immutable] Given a file's path from the root with `/` (`remote/x.js`).
 * @param {number} [options.maxAge] Seconds a file not immutable may be used without asking.
 * @returns {Promise<Server>}
 */
export function serve({ root, port, routes = {}, cors = false, replace = {}, immutable = () => false, maxAge = 0 }) {
  const base = resolve(root);
  /** @type {Promise<string>} */
  let realBase;
  /** @param {string} file */
  const cacheControl = (file) => {
    if (immutable(relative(base, file).split(sep).join('/'))) return IMMUTABLE;
    return maxAge > 0 ? `public, max-age=${maxAge}, must-revalidate` : 'no-cache';
  };

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (cors) {
      res.setHeader('access-control-allow-origin', '*');
      res.setHeader('timing-allow-origin', '*');
    }
    // Files are what their type says; no address leaks on to other sites; no page here may be framed (the
    // widget is loaded as scripts, never in a frame).
    res.setHeader('x-content-type-options', 'nosniff');
    res.setHeader('referrer-policy', 'no-referrer');
    res.setHeader('content-security-policy', "frame-ancestors 'none'");
    const route = routes[`${req.method} ${url.pathname}`];
    if (route) return route(req, res);
    if (req.method !== 'GET' && req.method !== 'HEAD') return res.writeHead(405, { allow: 'GET, HEAD' }).end();
    let path;
    try {
      path = decodeURIComponent(url.pathname);
    } catch {
      // A broken percent-encoding (`/%E0%A4%A`) is the client's error; it must not take the server down.
      return res.writeHead(400, { 'content-type': 'text/plain' }).end('bad request');
    }
    if (path.includes('\0')) return res.writeHead(400, { 'content-type': 'text/plain' }).end('bad request');
    // The URL parser has already resolved `..` and `%2e%2e`; what is left to climb with came encoded (`..%2f`).
    if (path.split(/[/\\]/).includes('..')) return res.writeHead(403).end();
    let file = join(base, path);
    try {
      const found = await stat(file);
      if (found.isDirectory()) file = join(file, 'index.html');
      // A link inside the root that leads out of it is refused like `..`.
      realBase ??= realpath(base);
      const real = await realpath(file);
      const inside = await realBase;
      if (real !== inside && !real.startsWith(inside + sep)) return res.writeHead(403).end();
      if (!(await stat(real)).isFile()) throw new Error('not a file');
    } catch {
      return res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
    try {
      await sendFile(req, res, file);
    } catch {
      // The file went away between the look and the read (a rebuild under the running server).
      if (!res.headersSent) res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  });

  /**
   * @param {IncomingMessage} req
   * @param {ServerResponse} res
   * @param {string} file an existing file inside the root
   */
  async function sendFile(req, res, file) {
    const type = extname(file);
    const html = type === '.html';
    const compressed = html ? [] : await variantsOf(file);
    const coding = chooseEncoding(
      req.headers['accept-encoding'],
      compressed.map(([name]) => name),
    );
    /** @type {Record<string, string>} */
    const headers = { 'cache-control': cacheControl(file) };
    // Every answer for a file that has variants depends on Accept-Encoding, the identity one and 304 too.
    if (compressed.length > 0) headers.vary = 'accept-encoding';
    if (!coding) return res.writeHead(406, { ...headers, 'content-type': 'text/plain' }).end('no acceptable content coding');
    const variant = compressed.find(([name]) => name === coding);
    let body = await readFile(variant ? variant[1] : file);
    if (html) {
      const page = Object.entries(replace).reduce((text, [name, value]) => text.replaceAll(`{{${name}}}`, value), body.toString('utf8'));
      body = Buffer.from(page, 'utf8');
    }
    // The ETag names the bytes sent: each variant has its own, as a strong validator must (RFC 9110 §8.8.3).
    headers.etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
    if (matchesEtag(req.headers['if-none-match'], headers.etag)) return res.writeHead(304, headers).end();
    headers['content-type'] = types[type] ?? 'application/octet-stream';
    headers['content-length'] = String(body.length);
    if (variant) headers['content-encoding'] = coding;
    res.writeHead(200, headers);
    res.end(req.method === 'HEAD' ? undefined : body);
  }

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

/**
 * The precompressed variants beside `file` that are at least as new as it is: an older one belongs to an earlier
 * build and is never sent for this one.
 * @param {string} file
 * @returns {Promise<[Coding, string][]>}
 */
async function variantsOf(file) {
  const { mtimeMs } = await stat(file);
  const found = await Promise.all(
    variants.map(async ([coding, suffix]) => {
      const variant = await stat(file + suffix).catch(() => undefined);
      return variant?.isFile() && variant.mtimeMs >= mtimeMs ? /** @type {[Coding, string]} */ ([coding, file + suffix]) : undefined;
    }),
  );
  return found.filter((variant) => variant !== undefined);
}

/**
 * Reads a small JSON request body.
 * @param {IncomingMessage} req
 * @param {number} [limit] bytes
 * @returns {Promise<unknown>}
 */
export async function readJson(req, limit = 16 * 1024) {
  let body = '';
  for await (const chunk of req) {
    body += chunk;
    if (body.length > limit) throw new Error('body too large');
  }
  return body ? JSON.parse(body) : {};
}
