import { inflateRawSync } from 'node:zlib';

// An .xlsx file is a ZIP archive, and the spreadsheet reader (ExcelJS, through JSZip) inflates every
// entry in memory without a limit: a 20 MB upload can expand to 20 GB ("zip bomb") and take the server
// down. Every uploaded workbook passes this check first. The sizes an archive declares may lie, so each
// entry is really inflated, with zlib stopping at the remaining allowance.

/** What an uploaded workbook may expand to: far above any real roster or ledger, far below a bomb. */
export const ZIP_LIMITS = { inflatedBytes: 100 * 1024 * 1024, entries: 10_000 };

export class ZipRefused extends Error {}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

function endOfCentralDirectory(buf: Buffer): number {
  // The record is 22 bytes plus a comment of at most 65,535 bytes, at the very end.
  for (let at = buf.length - 22; at >= Math.max(0, buf.length - 22 - 0xffff); at--) {
    if (buf.readUInt32LE(at) === EOCD) return at;
  }
  return -1;
}

/**
 * Throws ZipRefused when the archive is malformed, uses ZIP64 or an unknown compression, has too many
 * entries, or inflates past the limit. A buffer that is not a ZIP archive at all passes (the reader
 * refuses it with its own message).
 */
export function assertSafeZip(buf: Buffer, limits = ZIP_LIMITS): void {
  const eocd = buf.length >= 22 ? endOfCentralDirectory(buf) : -1;
  if (eocd < 0) return;
  const count = buf.readUInt16LE(eocd + 10);
  const cdSize = buf.readUInt32LE(eocd + 12);
  let at = buf.readUInt32LE(eocd + 16);
  if (count === 0xffff || at === 0xffffffff) throw new ZipRefused('ZIP64 archives are not supported');
  if (count > limits.entries) throw new ZipRefused(`the archive has more than ${limits.entries} entries`);
  if (at + cdSize > eocd) throw new ZipRefused('the archive is damaged (central directory)');
  let total = 0;
  for (let i = 0; i < count; i++) {
    if (at + 46 > eocd || buf.readUInt32LE(at) !== CENTRAL)
      throw new ZipRefused('the archive is damaged (entry)');
    const method = buf.readUInt16LE(at + 10);
    const compressed = buf.readUInt32LE(at + 20);
    const declared = buf.readUInt32LE(at + 24);
    const local = buf.readUInt32LE(at + 42);
    at += 46 + buf.readUInt16LE(at + 28) + buf.readUInt16LE(at + 30) + buf.readUInt16LE(at + 32);
    if (local + 30 > buf.length || buf.readUInt32LE(local) !== LOCAL)
      throw new ZipRefused('the archive is damaged (local header)');
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    if (start + compressed > buf.length) throw new ZipRefused('the archive is damaged (entry data)');
    const allowance = limits.inflatedBytes - total;
    const tooBig = () =>
      new ZipRefused(`the archive expands to more than ${limits.inflatedBytes / 1024 / 1024} MB`);
    if (declared > allowance) throw tooBig();
    if (method === 0) total += compressed;
    else if (method === 8) {
      try {
        total += inflateRawSync(buf.subarray(start, start + compressed), {
          maxOutputLength: Math.max(allowance, 1),
        }).length;
      } catch (err) {
        if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw tooBig();
        throw new ZipRefused('the archive is damaged (compressed data)');
      }
    } else throw new ZipRefused(`compression method ${method} is not supported`);
    if (total > limits.inflatedBytes) throw tooBig();
  }
}
