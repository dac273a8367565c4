import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/**
 * A recipient's tracking token: the recipient's numeric id (8 bytes) and a 128-bit HMAC of it under a
 * key derived from the instance's secret, base64url (32 characters). A forged or mistyped token is
 * refused without touching the database, and a valid one names its recipient without a lookup.
 */
const ID_BYTES = 8;
const MAC_BYTES = 16;
export const TOKEN_LENGTH = Math.ceil(((ID_BYTES + MAC_BYTES) * 4) / 3);

export function tokenKey(secretKey: Buffer): Buffer {
  return createHash('sha256').update(secretKey).update('mamoru:drill-token:v1').digest();
}

function mac(key: Buffer, id: Buffer): Buffer {
  return createHmac('sha256', key).update(id).digest().subarray(0, MAC_BYTES);
}

export function makeToken(key: Buffer, recipientId: number): string {
  const id = Buffer.alloc(ID_BYTES);
  id.writeBigUInt64BE(BigInt(recipientId));
  return Buffer.concat([id, mac(key, id)]).toString('base64url');
}

/** The recipient id of a genuine token, or null (wrong length, bad characters, wrong MAC). */
export function readToken(key: Buffer, token: string): number | null {
  if (token.length !== TOKEN_LENGTH || !/^[A-Za-z0-9_-]+$/.test(token)) return null;
  const raw = Buffer.from(token, 'base64url');
  if (raw.length !== ID_BYTES + MAC_BYTES) return null;
  const id = raw.subarray(0, ID_BYTES);
  if (!timingSafeEqual(mac(key, id), raw.subarray(ID_BYTES))) return null;
  const n = id.readBigUInt64BE();
  return n > BigInt(Number.MAX_SAFE_INTEGER) ? null : Number(n);
}

/** Tokens inside text (a forwarded lure, a DSN): any tracking URL of ours, or the X-Mamoru-Ref header. */
export function findTokens(key: Buffer, text: string): number[] {
  const found = new Set<number>();
  for (const m of text.matchAll(/(?<![A-Za-z0-9_-])[A-Za-z0-9_-]{32}(?![A-Za-z0-9_-])/g)) {
    const id = readToken(key, m[0]);
    if (id !== null) found.add(id);
  }
  return [...found];
}
