// @ts-check
// A small static file server for the demo: the widget's built files and the journal hosts' pages, on 127.0.0.1.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';

/** @typedef {import('node:http').IncomingMessage} IncomingMessage */
/** @typedef {import('node:http').ServerResponse} ServerResponse */
/** @typedef {import('node:http').Server} Server */

/**
 * A handler of one dynamic endpoint.
 * @typedef {(req: IncomingMessage, res: ServerResponse) => unknown} Route
 */

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

/**
 * Serves `root` on `port`. `routes` maps "METHOD /path" to a handler for dynamic endpoints; `cors` lets other
 * origins load the files (the widget's remote); `replace` fills `{{NAME}}` placeholders in HTML pages.
 * @param {object} options
 * @param {string} options.root
 * @param {number} options.port 0: any free port.
 * @param {Record<string, Route>} [options.routes]
 * @param {boolean} [options.cors]
 * @param {Record<string, string>} [options.replace] Read per request, so a getter may give a value known later.
 * @returns {Promise<Server>}
 */
export function serve({ root, port, routes = {}, cors = false, replace = {} }) {
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (cors) res.setHeader('access-control-allow-origin', '*');
    // Files are what their type says; no address leaks on to other sites; no page here may be framed (the
    // widget is loaded as scripts, never in a frame).
    res.setHeader('x-content-type-options', 'nosniff');
    res.setHeader('referrer-policy', 'no-referrer');
    res.setHeader('content-security-policy', "frame-ancestors 'none'");
    const route = routes[`${req.method} ${url.pathname}`];
    if (route) return route(req, res);
    if (req.method !== 'GET' && req.method !== 'HEAD') return res.writeHead(405).end();
    let path;
    try {
      path = normalize(join(root, decodeURIComponent(url.pathname)));
    } catch {
      // A broken percent-encoding (`/%E0%A4%A`) is the client's error; it must not take the server down.
      return res.writeHead(400, { 'content-type': 'text/plain' }).end('bad request');
    }
    if (!path.startsWith(root)) return res.writeHead(403).end();
    try {
      const file = (await stat(path)).isDirectory() ? join(path, 'index.html') : path;
      const raw = await readFile(file);
      const body =
        extname(file) === '.html'
          ? Object.entries(replace).reduce((html, [name, value]) => html.replaceAll(`{{${name}}}`, value), raw.toString('utf8'))
          : raw;
      res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-cache' });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
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
