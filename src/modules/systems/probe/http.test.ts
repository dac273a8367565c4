import http from 'node:http';
import https from 'node:https';
import type net from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { UnreachableError } from './exchange.js';
import { probeHttp } from './http.js';
import { makeTestCerts, type TestCerts } from './testing.js';

// The web-server probe against local HTTP and HTTPS servers (重点検査 web items, 000 L1173-1195).

let certs: TestCerts;
const closers: (() => void)[] = [];

async function listen(server: http.Server | https.Server) {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  closers.push(() => {
    server.closeAllConnections();
    server.close();
  });
  return (server.address() as net.AddressInfo).port;
}

beforeAll(() => {
  certs = makeTestCerts();
});
afterAll(() => {
  for (const c of closers) c();
  certs.cleanup();
});

it('redirects to HTTPS on the same host, HSTS with includeSubDomains, versions disclosed on both', async () => {
  const httpsPort = await listen(
    https.createServer({ ...certs.rsa2048 }, (_req, res) => {
      res.setHeader('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
      res.setHeader('Server', 'Apache/2.2.15 (CentOS)');
      res.setHeader('X-Powered-By', 'PHP/5.3.3');
      res.end('ok');
    }),
  );
  const httpPort = await listen(
    http.createServer((req, res) => {
      res.writeHead(301, {
        Location: `https://127.0.0.1:${httpsPort}${req.url}`,
        Server: 'Apache/2.2.15 (CentOS)',
      });
      res.end();
    }),
  );
  const r = await probeHttp({ url: `http://127.0.0.1:${httpPort}/` });
  expect(r).toEqual({
    target: `http://127.0.0.1:${httpPort}/`,
    redirectsToHttps: true,
    hsts: { maxAge: 31536000, includeSubDomains: true },
    disclosure: [
      { header: 'Server', value: 'Apache/2.2.15 (CentOS)', versionDisclosed: true },
      { header: 'X-Powered-By', value: 'PHP/5.3.3', versionDisclosed: true },
    ],
  });
});

it('no redirect, no HTTPS: redirectsToHttps false, hsts null; a bare Server name discloses no version', async () => {
  const port = await listen(
    http.createServer((_req, res) => {
      res.setHeader('Server', 'nginx');
      res.setHeader('X-AspNet-Version', '4.0.30319');
      res.end('hello');
    }),
  );
  const r = await probeHttp({ url: `http://127.0.0.1:${port}/`, httpsPort: 1, timeoutMs: 1000 });
  expect(r.redirectsToHttps).toBe(false);
  expect(r.hsts).toBeNull();
  expect(r.disclosure).toEqual([
    { header: 'Server', value: 'nginx', versionDisclosed: false },
    { header: 'X-AspNet-Version', value: '4.0.30319', versionDisclosed: true },
  ]);
});

it('a redirect to another host is not a redirect to HTTPS of this one', async () => {
  const port = await listen(
    http.createServer((_req, res) => {
      res.writeHead(302, { Location: 'https://elsewhere.example.jp/' });
      res.end();
    }),
  );
  const r = await probeHttp({ url: `http://127.0.0.1:${port}/`, httpsPort: 1, timeoutMs: 1000 });
  expect(r.redirectsToHttps).toBe(false);
});

it('a closed HTTP port is unreachable', async () => {
  await expect(probeHttp({ url: 'http://127.0.0.1:1/', timeoutMs: 1000 })).rejects.toBeInstanceOf(
    UnreachableError,
  );
});
