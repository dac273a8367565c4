import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { renderXlsx } from './index.js';
import { FORMULA, fixtureDoc, STAFF_LINK } from './test-fixture.js';
import { sheetNames } from './xlsx.js';

describe('sheetNames: Excel sheet names from table ids', () => {
  it.each([
    [['selfcheck.groups'], ['selfcheck.groups']],
    [['a/b\\c?d*e[f]g:h!i'], ['a_b_c_d_e_f_g_h_i']],
    [["'quoted'"], ['quoted']],
    [
      ['x'.repeat(40), 'x'.repeat(35)],
      ['x'.repeat(31), `${'x'.repeat(29)}~2`],
    ],
    [['目次'], ['目次~2']],
    [
      ['A', 'a'],
      ['A', 'a~2'],
    ],
    [['History'], ['History~2']],
  ])('%j → %j', (ids, names) => {
    expect(sheetNames(ids, ['目次'])).toEqual(names);
  });
});

describe('renderXlsx', async () => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await renderXlsx(fixtureDoc())) as unknown as ArrayBuffer);
  const sheets = wb.worksheets.map((s) => s.name);

  it('lists the tables on a first sheet 目次 and gives each table its sheet', () => {
    expect(sheets).toEqual([
      '目次',
      'framework.audit_findings__all__',
      'framework.audit_findings__all~2',
      'selfcheck.groups',
    ]);
    const toc = wb.getWorksheet('目次');
    expect(toc?.getRow(2).getCell(1).value).toBe('3 (1) 監査');
    expect(toc?.getRow(4).getCell(2).value).toBe('グループ別 把握率・実施率');
    expect(toc?.getRow(4).getCell(3).value).toEqual({
      text: 'selfcheck.groups',
      hyperlink: "'selfcheck.groups'!A1",
    });
  });

  it('stores rates and counts as numbers with their number format, header bold and frozen', () => {
    const ws = wb.getWorksheet('selfcheck.groups');
    expect(ws?.getRow(1).values).toEqual([undefined, 'グループ', '把握率', '実施率', '対象者数', '出典']);
    expect(ws?.getRow(1).font?.bold).toBe(true);
    expect(ws?.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const rate = ws?.getRow(2).getCell(2);
    expect(rate?.value).toBe(0.8523);
    expect(rate?.numFmt).toBe('0.0%');
    const count = ws?.getRow(2).getCell(4);
    expect(count?.value).toBe(12345);
    expect(count?.numFmt).toBe('#,##0');
    expect(ws?.getRow(3).getCell(2).value).toBeNull();
    // the figure's source stays a link
    expect(ws?.getRow(2).getCell(5).value).toEqual({
      text: `https://mamoru.example.go.jp${STAFF_LINK}`,
      hyperlink: `https://mamoru.example.go.jp${STAFF_LINK}`,
    });
  });

  it('neutralises text a spreadsheet would take for a formula', () => {
    const ws = wb.getWorksheet('framework.audit_findings__all__');
    expect(ws?.getRow(2).getCell(1).value).toBe(`'${FORMULA}`);
    expect(ws?.getRow(3).getCell(1).value).toBe("'+81 3 1234");
    expect(ws?.getRow(4).getCell(1).value).toBe("'@SUM(A1)");
    for (const sheet of wb.worksheets) {
      sheet.eachRow((row) => {
        row.eachCell((cell) => expect(cell.type).not.toBe(ExcelJS.ValueType.Formula));
      });
    }
    // a javascript: "link" is no link
    expect(ws?.getRow(4).getCell(3).value).toBe('javascript:alert(1)');
  });
});
