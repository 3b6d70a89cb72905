// The dashboard's production server: `next start`, plus the one thing Next.js leaves undone, naming the client.
//
// Next.js fills X-Forwarded-For with the TCP peer only when a request carries none, so a browser talking to the
// dashboard could name any address it likes, and src/proxy.ts would sign that address for the api. This server
// replaces the header with the one address TRUST_PROXY lets it believe (the TCP peer when TRUST_PROXY is off, its
// default), before Next.js sees the request. TRUST_PROXY reads as the api reads it: `off`, a hop count, or
// comma-separated addresses and CIDR ranges of the proxies in front of the dashboard.
//
// Usage: node apps/dashboard/server.mjs [--port 3000] [--hostname 0.0.0.0]
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

process.env.NODE_ENV ??= 'production';
const require = createRequire(import.meta.url);
const next = require('next');
const proxyaddr = require('proxy-addr');

function option(name, fallback) {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 && process.argv[at + 1] ? process.argv[at + 1] : fallback;
}

/** The TRUST_PROXY setting as a proxy-addr trust function; a value it cannot read stops the server. */
function trustOf(value) {
  const setting = (value ?? '').trim();
  if (setting === '' || setting === 'off' || setting === 'false') return () => false;
  if (/^\d+$/.test(setting)) {
    const hops = Number(setting);
    return (_address, hop) => hop < hops;
  }
  return proxyaddr.compile(setting.split(',').map((part) => part.trim()));
}

const started = Date.now();
const port = Number(option('port', process.env.PORT ?? '3000'));
// Without --hostname it listens on every interface, IPv6 included, as `next start` does.
const hostname = option('hostname', undefined);
let trust;
try {
  trust = trustOf(process.env.TRUST_PROXY);
} catch (error) {
  console.error(`config error: TRUST_PROXY: ${error.message}`);
  process.exit(1);
}

const app = next({
  dev: false,
  dir: dirname(fileURLToPath(import.meta.url)),
  hostname: hostname ?? 'localhost',
  port,
});
await app.prepare();
const handle = app.getRequestHandler();
createServer((req, res) => {
  req.headers['x-forwarded-for'] = proxyaddr(req, trust);
  void handle(req, res);
}).listen({ port, host: hostname }, () => {
  console.log(`dashboard listening on http://${hostname ?? 'localhost'}:${port}`);
  console.log(`✓ Ready in ${Date.now() - started}ms`);
});
