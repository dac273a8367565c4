import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import tls from 'node:tls';

// Test and benchmark fixtures: certificates made with the openssl CLI, local node:tls servers at chosen
// versions and ciphers, and a fake legacy server that answers hand-built hellos as an old server would.

export interface Pem {
  key: string;
  cert: string;
}
export interface TestCerts {
  dir: string;
  /** RSA 1024, SHA-1, self-signed, CN/SAN legacy.test. */
  rsa1024sha1: Pem;
  /** RSA 2048, SHA-256, issued by a test CA, SAN localhost and 127.0.0.1. */
  rsa2048: Pem;
  /** EC P-256, ecdsa-with-SHA256, self-signed, SAN localhost. */
  ec: Pem;
  /** The test CA (self-signed RSA 2048). */
  ca: Pem;
  cleanup(): void;
}

/** Generates the test certificates in a temporary directory (about 0.5 s). */
export function makeTestCerts(): TestCerts {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mamoru-probe-'));
  const ssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  const read = (name: string): Pem => ({
    key: fs.readFileSync(path.join(dir, `${name}.key`), 'utf8'),
    cert: fs.readFileSync(path.join(dir, `${name}.crt`), 'utf8'),
  });
  const selfSigned = (name: string, keyArgs: string[], digest: string, cn: string, san: string) =>
    ssl(
      'req',
      '-x509',
      ...keyArgs,
      `-${digest}`,
      '-nodes',
      '-keyout',
      `${name}.key`,
      '-out',
      `${name}.crt`,
      '-days',
      '30',
      '-subj',
      `/CN=${cn}`,
      '-addext',
      `subjectAltName=${san}`,
    );
  selfSigned('rsa1024', ['-newkey', 'rsa:1024'], 'sha1', 'legacy.test', 'DNS:legacy.test');
  selfSigned(
    'ec',
    ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1'],
    'sha256',
    'localhost',
    'DNS:localhost',
  );
  selfSigned('ca', ['-newkey', 'rsa:2048'], 'sha256', 'Mamoru Test CA', 'DNS:ca.test');
  ssl(
    'req',
    '-new',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    'rsa2048.key',
    '-out',
    'rsa2048.csr',
    '-subj',
    '/CN=localhost',
  );
  fs.writeFileSync(path.join(dir, 'san.ext'), 'subjectAltName=DNS:localhost,IP:127.0.0.1\n');
  ssl(
    'x509',
    '-req',
    '-in',
    'rsa2048.csr',
    '-CA',
    'ca.crt',
    '-CAkey',
    'ca.key',
    '-CAcreateserial',
    '-out',
    'rsa2048.crt',
    '-days',
    '90',
    '-sha256',
    '-extfile',
    'san.ext',
  );
  const rsa2048 = read('rsa2048');
  const ca = read('ca');
  return {
    dir,
    rsa1024sha1: read('rsa1024'),
    rsa2048: { key: rsa2048.key, cert: rsa2048.cert + ca.cert },
    ec: read('ec'),
    ca,
    cleanup: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

export interface Listening {
  port: number;
  /** Connections still open on the server side. */
  open(): number;
  close(): Promise<void>;
}

function listen(server: net.Server, port = 0): Promise<Listening> {
  const sockets = new Set<net.Socket>();
  server.on('connection', (s: net.Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const address = server.address() as net.AddressInfo;
      resolve({
        port: address.port,
        open: () => sockets.size,
        close: () =>
          new Promise<void>((r) => {
            for (const s of sockets) s.destroy();
            server.close(() => r());
          }),
      });
    });
  });
}

export interface TlsServerOptions extends Pem {
  minVersion?: tls.SecureVersion;
  maxVersion?: tls.SecureVersion;
  /** OpenSSL cipher string for TLS ≤ 1.2 (SECLEVEL=0 is added so old versions can work). */
  ciphers?: string;
  port?: number;
}

/** A node:tls server at chosen versions and ciphers that answers every connection with "ok". */
export function startTlsServer(o: TlsServerOptions): Promise<Listening> {
  const server = tls.createServer(
    {
      key: o.key,
      cert: o.cert,
      minVersion: o.minVersion ?? 'TLSv1.2',
      maxVersion: o.maxVersion ?? 'TLSv1.3',
      ciphers: `${o.ciphers ?? 'DEFAULT'}:@SECLEVEL=0`,
    },
    (s) => s.end('ok\n'),
  );
  server.on('tlsClientError', () => {});
  return listen(server, o.port);
}

