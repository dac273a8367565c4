import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { isIP } from 'node:net';
import type { TlsProtocol, WeakCipherFamily } from './types.js';

// Hand-built ClientHello records and a ServerHello/alert reader, so that which protocol versions and
// cipher families a server accepts is read from the server's own answer — not from what this machine's
// OpenSSL can still negotiate (SSLv2, SSLv3 and EXPORT suites are long gone from it). Pure: no I/O.

/** Wire version of each record-format protocol (SSLv2 has its own format, see sslv2ClientHello). */
export const WIRE_VERSION: Record<Exclude<TlsProtocol, 'SSLv2'>, number> = {
  SSLv3: 0x0300,
  'TLSv1.0': 0x0301,
  'TLSv1.1': 0x0302,
  'TLSv1.2': 0x0303,
  'TLSv1.3': 0x0304,
};

export function protocolOfWire(version: number): TlsProtocol | null {
  for (const [name, v] of Object.entries(WIRE_VERSION)) if (v === version) return name as TlsProtocol;
  return null;
}

// IANA TLS cipher suite registry values of each weak family (RFC 2246/4346/4492/4785/5469/5489…).
const NULL_SUITES = [
  0x0001, 0x0002, 0x002c, 0x002d, 0x002e, 0x003b, 0x00b0, 0x00b1, 0x00b4, 0x00b5, 0x00b8, 0x00b9, 0xc001,
  0xc006, 0xc00b, 0xc010, 0xc015, 0xc039, 0xc03a, 0xc03b,
];
const EXPORT_SUITES = [
  0x0003, 0x0006, 0x0008, 0x000b, 0x000e, 0x0011, 0x0014, 0x0017, 0x0019, 0x0026, 0x0027, 0x0028, 0x0029,
  0x002a, 0x002b, 0x0060, 0x0061, 0x0062, 0x0063, 0x0064, 0x0065,
];
const RC4_SUITES = [
  0x0003, 0x0004, 0x0005, 0x0017, 0x0018, 0x0020, 0x0024, 0x0028, 0x002b, 0x0064, 0x0065, 0x0066, 0x008a,
  0x008e, 0x0092, 0xc002, 0xc007, 0xc00c, 0xc011, 0xc016, 0xc033,
];
const TRIPLE_DES_SUITES = [
  0x000a, 0x000d, 0x0010, 0x0013, 0x0016, 0x001b, 0x001f, 0x0023, 0x008b, 0x008f, 0x0093, 0xc003, 0xc008,
  0xc00d, 0xc012, 0xc017, 0xc01a, 0xc01b, 0xc01c, 0xc034,
];
const ANON_SUITES = [
  0x0017, 0x0018, 0x0019, 0x001a, 0x001b, 0x0034, 0x003a, 0x0046, 0x006c, 0x006d, 0x0089, 0x009b, 0x00a6,
  0x00a7, 0x00bf, 0x00c5, 0xc015, 0xc016, 0xc017, 0xc018, 0xc019, 0xc046, 0xc047, 0xc05a, 0xc05b, 0xc084,
  0xc085,
];

export const FAMILY_SUITES: Record<WeakCipherFamily, readonly number[]> = {
  NULL: NULL_SUITES,
  EXPORT: EXPORT_SUITES,
  RC4: RC4_SUITES,
  '3DES': TRIPLE_DES_SUITES,
  anonymous: ANON_SUITES,
};

/** The weak families a suite belongs to (an anonymous export RC4 suite is in three). */
export function familiesOfSuite(suite: number): WeakCipherFamily[] {
  return (Object.keys(FAMILY_SUITES) as WeakCipherFamily[]).filter((f) => FAMILY_SUITES[f].includes(suite));
}

/** TLS 1.3 suites (RFC 8446 B.4). */
export const TLS13_SUITES = [0x1301, 0x1302, 0x1303, 0x1304, 0x1305];

/**
 * Every suite a pre-1.3 server might choose, for deciding whether a version is accepted at all: the
 * classic 0x00xx block, the ECC/SRP/ARIA/Camellia/CCM 0xc0xx block and ChaCha20. Never the signalling
 * values (0x00ff renegotiation SCSV is harmless; 0x5600 FALLBACK_SCSV would make a server refuse).
 */
export const ALL_LEGACY_SUITES: readonly number[] = [
  ...range(0x0001, 0x00ff),
  ...range(0xc001, 0xc0ff),
  ...range(0xcca8, 0xccae),
];

