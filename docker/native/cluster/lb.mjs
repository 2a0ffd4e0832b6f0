#!/usr/bin/env node
// A small local load balancer for the cluster topology (docker/native/cluster.mjs), no npm dependency.
//
//   node lb.mjs http <listenPort> <backendPort>[,<backendPort>…]   round robin over HTTP backends
//   node lb.mjs tcp  <listenPort> <backendPort>[,<backendPort>…]   round robin over TCP (gRPC) backends
//
// Backends are on 127.0.0.1. Every second each backend is checked (http: GET /health answers 2xx;
// tcp: a connection opens); a backend that fails a check, or refuses a connection, leaves the
// rotation until it passes a check again. An HTTP request whose connection was refused is sent to
// the next backend (it never reached the first, so this is safe for any method); a request that
// failed after it was sent answers 502, never silently twice. Logs one line per state change.
import http from 'node:http';
import net from 'node:net';

const [mode, listenArg, backendsArg] = process.argv.slice(2);
if (!['http', 'tcp'].includes(mode) || !listenArg || !backendsArg) {
  console.error('usage: lb.mjs http|tcp <listenPort> <backendPort>[,<backendPort>…]');
  process.exit(2);
}
const listenPort = Number(listenArg);
const backends = backendsArg.split(',').map((p) => ({ port: Number(p), up: true, served: 0 }));
const CHECK_EVERY_MS = Number(process.env.LB_CHECK_MS ?? 1000);
const stamp = () => new Date().toISOString();
const say = (line) => console.log(`${stamp()} lb(${mode}:${listenPort}) ${line}`);

function markDown(b, why) {
  if (b.up) say(`backend :${b.port} down (${why})`);
  b.up = false;
}
function markUp(b) {
  if (!b.up) say(`backend :${b.port} up again`);
  b.up = true;
}

let cursor = 0;
/** The next backend in the rotation that is up, skipping `tried`; null when none is. */
function pick(tried = new Set()) {
  for (let i = 0; i < backends.length; i++) {
    const b = backends[(cursor + i) % backends.length];
    if (b.up && !tried.has(b)) {
      cursor = (cursor + i + 1) % backends.length;
      return b;
    }
  }
  return null;
}

function checkHttp(b) {
  const req = http.get(
    { host: '127.0.0.1', port: b.port, path: '/health', timeout: 2000 },
    (res) => {
      res.resume();
      if (res.statusCode >= 200 && res.statusCode < 300) markUp(b);
      else markDown(b, `health ${res.statusCode}`);
    },
  );
  req.on('timeout', () => req.destroy(new Error('timeout')));
  req.on('error', (err) => markDown(b, err.code ?? err.message));
}

function checkTcp(b) {
  const sock = net.connect({ host: '127.0.0.1', port: b.port, timeout: 2000 });
  sock.once('connect', () => {
    sock.destroy();
    markUp(b);
  });
  sock.once('timeout', () => sock.destroy(new Error('timeout')));
  sock.once('error', (err) => markDown(b, err.code ?? err.message));
}

setInterval(() => backends.forEach(mode === 'http' ? checkHttp : checkTcp), CHECK_EVERY_MS);
backends.forEach(mode === 'http' ? checkHttp : checkTcp);

const refused = (err) => err?.code === 'ECONNREFUSED';

if (mode === 'http') {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => forward(req, res, Buffer.concat(chunks), new Set()));
  });
  function forward(req, res, body, tried) {
    const b = pick(tried);
    if (!b) {
      res.writeHead(503, { 'content-type': 'application/json', 'retry-after': '1' });
      res.end(
        JSON.stringify({ statusCode: 503, message: '没有可用的 API 实例 (no API instance is up)' }),
      );
      return;
    }
    tried.add(b);
    let sent = false;
    const up = http.request(
      {
        host: '127.0.0.1',
        port: b.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, 'x-forwarded-for': req.socket.remoteAddress ?? '' },
        agent,
      },
      (upRes) => {
        b.served++;
        res.writeHead(upRes.statusCode ?? 502, upRes.headers);
        upRes.pipe(res);
      },
    );
    // Sent once a connection is open: a reused keep-alive socket is open already.
    up.on('socket', (s) => (s.connecting ? s.once('connect', () => (sent = true)) : (sent = true)));
    up.on('error', (err) => {
      // A refused connection: the request never reached a live process, so another backend may
      // take it. Anything else may have been acted on: 502, the client decides.
      if (!sent || refused(err)) {
        markDown(b, err.code ?? err.message);
        if (!res.headersSent) return forward(req, res, body, tried);
      }
      if (!res.headersSent) {
        res.writeHead(502, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            statusCode: 502,
            message: `API 实例中断 (backend :${b.port} failed: ${err.code ?? err.message})`,
          }),
        );
      } else res.destroy();
    });
    up.end(body);
  }
  server.keepAliveTimeout = 5000;
  server.listen(listenPort, '127.0.0.1', () => say(`listening, backends ${backendsArg}`));
} else {
  const server = net.createServer((client) => {
    const tried = new Set();
    const connect = () => {
      const b = pick(tried);
      if (!b) return client.destroy();
      tried.add(b);
      const up = net.connect({ host: '127.0.0.1', port: b.port });
      let connected = false;
      up.once('connect', () => {
        connected = true;
        b.served++;
        client.pipe(up);
        up.pipe(client);
      });
      up.on('error', (err) => {
        if (!connected) {
          markDown(b, err.code ?? err.message);
          return connect();
        }
        client.destroy();
      });
      client.on('error', () => up.destroy());
      client.on('close', () => up.destroy());
      up.on('close', () => client.destroy());
    };
    client.pause();
    connect();
  });
  server.listen(listenPort, '127.0.0.1', () => say(`listening, backends ${backendsArg}`));
}
process.on('SIGTERM', () => process.exit(0));