export interface LegacyServerOptions {
  /** Answer SSLv2 CLIENT-HELLOs with these cipher kinds (none: do not speak SSLv2). */
  sslv2Ciphers?: number[];
  /** Lowest and highest record-format version spoken (0x0300 = SSLv3 … 0x0303 = TLS 1.2). */
  minVersion?: number;
  maxVersion?: number;
  /** Suites the server will choose from, in its order of preference. */
  suites: number[];
  port?: number;
}

/**
 * A fake old server (node:net): parses the ClientHello, answers an SSLv2 SERVER-HELLO, or a ServerHello
 * at min(client version, its maximum) with the first of its suites the client offered, or a
 * handshake_failure / protocol_version alert — as OpenSSL 0.9.8-era servers did.
 */
export function startLegacyServer(o: LegacyServerOptions): Promise<Listening> {
  const server = net.createServer((socket) => {
    let data = Buffer.alloc(0);
    socket.on('error', () => {});
    socket.on('data', (chunk: Buffer) => {
      data = Buffer.concat([data, chunk]);
      const reply = legacyReply(data, o);
      if (reply === 'incomplete') return;
      if (reply) socket.end(reply);
      else socket.end();
    });
  });
  return listen(server, o.port);
}

function alert(version: number, description: number) {
  const b = Buffer.from([0x15, 0, 0, 0x00, 0x02, 0x02, description]);
  b.writeUInt16BE(version, 1);
  return b;
}

function legacyReply(data: Buffer, o: LegacyServerOptions): Buffer | null | 'incomplete' {
  if (data.length < 5) return 'incomplete';
  if (data[0]! & 0x80) {
    const len = ((data[0]! & 0x7f) << 8) | data[1]!;
    if (data.length < 2 + len) return 'incomplete';
    if (data[2] !== 0x01 || !o.sslv2Ciphers?.length) return null;
    const specsLen = data.readUInt16BE(5);
    const offered = new Set<number>();
    for (let i = 0; i < specsLen; i += 3) offered.add(data.readUIntBE(11 + i, 3));
    const common = o.sslv2Ciphers.filter((k) => offered.has(k));
    const cert = Buffer.from('not-a-real-certificate');
    const specs = Buffer.alloc(common.length * 3);
    for (const [i, k] of common.entries()) specs.writeUIntBE(k, i * 3, 3);
    const connId = Buffer.alloc(16, 7);
    const msg = Buffer.alloc(11);
    msg[0] = 0x04;
    msg[1] = 0; // session id hit
    msg[2] = 0x01; // X.509
    msg.writeUInt16BE(0x0002, 3);
    msg.writeUInt16BE(cert.length, 5);
    msg.writeUInt16BE(specs.length, 7);
    msg.writeUInt16BE(connId.length, 9);
    const body = Buffer.concat([msg, cert, specs, connId]);
    return Buffer.concat([Buffer.from([0x80 | (body.length >> 8), body.length & 0xff]), body]);
  }
  if (data[0] !== 0x16) return null;
  const recLen = data.readUInt16BE(3);
  if (data.length < 5 + recLen) return 'incomplete';
  const hs = data.subarray(5, 5 + recLen);
  if (hs[0] !== 0x01) return null;
  const clientVersion = hs.readUInt16BE(4);
  const min = o.minVersion ?? 0x0300;
  const max = o.maxVersion ?? 0x0300;
  const version = Math.min(clientVersion, max);
  if (version < min) return alert(min, 70); // protocol_version
  let p = 4 + 2 + 32;
  p += 1 + hs[p]!;
  const suitesLen = hs.readUInt16BE(p);
  const offered = new Set<number>();
  for (let i = 0; i < suitesLen; i += 2) offered.add(hs.readUInt16BE(p + 2 + i));
  const suite = o.suites.find((s) => offered.has(s));
  if (suite === undefined) return alert(version, 40); // handshake_failure
  const body = Buffer.alloc(2 + 32 + 1 + 2 + 1);
  body.writeUInt16BE(version, 0);
  body.fill(0x42, 2, 34);
  body[34] = 0; // empty session id
  body.writeUInt16BE(suite, 35);
  body[37] = 0;
  const msg = Buffer.concat([Buffer.from([0x02, 0, 0, body.length]), body]);
  const rec = Buffer.from([0x16, 0, 0, 0, msg.length]);
  rec.writeUInt16BE(version, 1);
  return Buffer.concat([rec, msg]);
}
