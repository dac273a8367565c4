import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type Client, type TestApp } from '../../test/app.js';
import { buildAgency, buildAgencyTree, loginAs } from '../../test/factories.js';
import { submitToCentral } from './service.js';
import { buildStatement } from './statement.fixtures.js';

// The national report in the agency report's formats (issue #11 item 3), built from the submitted figures.

const FY = 2026;
let t: TestApp;
let analyst: Client;
let a: Awaited<ReturnType<typeof buildAgencyTree>>;

beforeAll(async () => {
  t = await buildTestApp();
  const central = await buildAgency(t, { kind: 'central', code: 'nisc-x', nameJa: '中央機関' });
  analyst = (await loginAs(t, { unit: central.root, roles: ['central_analyst'] })).client;
  a = await buildAgencyTree(t, { parent: central.tenant });
  await t.sys.db.transaction((tx) =>
    submitToCentral(tx, t.sys, {
      fromTenantId: a.tenant.id,
      kind: 'annual.statement',
      fiscalYear: FY,
      title: '報告',
      payload: buildStatement({ code: a.tenant.code, nameJa: '<b>府省</b>' }, FY, {
        coverage: 0.9,
        nisc: 0.8125,
        attainment100: 0.5,
        incidents: { external_attack: 2 },
        training: { assigned: 10, completed: 9 },
      }),
    }),
  );
});
afterAll(() => t.close());

const download = (format: string) =>
  analyst.get(`/api/v1/central/national/export?fiscalYear=${FY}&format=${format}`);

describe('the national report export', () => {
  it('writes HTML with the agency and the unweighted mean, escaped', async () => {
    const res = await download('html');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body).toContain(a.tenant.nameJa);
    expect(res.body).toContain('政府平均');
    expect(res.body).toMatch(/81\.\d/);
  });

  // With its chart images (the earlier "SVG data parsing failed … expected space not 'N'" was the double-quoted
  // font family inside the SVG's style attribute; see render/charts.test.ts).
  it('writes a .docx with the tables', async () => {
    const docx = await download('docx');
    expect(docx.statusCode).toBe(200);
    const doc = await JSZip.loadAsync(docx.rawPayload);
    const xml = await doc.file('word/document.xml')!.async('string');
    expect(xml).toContain(a.tenant.nameJa);
    expect(xml).toContain('重点検査');
  });

  it('writes an .xlsx with one sheet per table', async () => {
    const xlsx = await download('xlsx');
    expect(xlsx.statusCode).toBe(200);
    const book = await JSZip.loadAsync(xlsx.rawPayload);
    const wb = await book.file('xl/workbook.xml')!.async('string');
    for (const sheet of ['agencies', 'sc_overall', 'staff_areas', 'incidents', 'trends', 'weakest_items'])
      expect(wb).toContain(`name="${sheet}"`);
  });

  it('answers PDF with the file, or 409 when Chromium is not installed (never a 5xx)', async () => {
    const res = await download('pdf');
    expect([200, 409]).toContain(res.statusCode);
    if (res.statusCode === 200) expect(res.rawPayload.subarray(0, 4).toString()).toBe('%PDF');
  });

  it('is refused to an agency', async () => {
    expect(
      (await a.admin.client.get(`/api/v1/central/national/export?fiscalYear=${FY}&format=html`)).statusCode,
    ).toBe(403);
  });
});
