import { X509Certificate } from 'node:crypto';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { limiter, tcpOpener, UnreachableError } from './exchange.js';
import {
  type Listening,
  makeTestCerts,
  startLegacyServer,
  startTlsServer,
  type TestCerts,
} from './testing.js';
import { probeTls, probeVersionsAndFamilies } from './tls.js';

// Verdicts against real servers on 127.0.0.1: node:tls at chosen versions and ciphers, and a fake old
// server for what this machine's OpenSSL can no longer speak (SSLv2, SSLv3, EXPORT, RC4, 3DES).

const DAY = 86_400_000;
let certs: TestCerts;
const servers: Listening[] = [];
async function serve<T extends Listening>(p: Promise<T>) {
  const s = await p;
  servers.push(s);
  return s;
}
const none = { NULL: false, EXPORT: false, RC4: false, '3DES': false, anonymous: false };
const protocols = (...on: string[]) =>
  Object.fromEntries(
    ['SSLv2', 'SSLv3', 'TLSv1.0', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'].map((p) => [p, on.includes(p)]),
  );

/** Server-side sockets close a moment after ours: poll for up to a second. */
async function drained(count: () => number) {
  for (let i = 0; i < 50 && count() > 0; i++) await new Promise((r) => setTimeout(r, 20));
  return count();
}

beforeAll(() => {
  certs = makeTestCerts();
});
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
  certs.cleanup();
});

describe('a modern server (TLS 1.2 and 1.3, RSA 2048 from a CA)', () => {
  it('accepts only TLS 1.2 and 1.3 and no weak suite; the certificate facts are read', async () => {
    const s = await serve(startTlsServer({ ...certs.rsa2048 }));
    const notAfter = new Date(new X509Certificate(certs.rsa2048.cert).validTo);
    const now = new Date(notAfter.getTime() - 10.5 * DAY);
    const r = await probeTls({ host: '127.0.0.1', port: s.port, servername: 'localhost', now: () => now });
    expect(r.target).toBe(`127.0.0.1:${s.port}`);
    expect(r.protocols).toEqual(protocols('TLSv1.2', 'TLSv1.3'));
    expect(r.weakCiphers).toEqual(none);
    expect(r.certificate).toEqual({
      notAfter: notAfter.toISOString(),
      daysLeft: 10,
      keyType: 'RSA',
      keyBits: 2048,
      signatureAlgorithm: 'sha256WithRSAEncryption',
      sha1: false,
      selfSigned: false,
      nameMatches: true,
      chainLength: 2,
    });
    expect(await drained(() => s.open())).toBe(0);
  });

  it('flags a name the certificate does not cover, and an expired certificate has negative days', async () => {
    const s = await serve(startTlsServer({ ...certs.rsa2048 }));
    const later = () => new Date(Date.now() + 100 * DAY);
    const r = await probeTls({
      host: '127.0.0.1',
      port: s.port,
      servername: 'www.example.go.jp',
      now: later,
    });
    expect(r.certificate?.nameMatches).toBe(false);
    expect(r.certificate?.daysLeft).toBeLessThan(0);
    // The address itself is in the certificate's SAN (IP:127.0.0.1).
    const byIp = await probeTls({ host: '127.0.0.1', port: s.port });
    expect(byIp.certificate?.nameMatches).toBe(true);
  });
});

it('a TLS 1.3-only server with an EC key: only TLS 1.3, self-signed ECDSA P-256', async () => {
  const s = await serve(startTlsServer({ ...certs.ec, minVersion: 'TLSv1.3' }));
  const r = await probeTls({ host: '127.0.0.1', port: s.port, servername: 'localhost' });
  expect(r.protocols).toEqual(protocols('TLSv1.3'));
  expect(r.weakCiphers).toEqual(none);
  expect(r.certificate).toMatchObject({
    keyType: 'EC',
    keyBits: 256,
    signatureAlgorithm: 'ecdsa-with-SHA256',
    sha1: false,
    selfSigned: true,
    nameMatches: true,
  });
});

it('TLS 1.0–1.2 with NULL and anonymous suites and an RSA 1024 SHA-1 self-signed certificate', async () => {
  const s = await serve(
    startTlsServer({
      ...certs.rsa1024sha1,
      minVersion: 'TLSv1',
      maxVersion: 'TLSv1.2',
      ciphers: 'ALL:eNULL:aNULL',
    }),
  );
  const r = await probeTls({ host: '127.0.0.1', port: s.port, servername: 'legacy.test' });
  expect(r.protocols).toEqual(protocols('TLSv1.0', 'TLSv1.1', 'TLSv1.2'));
  expect(r.weakCiphers).toEqual({ ...none, NULL: true, anonymous: true });
  expect(r.certificate).toMatchObject({
    keyType: 'RSA',
    keyBits: 1024,
    signatureAlgorithm: 'sha1WithRSAEncryption',
    sha1: true,
    selfSigned: true,
    nameMatches: true,
    chainLength: 1,
  });
});

