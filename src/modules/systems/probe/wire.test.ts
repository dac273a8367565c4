import { describe, expect, it } from 'vitest';
import { signatureAlgorithmOid } from './cert.js';
import { parseHsts } from './http.js';
import { dmarcPolicy, findDmarc, findSpf, spfAll } from './mail.js';
import { clientHello, familiesOfSuite, readServerAnswer, sslv2ClientHello } from './wire.js';

/** The extensions of a ClientHello record, by type. */
function extensionsOf(record: Buffer) {
  const hs = record.subarray(5);
  let p = 4 + 2 + 32;
  p += 1 + hs[p]!;
  p += 2 + hs.readUInt16BE(p);
  p += 1 + hs[p]!;
  const out = new Map<number, Buffer>();
  if (p >= hs.length) return out;
  const end = p + 2 + hs.readUInt16BE(p);
  p += 2;
  while (p < end) {
    const len = hs.readUInt16BE(p + 2);
    out.set(hs.readUInt16BE(p), hs.subarray(p + 4, p + 4 + len));
    p += 4 + len;
  }
  return out;
}

describe('hand-built ClientHellos', () => {
  it('TLS 1.3: legacy version 1.2, supported_versions 1.3 only, an x25519 key share of 32 bytes', () => {
    const rec = clientHello({ protocol: 'TLSv1.3', servername: 'www.example.go.jp' });
    expect(rec[0]).toBe(0x16);
    expect(rec.readUInt16BE(1)).toBe(0x0301);
    expect(rec.readUInt16BE(9)).toBe(0x0303);
    const ext = extensionsOf(rec);
    expect([...ext.get(0x002b)!]).toEqual([2, 0x03, 0x04]);
    const share = ext.get(0x0033)!;
    expect(share.readUInt16BE(2)).toBe(0x001d);
    expect(share.readUInt16BE(4)).toBe(32);
    expect(ext.get(0x0000)!.subarray(5).toString()).toBe('www.example.go.jp');
  });

  it('SSLv3: record and hello version 3.0, no extensions', () => {
    const rec = clientHello({ protocol: 'SSLv3', suites: [0x0005] });
    expect(rec.readUInt16BE(1)).toBe(0x0300);
    expect(rec.readUInt16BE(9)).toBe(0x0300);
    expect(extensionsOf(rec).size).toBe(0);
  });

  it('no SNI for an address; TLS 1.0 has no signature_algorithms', () => {
    const ext = extensionsOf(clientHello({ protocol: 'TLSv1.0', servername: '192.0.2.1' }));
    expect(ext.has(0x0000)).toBe(false);
    expect(ext.has(0x000d)).toBe(false);
    expect(ext.has(0x000a)).toBe(true);
  });

  it('the SSLv2 CLIENT-HELLO has the two-byte header, version 2 and 3-byte cipher kinds', () => {
    const h = sslv2ClientHello([0x010080, 0x0700c0]);
    expect(h[0]! & 0x80).toBe(0x80);
    expect(((h[0]! & 0x7f) << 8) | h[1]!).toBe(h.length - 2);
    expect(h[2]).toBe(1);
    expect(h.readUInt16BE(3)).toBe(2);
    expect(h.readUInt16BE(5)).toBe(6);
    expect(h.readUIntBE(11, 3)).toBe(0x010080);
  });
});