function range(from: number, to: number) {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

// SSLv2 cipher kinds (SSLv2 draft, appendix C) and which weak families each belongs to.
export const SSL2_CIPHERS: { kind: number; families: WeakCipherFamily[] }[] = [
  { kind: 0x010080, families: ['RC4'] }, // RC4_128_WITH_MD5
  { kind: 0x020080, families: ['RC4', 'EXPORT'] }, // RC4_128_EXPORT40_WITH_MD5
  { kind: 0x030080, families: [] }, // RC2_128_CBC_WITH_MD5
  { kind: 0x040080, families: ['EXPORT'] }, // RC2_128_CBC_EXPORT40_WITH_MD5
  { kind: 0x050080, families: [] }, // IDEA_128_CBC_WITH_MD5
  { kind: 0x060040, families: [] }, // DES_64_CBC_WITH_MD5
  { kind: 0x0700c0, families: ['3DES'] }, // DES_192_EDE3_CBC_WITH_MD5
  { kind: 0x080080, families: ['RC4'] }, // RC4_64_WITH_MD5
];

/** An SSLv2-format CLIENT-HELLO offering every SSLv2 cipher kind. */
export function sslv2ClientHello(kinds: readonly number[] = SSL2_CIPHERS.map((c) => c.kind)): Buffer {
  const challenge = randomBytes(16);
  const specs = Buffer.alloc(kinds.length * 3);
  for (const [i, k] of kinds.entries()) specs.writeUIntBE(k, i * 3, 3);
  const body = Buffer.concat([
    Buffer.from([0x01, 0x00, 0x02]), // CLIENT-HELLO, version 2
    u16(specs.length),
    u16(0), // session id length
    u16(challenge.length),
    specs,
    challenge,
  ]);
  return Buffer.concat([Buffer.from([0x80 | (body.length >> 8), body.length & 0xff]), body]);
}

let x25519Public: Buffer | null = null;
/** An x25519 public key for the TLS 1.3 key_share; the handshake is never finished, so one will do. */
function x25519Key() {
  if (!x25519Public) {
    const { publicKey } = generateKeyPairSync('x25519');
    x25519Public = publicKey.export({ format: 'der', type: 'spki' }).subarray(-32);
  }
  return x25519Public;
}

export interface HelloOptions {
  /** Protocol to offer (SSLv3 … TLSv1.3). */
  protocol: Exclude<TlsProtocol, 'SSLv2'>;
  suites?: readonly number[];
  /** Host name for SNI (omitted for IP addresses). */
  servername?: string;
}

const SIGNATURE_ALGORITHMS = [
  0x0403, 0x0503, 0x0603, 0x0804, 0x0805, 0x0806, 0x0807, 0x0808, 0x0809, 0x080a, 0x080b, 0x0401, 0x0501,
  0x0601, 0x0203, 0x0201, 0x0402, 0x0202, 0x0303, 0x0301, 0x0302,
];
// x25519, secp256r1, secp384r1, secp521r1, x448, ffdhe2048…8192.
const GROUPS = [0x001d, 0x0017, 0x0018, 0x0019, 0x001e, 0x0100, 0x0101, 0x0102, 0x0103, 0x0104];

/** A TLS record carrying a ClientHello for one protocol version. */
export function clientHello(o: HelloOptions): Buffer {
  const tls13 = o.protocol === 'TLSv1.3';
  const version = tls13 ? 0x0303 : WIRE_VERSION[o.protocol];
  const suites = o.suites ?? (tls13 ? TLS13_SUITES : ALL_LEGACY_SUITES);
  const extensions: Buffer[] = [];
  if (o.protocol !== 'SSLv3') {
    if (o.servername && !isIP(o.servername)) {
      const name = Buffer.from(o.servername, 'ascii');
      extensions.push(ext(0x0000, vec16(Buffer.concat([Buffer.from([0x00]), vec16(name)]))));
    }
    extensions.push(ext(0x000a, vec16(u16s(GROUPS))));
    extensions.push(ext(0x000b, Buffer.from([0x01, 0x00])));
    if (o.protocol === 'TLSv1.2' || tls13) extensions.push(ext(0x000d, vec16(u16s(SIGNATURE_ALGORITHMS))));
    if (tls13) {
      extensions.push(ext(0x002b, Buffer.from([0x02, 0x03, 0x04])));
      const share = Buffer.concat([u16(0x001d), vec16(x25519Key())]);
      extensions.push(ext(0x0033, vec16(share)));
      extensions.push(ext(0x002d, Buffer.from([0x01, 0x01]))); // psk_key_exchange_modes: psk_dhe_ke
    } else {
      extensions.push(ext(0xff01, Buffer.from([0x00]))); // renegotiation_info (empty)
    }
  }
  const body = Buffer.concat([
    u16(version),
    randomBytes(32),
    tls13 ? Buffer.concat([Buffer.from([32]), randomBytes(32)]) : Buffer.from([0]),
    vec16(u16s(suites)),
    Buffer.from([0x01, 0x00]), // compression: null only
    extensions.length ? vec16(Buffer.concat(extensions)) : Buffer.alloc(0),
  ]);
  const handshake = Buffer.concat([Buffer.from([0x01]), u24(body.length), body]);
  const recordVersion = o.protocol === 'SSLv3' ? 0x0300 : 0x0301;
  return Buffer.concat([Buffer.from([0x16]), u16(recordVersion), u16(handshake.length), handshake]);
}

export type ServerAnswer =
  /** Need more bytes. */
  | { kind: 'incomplete' }
  | { kind: 'serverHello'; version: number; suite: number; helloRetry: boolean }
  | { kind: 'sslv2ServerHello'; cipherKinds: number[] }
  | { kind: 'alert'; level: number; description: number }
  /** Anything else: not a TLS/SSL answer we understand (an HTTP error page, garbage). */
  | { kind: 'other' };

// SHA-256("HelloRetryRequest"), the random of a TLS 1.3 HelloRetryRequest (RFC 8446 4.1.3).
const HRR_RANDOM = Buffer.from('cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c', 'hex');

/** Reads the server's first answer from the bytes received so far. */
export function readServerAnswer(data: Buffer): ServerAnswer {
  if (data.length < 2) return { kind: 'incomplete' };
  // SSLv2 record: 2-byte header with the high bit set (or 3-byte header), then SERVER-HELLO (4).
  if (data[0]! & 0x80) {
    const len = ((data[0]! & 0x7f) << 8) | data[1]!;
    if (data.length < 2 + len) return { kind: 'incomplete' };
    return readSsl2ServerHello(data.subarray(2, 2 + len));
  }
  const type = data[0]!;
  if (type !== 0x15 && type !== 0x16) return { kind: 'other' };
  if (data[1] !== 0x03) return { kind: 'other' };
  // Handshake messages may span records: gather consecutive handshake fragments.
  let offset = 0;
  const fragments: Buffer[] = [];
  while (offset + 5 <= data.length) {
    const rtype = data[offset]!;
    const rlen = data.readUInt16BE(offset + 3);
    if (offset + 5 + rlen > data.length) break;
    const fragment = data.subarray(offset + 5, offset + 5 + rlen);
    if (rtype === 0x15) {
      if (fragments.length === 0) {
        if (fragment.length < 2) return { kind: 'other' };
        return { kind: 'alert', level: fragment[0]!, description: fragment[1]! };
      }
      break;
    }
    if (rtype !== 0x16)
      return fragments.length ? readServerHello(Buffer.concat(fragments)) : { kind: 'other' };
    fragments.push(fragment);
    const hs = Buffer.concat(fragments);
    if (hs.length >= 4) {
      const len = hs.readUIntBE(1, 3);
      if (hs.length >= 4 + len) return readServerHello(hs);
    }
    offset += 5 + rlen;
  }
  return { kind: 'incomplete' };
}

function readServerHello(hs: Buffer): ServerAnswer {
  if (hs[0] !== 0x02 || hs.length < 4) return { kind: 'other' };
  const len = hs.readUIntBE(1, 3);
  if (hs.length < 4 + len) return { kind: 'incomplete' };
  const body = hs.subarray(4, 4 + len);
  try {
    let p = 0;
    let version = body.readUInt16BE(p);
    p += 2;
    const random = body.subarray(p, p + 32);
    p += 32;
    const sidLen = body[p]!;
    p += 1 + sidLen;
    const suite = body.readUInt16BE(p);
    p += 2 + 1; // suite, compression
    if (p + 2 <= body.length) {
      const extLen = body.readUInt16BE(p);
      p += 2;
      const end = Math.min(body.length, p + extLen);
      while (p + 4 <= end) {
        const t = body.readUInt16BE(p);
        const l = body.readUInt16BE(p + 2);
        if (t === 0x002b && l === 2) version = body.readUInt16BE(p + 4);
        p += 4 + l;
      }
    }
    return { kind: 'serverHello', version, suite, helloRetry: random.equals(HRR_RANDOM) };
  } catch {
    return { kind: 'other' };
  }
}

function readSsl2ServerHello(msg: Buffer): ServerAnswer {
  // SERVER-HELLO: type(4) session-id-hit cert-type version(2) cert-len(2) specs-len(2) conn-id-len(2)
  if (msg.length < 11 || msg[0] !== 0x04) return { kind: 'other' };
  const certLen = msg.readUInt16BE(5);
  const specsLen = msg.readUInt16BE(7);
  const start = 11 + certLen;
  if (msg.length < start + specsLen) return { kind: 'other' };
  const cipherKinds: number[] = [];
  for (let i = 0; i + 3 <= specsLen; i += 3) cipherKinds.push(msg.readUIntBE(start + i, 3));
  return { kind: 'sslv2ServerHello', cipherKinds };
}

function u16(n: number) {
  const b = Buffer.alloc(2);
  b.writeUInt16BE(n);
  return b;
}
function u24(n: number) {
  const b = Buffer.alloc(3);
  b.writeUIntBE(n, 0, 3);
  return b;
}
function u16s(ns: readonly number[]) {
  const b = Buffer.alloc(ns.length * 2);
  for (const [i, n] of ns.entries()) b.writeUInt16BE(n, i * 2);
  return b;
}
function vec16(b: Buffer) {
  return Buffer.concat([u16(b.length), b]);
}
function ext(type: number, data: Buffer) {
  return Buffer.concat([u16(type), vec16(data)]);
}
