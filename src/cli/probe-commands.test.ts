import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  type Listening,
  makeTestCerts,
  startTlsServer,
  type TestCerts,
} from '../modules/systems/probe/testing.js';
import { type DnsServer, startDnsServer } from '../modules/systems/probe/testing-mail.js';
import { parseHostPort } from './probe-commands.js';
import { buildProgram } from './program.js';

// `mamoru probe …` prints the JSON and exits 0, or 3 with one line when unreachable.

const run = promisify(execFile);
let certs: TestCerts;
let tlsServer: Listening;
let dns: DnsServer;

async function mamoru(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...a) => void out.push(`${a.join(' ')}\n`));
  const error = vi.spyOn(console, 'error').mockImplementation((...a) => void err.push(`${a.join(' ')}\n`));
  process.exitCode = 0;
  try {
    await buildProgram()
      .exitOverride()
      .parseAsync(['node', 'mamoru', ...args]);
    return { code: Number(process.exitCode ?? 0), stdout: out.join(''), stderr: err.join('') };
  } finally {
    process.exitCode = 0;
    log.mockRestore();
    error.mockRestore();
  }
}

beforeAll(async () => {
  certs = makeTestCerts();
  tlsServer = await startTlsServer({ ...certs.ec });
  dns = await startDnsServer({
    'example.go.jp': { TXT: [['v=spf1 -all']] },
    '_dmarc.example.go.jp': { TXT: [['v=DMARC1; p=none']] },
  });
});
afterAll(async () => {
  await tlsServer.close();
  await dns.close();
  certs.cleanup();
});

describe('mamoru probe tls', () => {
  it('prints the result JSON with the issue keys and exits 0', async () => {
    const r = await mamoru(
      'probe',
      'tls',
      `127.0.0.1:${tlsServer.port}`,
      '--servername',
      'localhost',
      '--json',
    );
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(Object.keys(json)).toEqual(['target', 'protocols', 'weakCiphers', 'certificate']);
    expect(json.target).toBe(`127.0.0.1:${tlsServer.port}`);
    expect(json.protocols).toEqual({
      SSLv2: false,
      SSLv3: false,
      'TLSv1.0': false,
      'TLSv1.1': false,
      'TLSv1.2': true,
      'TLSv1.3': true,
    });
    expect(Object.keys(json.weakCiphers)).toEqual(['NULL', 'EXPORT', 'RC4', '3DES', 'anonymous']);
    expect(json.certificate).toMatchObject({
      keyType: 'EC',
      keyBits: 256,
      selfSigned: true,
      nameMatches: true,
    });
    expect(typeof json.certificate.daysLeft).toBe('number');
  });

  it('exits 3 with one line on stderr when the port is closed', async () => {
    const r = await mamoru('probe', 'tls', '127.0.0.1:1', '--json', '--timeout', '1000');
    expect(r.code).toBe(3);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^unreachable: 127\.0\.0\.1:1: ECONNREFUSED/);
  });

  it('as its own process, the exit code is 3', async () => {
    const err = await run(
      process.execPath,
      ['--import', 'tsx', 'src/cli/main.ts', 'probe', 'tls', '127.0.0.1:1'],
      {
        env: { ...process.env, LOG_LEVEL: 'silent' },
      },
    ).catch((e: { code: number; stderr: string }) => e);
    expect(err).toMatchObject({ code: 3 });
    expect((err as { stderr: string }).stderr).toMatch(/unreachable/);
  }, 60_000);
});

it('mamoru probe mail --dns prints MX, SPF and DMARC', async () => {
  const r = await mamoru('probe', 'mail', 'example.go.jp', '--dns', dns.address, '--json');
  expect(r.code).toBe(0);
  expect(JSON.parse(r.stdout)).toEqual({
    domain: 'example.go.jp',
    mx: [],
    spf: { record: 'v=spf1 -all', all: '-all' },
    dmarc: { record: 'v=DMARC1; p=none', policy: 'none' },
  });
});

it('mamoru probe http exits 3 when nothing listens', async () => {
  const r = await mamoru('probe', 'http', 'http://127.0.0.1:1/', '--json', '--timeout', '1000');
  expect(r.code).toBe(3);
});

it.each([
  ['example.go.jp:8443', { host: 'example.go.jp', port: 8443 }],
  ['example.go.jp', { host: 'example.go.jp', port: 443 }],
  ['[2001:db8::1]:443', { host: '2001:db8::1', port: 443 }],
])('parses %s', (value, expected) => {
  expect(parseHostPort(value)).toEqual(expected);
});

it('refuses a malformed target', () => {
  expect(() => parseHostPort('host:99999')).toThrow(/HOST:PORT/);
});
