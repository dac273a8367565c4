import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UnreachableError } from './exchange.js';
import { probeMail } from './mail.js';
import { makeTestCerts, type TestCerts } from './testing.js';
import { type DnsServer, startDnsServer, startSmtpServer } from './testing-mail.js';

// The mail-domain probe against an in-process DNS server and local SMTP servers (001 L11718-11729).

let certs: TestCerts;
let dns: DnsServer;
const closers: (() => Promise<void>)[] = [];
const local = () => '127.0.0.1';

beforeAll(async () => {
  certs = makeTestCerts();
  dns = await startDnsServer({
    'example.go.jp': {
      MX: [
        { preference: 20, exchange: 'mx2.example.go.jp' },
        { preference: 10, exchange: 'mx1.example.go.jp' },
      ],
      TXT: [['v=spf1 ip4:192.0.2.0/24 ', '-all'], ['google-site-verification=abc']],
    },
    '_dmarc.example.go.jp': { TXT: [['v=DMARC1; p=reject; rua=mailto:dmarc@example.go.jp']] },
    'soft.go.jp': { MX: [{ preference: 10, exchange: 'mail.soft.go.jp' }], TXT: [['v=spf1 mx ~all']] },
    '_dmarc.soft.go.jp': { TXT: [['v=DMARC1; p=quarantine']] },
    'open.go.jp': { TXT: [['v=spf1 all']] },
    'bare.go.jp': {},
  });
});
afterAll(async () => {
  await Promise.all(closers.map((c) => c()));
  await dns.close();
  certs.cleanup();
});

it('MX by preference, SPF -all, DMARC reject, STARTTLS on the first MX with TLS 1.2 and 1.3', async () => {
  const smtp = await startSmtpServer({ tls: certs.rsa2048 });
  closers.push(smtp.close);
  const r = await probeMail({
    domain: 'example.go.jp',
    dns: [dns.address],
    smtpPort: smtp.port,
    mxAddress: local,
  });
  expect(r).toEqual({
    domain: 'example.go.jp',
    mx: ['mx1.example.go.jp', 'mx2.example.go.jp'],
    spf: { record: 'v=spf1 ip4:192.0.2.0/24 -all', all: '-all' },
    dmarc: { record: 'v=DMARC1; p=reject; rua=mailto:dmarc@example.go.jp', policy: 'reject' },
    starttls: {
      host: 'mx1.example.go.jp',
      offered: true,
      protocols: {
        SSLv2: false,
        SSLv3: false,
        'TLSv1.0': false,
        'TLSv1.1': false,
        'TLSv1.2': true,
        'TLSv1.3': true,
      },
    },
  });
});

it('an old MX after STARTTLS: TLS 1.0 to 1.2, no 1.3', async () => {
  const smtp = await startSmtpServer({
    tls: { ...certs.rsa1024sha1, minVersion: 'TLSv1', maxVersion: 'TLSv1.2' },
  });
  closers.push(smtp.close);
  const r = await probeMail({
    domain: 'example.go.jp',
    dns: [dns.address],
    smtpPort: smtp.port,
    mxAddress: local,
  });
  expect(r.starttls?.protocols).toEqual({
    SSLv2: false,
    SSLv3: false,
    'TLSv1.0': true,
    'TLSv1.1': true,
    'TLSv1.2': true,
    'TLSv1.3': false,
  });
});

it('SPF ~all and DMARC quarantine; an MX without STARTTLS is "not offered"', async () => {
  const smtp = await startSmtpServer({});
  closers.push(smtp.close);
  const r = await probeMail({
    domain: 'soft.go.jp',
    dns: [dns.address],
    smtpPort: smtp.port,
    mxAddress: local,
  });
  expect(r.spf).toEqual({ record: 'v=spf1 mx ~all', all: '~all' });
  expect(r.dmarc.policy).toBe('quarantine');
  expect(r.starttls).toEqual({ host: 'mail.soft.go.jp', offered: false, protocols: null });
});

describe('absent records', () => {
  it('"all" alone is +all; no _dmarc name is "missing"; no MX means no STARTTLS measure', async () => {
    const r = await probeMail({ domain: 'open.go.jp', dns: [dns.address] });
    expect(r).toEqual({
      domain: 'open.go.jp',
      mx: [],
      spf: { record: 'v=spf1 all', all: '+all' },
      dmarc: { record: null, policy: 'missing' },
    });
  });

  it('a name with no TXT at all: SPF none', async () => {
    const r = await probeMail({ domain: 'bare.go.jp', dns: [dns.address] });
    expect(r.spf).toEqual({ record: null, all: 'none' });
    expect(r.mx).toEqual([]);
  });

  it('STARTTLS is skipped when the first MX is not allowed (not in the ledger)', async () => {
    const r = await probeMail({ domain: 'example.go.jp', dns: [dns.address], starttls: () => false });
    expect(r.starttls).toBeUndefined();
  });

  it('an MX that does not answer SMTP is reported, not thrown', async () => {
    const r = await probeMail({
      domain: 'soft.go.jp',
      dns: [dns.address],
      smtpPort: 1,
      mxAddress: local,
      timeoutMs: 500,
    });
    expect(r.starttls).toMatchObject({ host: 'mail.soft.go.jp', offered: false, protocols: null });
    expect(r.starttls?.error).toMatch(/ECONNREFUSED/);
  });
});

it('a DNS server that does not answer makes the domain unreachable, not "no records"', async () => {
  const silent = await startDnsServer({});
  const address = silent.address;
  await silent.close();
  await expect(probeMail({ domain: 'example.go.jp', dns: [address], timeoutMs: 300 })).rejects.toBeInstanceOf(
    UnreachableError,
  );
});
