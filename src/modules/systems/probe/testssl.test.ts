import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  type Listening,
  makeTestCerts,
  startLegacyServer,
  startTlsServer,
  type TestCerts,
} from './testing.js';
import { probeTls } from './tls.js';
import type { TlsProbeResult } from './types.js';

// Our verdicts agree with testssl.sh (the Debian package) on the same local servers: protocols (-p),
// cipher categories (-s) and RC4 (-4). testssl.sh is slow (~1 min a server, run in parallel), so this
// file is apart from the probe tests. Skipped with a notice when testssl.sh is absent, except in CI.

const run = promisify(execFile);
const testssl = ['/usr/bin/testssl', '/usr/bin/testssl.sh', '/usr/local/bin/testssl.sh'].find((p) =>
  fs.existsSync(p),
);
if (!testssl && process.env.CI === 'true') throw new Error('testssl.sh is required in CI');
if (!testssl) console.warn('testssl.sh not installed: skipping the agreement test');
// No database here: the PostgreSQL run of the suite would only repeat a minutes-long comparison.
const postgresRun = Boolean(process.env.MAMORU_TEST_PG_URL);
if (postgresRun) console.warn('testssl.sh agreement: runs in the PGlite pass only (it uses no database)');

let certs: TestCerts;
const servers: Listening[] = [];

beforeAll(() => {
  certs = makeTestCerts();
});
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
  certs.cleanup();
});

const PROTOCOL_IDS = {
  SSLv2: 'SSLv2',
  SSLv3: 'SSLv3',
  'TLSv1.0': 'TLS1',
  'TLSv1.1': 'TLS1_1',
  'TLSv1.2': 'TLS1_2',
  'TLSv1.3': 'TLS1_3',
} as const;
const FAMILY_IDS = {
  NULL: 'cipherlist_NULL',
  anonymous: 'cipherlist_aNULL',
  EXPORT: 'cipherlist_EXPORT',
  '3DES': 'cipherlist_3DES_IDEA',
} as const;

/** testssl.sh's verdicts in our shape, from its --jsonfile findings. */
async function testsslVerdicts(port: number) {
  const file = path.join(certs.dir, `testssl-${port}.json`);
  await run(
    testssl!,
    [
      '--jsonfile',
      file,
      '--ip=127.0.0.1',
      '--warnings=off',
      '--quiet',
      '-p',
      '-s',
      '-4',
      `127.0.0.1:${port}`,
    ],
    { timeout: 300_000, maxBuffer: 10 * 2 ** 20 },
  ).catch((e: { code?: number }) => {
    // testssl.sh exits non-zero when it finds problems; the JSON file is what counts.
    if (!fs.existsSync(file)) throw e;
  });
  const findings = JSON.parse(fs.readFileSync(file, 'utf8')) as { id: string; finding: string }[];
  const finding = (id: string) => findings.find((f) => f.id === id)?.finding ?? '(absent)';
  const offered = (id: string) => /^(offered|vulnerable|supported)/i.test(finding(id));
  return {
    protocols: Object.fromEntries(Object.entries(PROTOCOL_IDS).map(([p, id]) => [p, offered(id)])),
    weakCiphers: {
      ...Object.fromEntries(Object.entries(FAMILY_IDS).map(([f, id]) => [f, offered(id)])),
      RC4: /^VULNERABLE/.test(finding('RC4')),
    },
  };
}

const ours = (r: TlsProbeResult) => ({
  protocols: r.protocols,
  weakCiphers: {
    NULL: r.weakCiphers.NULL,
    anonymous: r.weakCiphers.anonymous,
    EXPORT: r.weakCiphers.EXPORT,
    '3DES': r.weakCiphers['3DES'],
    RC4: r.weakCiphers.RC4,
  },
});

it.skipIf(!testssl || postgresRun)(
  'agrees with testssl.sh on a modern, a TLS 1.3-only, an old OpenSSL-style and a fake legacy server',
  async () => {
    const started = await Promise.all([
      startTlsServer({ ...certs.rsa2048 }),
      startTlsServer({ ...certs.ec, minVersion: 'TLSv1.3' }),
      startTlsServer({
        ...certs.rsa1024sha1,
        minVersion: 'TLSv1',
        maxVersion: 'TLSv1.2',
        ciphers: 'ALL:eNULL:aNULL',
      }),
      startLegacyServer({
        sslv2Ciphers: [0x010080, 0x020080, 0x0700c0],
        minVersion: 0x0300,
        maxVersion: 0x0301,
        suites: [0x002f, 0x0005, 0x0003, 0x000a],
      }),
    ]);
    servers.push(...started);
    const theirs = await Promise.all(started.map((s) => testsslVerdicts(s.port)));
    const mine = await Promise.all(
      started.map((s) => probeTls({ host: '127.0.0.1', port: s.port, servername: 'localhost' })),
    );
    for (const [i, r] of mine.entries())
      expect({ server: i, ...ours(r) }).toEqual({ server: i, ...theirs[i] });
  },
  400_000,
);