it('a TLS 1.1-only server offering only anonymous suites: anonymous, not NULL', async () => {
  const s = await serve(
    startTlsServer({
      ...certs.rsa2048,
      minVersion: 'TLSv1.1',
      maxVersion: 'TLSv1.1',
      ciphers: 'aNULL:!eNULL',
    }),
  );
  const r = await probeTls({ host: '127.0.0.1', port: s.port });
  expect(r.protocols).toEqual(protocols('TLSv1.1'));
  expect(r.weakCiphers).toEqual({ ...none, anonymous: true });
});

describe('an old server (fake, answering hand-built hellos as OpenSSL 0.9.8 did)', () => {
  it('SSLv2 with RC4/EXPORT/3DES kinds, SSLv3 and TLS 1.0 with RC4, EXPORT and 3DES suites', async () => {
    const s = await serve(
      startLegacyServer({
        sslv2Ciphers: [0x010080, 0x020080, 0x0700c0],
        minVersion: 0x0300,
        maxVersion: 0x0301,
        suites: [0x0005, 0x0003, 0x000a, 0x002f],
      }),
    );
    const r = await probeTls({ host: '127.0.0.1', port: s.port });
    expect(r.protocols).toEqual(protocols('SSLv2', 'SSLv3', 'TLSv1.0'));
    expect(r.weakCiphers).toEqual({ ...none, EXPORT: true, RC4: true, '3DES': true });
    expect(r.certificate).toBeNull();
  });

  it('SSLv3 only with one EXPORT suite among strong ones: EXPORT, nothing else weak', async () => {
    const s = await serve(startLegacyServer({ suites: [0x002f, 0x0008] }));
    const r = await probeTls({ host: '127.0.0.1', port: s.port });
    expect(r.protocols).toEqual(protocols('SSLv3'));
    expect(r.weakCiphers).toEqual({ ...none, EXPORT: true });
  });

  it('SSLv3 to TLS 1.2 with one strong suite: every version, no weak family', async () => {
    const s = await serve(startLegacyServer({ maxVersion: 0x0303, suites: [0xc02f] }));
    const r = await probeTls({ host: '127.0.0.1', port: s.port });
    expect(r.protocols).toEqual(protocols('SSLv3', 'TLSv1.0', 'TLSv1.1', 'TLSv1.2'));
    expect(r.weakCiphers).toEqual(none);
  });

  it('an SSLv2 SERVER-HELLO with no cipher in common is not SSLv2 accepted', async () => {
    const s = await serve(startLegacyServer({ sslv2Ciphers: [0x999999], suites: [0x002f] }));
    const r = await probeTls({ host: '127.0.0.1', port: s.port });
    expect(r.protocols.SSLv2).toBe(false);
    expect(r.protocols.SSLv3).toBe(true);
  });
});

describe('unreachable and silent servers', () => {
  it('a closed port is unreachable', async () => {
    const s = await startTlsServer({ ...certs.ec });
    const port = s.port;
    await s.close();
    await expect(probeTls({ host: '127.0.0.1', port, timeoutMs: 1000 })).rejects.toBeInstanceOf(
      UnreachableError,
    );
  });

  it('a server that accepts TCP and says nothing: nothing accepted, no certificate, within the timeout', async () => {
    const sockets = new Set<net.Socket>();
    const server = net.createServer((c) => {
      sockets.add(c);
      c.resume();
      c.on('close', () => sockets.delete(c));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as net.AddressInfo;
    const started = Date.now();
    const r = await probeTls({ host: '127.0.0.1', port, timeoutMs: 300 });
    expect(Date.now() - started).toBeLessThan(3000);
    expect(Object.values(r.protocols).some(Boolean)).toBe(false);
    expect(r.certificate).toBeNull();
    expect(await drained(() => sockets.size)).toBe(0);
    await new Promise((r) => server.close(r));
  });
});

it('never has more sockets open than the limit allows', async () => {
  const s = await serve(
    startLegacyServer({
      sslv2Ciphers: [0x010080],
      maxVersion: 0x0303,
      suites: [0x0005, 0x000a, 0x0003, 0x0001],
    }),
  );
  let open = 0;
  let most = 0;
  const base = tcpOpener('127.0.0.1', s.port);
  const r = await probeVersionsAndFamilies({
    target: 'x',
    limit: limiter(2),
    open: async (ms) => {
      const socket = await base(ms);
      most = Math.max(most, ++open);
      socket.once('close', () => open--);
      return socket;
    },
  });
  expect(r.weakCiphers).toEqual({ ...none, RC4: true, '3DES': true, EXPORT: true, NULL: true });
  expect(most).toBeLessThanOrEqual(2);
});