describe('reading the answer', () => {
  const serverHello = (version: number, suite: number, exts: Buffer = Buffer.alloc(0)) => {
    const body = Buffer.concat([
      Buffer.from([version >> 8, version & 0xff]),
      Buffer.alloc(32, 1),
      Buffer.from([0, suite >> 8, suite & 0xff, 0]),
      exts.length ? Buffer.concat([Buffer.from([exts.length >> 8, exts.length & 0xff]), exts]) : exts,
    ]);
    return Buffer.concat([Buffer.from([2, 0, body.length >> 8, body.length & 0xff]), body]);
  };
  const record = (type: number, frag: Buffer) =>
    Buffer.concat([Buffer.from([type, 3, 3, frag.length >> 8, frag.length & 0xff]), frag]);

  it('a ServerHello gives the version and suite; supported_versions overrides the legacy version', () => {
    expect(readServerAnswer(record(0x16, serverHello(0x0301, 0x0005)))).toMatchObject({
      kind: 'serverHello',
      version: 0x0301,
      suite: 0x0005,
    });
    const sv = Buffer.from([0x00, 0x2b, 0x00, 0x02, 0x03, 0x04]);
    expect(readServerAnswer(record(0x16, serverHello(0x0303, 0x1301, sv)))).toMatchObject({
      version: 0x0304,
    });
  });

  it('a ServerHello split over two records is read whole; half of it is incomplete', () => {
    const hello = serverHello(0x0302, 0x002f);
    const both = Buffer.concat([record(0x16, hello.subarray(0, 10)), record(0x16, hello.subarray(10))]);
    expect(readServerAnswer(both)).toMatchObject({ kind: 'serverHello', version: 0x0302, suite: 0x002f });
    expect(readServerAnswer(both.subarray(0, 20)).kind).toBe('incomplete');
  });

  it('an alert is a refusal; an HTTP answer is "other"', () => {
    expect(readServerAnswer(record(0x15, Buffer.from([2, 40])))).toEqual({
      kind: 'alert',
      level: 2,
      description: 40,
    });
    expect(readServerAnswer(Buffer.from('HTTP/1.1 400 Bad Request\r\n')).kind).toBe('other');
  });

  it('families of a suite: an anonymous export RC4 suite is in three (RFC 2246 A.5)', () => {
    expect(familiesOfSuite(0x0017).sort()).toEqual(['EXPORT', 'RC4', 'anonymous']);
    expect(familiesOfSuite(0xc02f)).toEqual([]);
    expect(familiesOfSuite(0x000a)).toEqual(['3DES']);
    expect(familiesOfSuite(0x0001)).toEqual(['NULL']);
  });
});

describe('SPF and DMARC (001 L11718-11729: -all / ~all / 設定なし)', () => {
  it.each([
    ['v=spf1 ip4:192.0.2.0/24 -all', '-all'],
    ['v=spf1 include:_spf.example.jp ~all', '~all'],
    ['v=spf1 mx ?all', '?all'],
    ['v=spf1 +all', '+all'],
    ['v=spf1 a all', '+all'],
    ['v=spf1 mx', 'none'],
    ['v=spf1 redirect=_spf.example.jp', 'none'],
    ['V=SPF1 MX -ALL', '-all'],
  ])('%s → %s', (record, all) => {
    expect(spfAll(record)).toBe(all);
  });

  it('no SPF record is "none"; v=spf10 or other TXT is not SPF', () => {
    expect(spfAll(null)).toBe('none');
    expect(findSpf(['google-site-verification=x', 'v=spf10 -all'])).toBeNull();
    expect(findSpf(['x', 'v=spf1 -all'])).toBe('v=spf1 -all');
  });

  it.each([
    ['v=DMARC1; p=reject; rua=mailto:d@example.jp', 'reject'],
    ['v=DMARC1;p=quarantine', 'quarantine'],
    ['v=DMARC1; p=none', 'none'],
    ['v=DMARC1; rua=mailto:d@example.jp', 'none'],
    [null, 'missing'],
  ] as const)('%s → %s', (record, policy) => {
    expect(dmarcPolicy(record)).toBe(policy);
  });

  it('finds the DMARC record among TXT strings', () => {
    expect(findDmarc(['v=spf1 -all', 'v=DMARC1; p=reject'])).toBe('v=DMARC1; p=reject');
    expect(findDmarc(['v=DMARC2; p=reject'])).toBeNull();
  });
});

describe('HSTS (RFC 6797 6.1)', () => {
  it.each([
    ['max-age=31536000; includeSubDomains', { maxAge: 31536000, includeSubDomains: true }],
    ['max-age="600"', { maxAge: 600, includeSubDomains: false }],
    ['includeSubDomains', null],
    ['max-age=-1', null],
    [undefined, null],
  ])('%s', (value, hsts) => {
    expect(parseHsts(value)).toEqual(hsts);
  });
});

it('reads the signature algorithm OID of a DER certificate, and null for garbage', () => {
  expect(signatureAlgorithmOid(Buffer.from([1, 2, 3]))).toBeNull();
});
