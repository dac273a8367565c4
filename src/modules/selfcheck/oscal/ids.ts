// Identifiers of Mamoru's OSCAL documents. Every UUID is a name-based UUIDv5 (RFC 9562 §5.5) of what the
// thing is, so exporting the same catalog, policy or frozen result twice gives byte-identical files.
import { createHash } from 'node:crypto';
import { ITEM_ID } from '../catalog-model.js';

export const OSCAL_VERSION = '1.1.2';
/** Namespace (`ns`) of the props and parts that are Mamoru's own, not OSCAL's core names. */
export const MAMORU_NS = 'urn:mamoru:oscal';
/** Root namespace of the UUIDv5s: itself the UUIDv5 of "mamoru.oscal" in the RFC's URL namespace. */
const ROOT = uuidV5('6ba7b811-9dad-11d1-80b4-00c04fd430c8', 'mamoru.oscal');

export function uuidV5(namespace: string, name: string): string {
  const ns = Buffer.from(namespace.replace(/-/g, ''), 'hex');
  const hash = createHash('sha1').update(ns).update(name, 'utf8').digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** A stable UUID for one named thing, e.g. `oscalUuid('catalog', code, version)`. */
export const oscalUuid = (...parts: string[]) => uuidV5(ROOT, parts.join('\u0000'));

/**
 * OSCAL ids are tokens (a letter or `_` first; letters, digits, `.`, `-`, `_` after), so `6.2.4(1)(a)`
 * becomes `item-6.2.4_1_a`. Catalog item ids never contain `_` (catalog-model.ts ITEM_ID), so no two
 * map to one control id. Ids of another shape (a policy may add `独自 1`) are escaped under `item-x-`,
 * which no catalog id reaches (those start with a digit). The original travels as the `label` prop.
 */
export function controlId(itemId: string): string {
  if (ITEM_ID.test(itemId)) return `item-${itemId.replace(/\(/g, '_').replace(/\)/g, '')}`;
  const escaped = [...itemId]
    .map((ch) => (/[\p{L}\p{N}.-]/u.test(ch) ? ch : `_${ch.codePointAt(0)!.toString(16)}_`))
    .join('');
  return `item-x-${escaped}`;
}
export const statementId = (itemId: string) => `${controlId(itemId)}_smt`;
export const guidanceId = (itemId: string) => `${controlId(itemId)}_gdn`;
export const chapterGroupId = (no: string) => `ch-${no}`;
export const sectionGroupId = (no: string) => `sec-${no}`;
