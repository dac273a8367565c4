import { X509Certificate } from 'node:crypto';
import { isIP } from 'node:net';
import tls from 'node:tls';
import type { CertificateFacts } from './types.js';

// Certificate facts for the SHA-1/RSA1024 migration and expiry checks (001 L11831-11849): one real
// handshake with node:tls (not verifying: a self-signed or expired certificate is what we report on).

const SIGNATURE_OIDS: Record<string, string> = {
  '1.2.840.113549.1.1.4': 'md5WithRSAEncryption',
  '1.2.840.113549.1.1.5': 'sha1WithRSAEncryption',
  '1.2.840.113549.1.1.11': 'sha256WithRSAEncryption',
  '1.2.840.113549.1.1.12': 'sha384WithRSAEncryption',
  '1.2.840.113549.1.1.13': 'sha512WithRSAEncryption',
  '1.2.840.113549.1.1.14': 'sha224WithRSAEncryption',
  '1.2.840.113549.1.1.10': 'rsassaPss',
  '1.2.840.10045.4.1': 'ecdsa-with-SHA1',
  '1.2.840.10045.4.3.1': 'ecdsa-with-SHA224',
  '1.2.840.10045.4.3.2': 'ecdsa-with-SHA256',
  '1.2.840.10045.4.3.3': 'ecdsa-with-SHA384',
  '1.2.840.10045.4.3.4': 'ecdsa-with-SHA512',
  '1.2.840.10040.4.3': 'dsa-with-SHA1',
  '2.16.840.1.101.3.4.3.2': 'dsa-with-SHA256',
  '1.3.101.112': 'ED25519',
  '1.3.101.113': 'ED448',
};

const CURVE_BITS: Record<string, number> = {
  prime256v1: 256,
  secp256k1: 256,
  secp384r1: 384,
  secp521r1: 521,
  secp224r1: 224,
  prime192v1: 192,
};

/** The signature algorithm OID of a DER certificate (Certificate ::= SEQUENCE { tbs, sigAlg, sig }). */
export function signatureAlgorithmOid(der: Buffer): string | null {
  try {
    const outer = readTlv(der, 0);
    const tbs = readTlv(der, outer.start);
    const algId = readTlv(der, tbs.start + tbs.length);
    const oid = readTlv(der, algId.start);
    if (oid.tag !== 0x06) return null;
    return decodeOid(der.subarray(oid.start, oid.start + oid.length));
  } catch {
    return null;
  }
}

function readTlv(buf: Buffer, offset: number) {
  const tag = buf[offset]!;
  let len = buf[offset + 1]!;
  let start = offset + 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    len = buf.readUIntBE(offset + 2, n);
    start += n;
  }
  if (start + len > buf.length) throw new Error('truncated DER');
  return { tag, start, length: len };
}

function decodeOid(b: Buffer) {
  const parts = [Math.floor(b[0]! / 40), b[0]! % 40];
  let v = 0;
  for (let i = 1; i < b.length; i++) {
    v = v * 128 + (b[i]! & 0x7f);
    if (!(b[i]! & 0x80)) {
      parts.push(v);
      v = 0;
    }
  }
  return parts.join('.');
}

/** The facts Mamoru reports about a certificate, relative to `now`. */
export function certificateFacts(cert: X509Certificate, name: string, now: Date): CertificateFacts {
  const notAfter = new Date(cert.validTo);
  const key = cert.publicKey;
  const details = key.asymmetricKeyDetails ?? {};
  const type = key.asymmetricKeyType ?? 'unknown';
  const names: Record<string, string> = {
    rsa: 'RSA',
    'rsa-pss': 'RSA-PSS',
    ec: 'EC',
    dsa: 'DSA',
    ed25519: 'Ed25519',
    ed448: 'Ed448',
  };
  const keyType = names[type] ?? type;
  const keyBits =
    details.modulusLength ??
    (details.namedCurve ? (CURVE_BITS[details.namedCurve] ?? 0) : type === 'ed25519' ? 256 : 0);
  const oid = signatureAlgorithmOid(cert.raw);
  const signatureAlgorithm = (oid && SIGNATURE_OIDS[oid]) ?? oid ?? 'unknown';
  let selfSigned = false;
  try {
    selfSigned = cert.checkIssued(cert) && cert.verify(cert.publicKey);
  } catch {
    selfSigned = false;
  }
  const nameMatches = isIP(name) ? cert.checkIP(name) !== undefined : cert.checkHost(name) !== undefined;
  return {
    notAfter: notAfter.toISOString(),
    daysLeft: Math.floor((notAfter.getTime() - now.getTime()) / 86_400_000),
    keyType,
    keyBits,
    signatureAlgorithm,
    sha1: /sha1/i.test(signatureAlgorithm),
    selfSigned,
    nameMatches,
  };
}

export interface CertificateProbe {
  host: string;
  port: number;
  servername?: string;
  timeoutMs: number;
  now: Date;
}

/** Completes one handshake and reads the leaf certificate; null when no handshake completes. */
export function probeCertificate(o: CertificateProbe): Promise<CertificateFacts | null> {
  const name = o.servername ?? o.host;
  return new Promise((resolve) => {
    let settled = false;
    const socket = tls.connect({
      host: o.host,
      port: o.port,
      servername: isIP(name) ? undefined : name,
      rejectUnauthorized: false,
      minVersion: 'TLSv1',
      ciphers: 'ALL:@SECLEVEL=0',
    });
    const finish = (facts: CertificateFacts | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.on('error', () => {});
      socket.destroy();
      resolve(facts);
    };
    const timer = setTimeout(() => finish(null), o.timeoutMs);
    socket.once('secureConnect', () => {
      // getPeerCertificate first: after getPeerX509Certificate, Node 20 returns an empty object.
      const peer = socket.getPeerCertificate(true);
      if (!peer?.raw) return finish(null);
      const facts = certificateFacts(new X509Certificate(peer.raw), name, o.now);
      finish({ ...facts, chainLength: chainLength(peer) });
    });
    socket.once('error', () => finish(null));
    socket.once('close', () => finish(null));
  });
}

/** Certificates the server sent, up to and including a self-signed root. */
function chainLength(leaf: tls.DetailedPeerCertificate) {
  const seen = new Set<string>();
  let cert: tls.DetailedPeerCertificate | undefined = leaf;
  while (cert?.fingerprint256 && !seen.has(cert.fingerprint256)) {
    seen.add(cert.fingerprint256);
    cert = cert.issuerCertificate;
  }
  return seen.size;
}
