import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { bombSheet, entry, xlsxWith, zip } from '../test/zip.js';
import { assertSafeZip, ZipRefused } from './zip-guard.js';

describe('assertSafeZip', () => {
  it('lets an ordinary workbook through', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('台帳').addRow(['システムID', 'システム名']);
    const file = Buffer.from(await wb.xlsx.writeBuffer());
    expect(() => assertSafeZip(file)).not.toThrow();
  });

  it('lets through what is not a ZIP archive at all (the reader refuses it with its own message)', () => {
    expect(() => assertSafeZip(Buffer.from('code,name\nA,B\n'))).not.toThrow();
    expect(() => assertSafeZip(Buffer.alloc(0))).not.toThrow();
  });

  it('refuses an archive that expands past the limit, whether it declares its size or lies about it', async () => {
    const sheet = await bombSheet(3);
    const limits = { inflatedBytes: 2 * 1024 * 1024, entries: 100 };
    expect(() => assertSafeZip(xlsxWith(sheet), limits)).toThrow(/expands to more than 2 MB/);
    expect(() => assertSafeZip(xlsxWith(sheet, { declaredSize: 10 }), limits)).toThrow(ZipRefused);
    expect(() => assertSafeZip(xlsxWith(sheet), { ...limits, inflatedBytes: 4 * 1024 * 1024 })).not.toThrow();
  });

  it('counts the total over all entries, and the number of entries', () => {
    const parts = Array.from({ length: 5 }, (_, i) => entry(`x${i}.xml`, Buffer.alloc(1000, 0x20)));
    expect(() => assertSafeZip(zip(parts), { inflatedBytes: 4_500, entries: 100 })).toThrow(ZipRefused);
    expect(() => assertSafeZip(zip(parts), { inflatedBytes: 5_000, entries: 100 })).not.toThrow();
    expect(() => assertSafeZip(zip(parts), { inflatedBytes: 5_000, entries: 4 })).toThrow(
      /more than 4 entries/,
    );
  });

  it('refuses damaged archives instead of reading past their end', () => {
    const good = zip([entry('a.xml', '<a/>')]);
    const badOffset = Buffer.from(good);
    badOffset.writeUInt32LE(0xfffffff0, badOffset.length - 6); // central directory offset
    expect(() => assertSafeZip(badOffset)).toThrow(ZipRefused);
    const badData = Buffer.from(good);
    badData.fill(0xff, 30 + 5, 30 + 5 + 4); // the deflated bytes
    expect(() => assertSafeZip(badData)).toThrow(ZipRefused);
  });
});
