import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type Client, type TestApp } from '../../test/app.js';
import { buildAgencyTree, loginAs } from '../../test/factories.js';
import { pickContent } from '../../test/selfcheck.js';

// Requirement catalogs (shipped summary, import and export with history) and the agency policy
// derived from one, with its differences from the standard.

let t: TestApp;
let admin: Client;
let catalogVersionId: string;
let policyId: string;
let staffA1: Awaited<ReturnType<typeof loginAs>>;
let headA1: Awaited<ReturnType<typeof loginAs>>;

beforeAll(async () => {
  t = await buildTestApp();
  const tree = await buildAgencyTree(t);
  admin = tree.admin.client;
  staffA1 = await loginAs(t, { unit: tree.divA1, roles: ['staff'] });
  headA1 = await loginAs(t, { unit: tree.divA1, roles: ['division_security_officer'] });
});
afterAll(() => t.close());

describe('catalog and policy', () => {
  it('ships a summary catalog of the Unified Standards, marked as a summary', async () => {
    const res = await admin.get('/api/v1/selfcheck/catalogs');
    expect(res.statusCode).toBe(200);
    const shipped = res.json().items.find((v: { shipped: boolean }) => v.shipped);
    expect(shipped).toMatchObject({ summary: true });
    expect(shipped.itemCount).toBeGreaterThan(40);
    catalogVersionId = shipped.id;
    const detail = (await admin.get(`/api/v1/selfcheck/catalogs/${catalogVersionId}`)).json();
    expect(detail.chapters.map((c: { no: string }) => c.no)).toEqual([
      '1',
      '2',
      '3',
      '4',
      '5',
      '6',
      '7',
      '8',
    ]);
    expect(
      detail.items.some((i: { tags: string[] }) => i.tags.some((t) => t.startsWith('staff-area:'))),
    ).toBe(true);
  });

  it('exports a catalog version as YAML and .xlsx, and re-imports it as a new version of the agency', async () => {
    const yaml = await admin.get(`/api/v1/selfcheck/catalogs/${catalogVersionId}/export?format=yaml`);
    expect(yaml.statusCode).toBe(200);
    const own = yaml.body
      .replace(/^(\s*)code: .*$/m, '$1code: agency-own')
      .replace(/^(\s*)version: .*$/m, '$1version: "2026-1"');
    const imported = await admin.request({
      method: 'POST',
      url: '/api/v1/selfcheck/catalogs/import',
      payload: own,
      headers: { 'content-type': 'application/yaml' },
    });
    expect(imported.statusCode).toBe(200);
    expect(imported.json()).toMatchObject({ code: 'agency-own', version: '2026-1', dryRun: false });
    const again = await admin.request({
      method: 'POST',
      url: '/api/v1/selfcheck/catalogs/import',
      payload: own,
      headers: { 'content-type': 'application/yaml' },
    });
    expect(again.statusCode).toBe(409);
    const xlsx = await admin.get(`/api/v1/selfcheck/catalogs/${catalogVersionId}/export?format=xlsx`);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets[0]!.rowCount).toBeGreaterThan(40);
  });

  it('reports a bad catalog file row by row and stores nothing', async () => {
    const bad =
      'code: broken\ntitle: 壊れた\nversion: "1"\nsummary: false\nchapters:\n  - no: "1"\n    title: 総則\n    sections:\n      - no: "1.1"\n        title: 節\n        items:\n          - id: "1.1.1(1)(a)"\n            title: 項目\n            text: 本文\n            roles: [nobody]\n            level: basic\n            tags: []\n';
    const res = await admin.request({
      method: 'POST',
      url: '/api/v1/selfcheck/catalogs/import',
      payload: bad,
      headers: { 'content-type': 'application/yaml' },
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0].line).toBeGreaterThan(1);
  });

  it('derives a policy, records each difference with its reason, and exports the differences table', async () => {
    const created = await admin.post('/api/v1/selfcheck/policies', {
      name: 'テスト省情報セキュリティ対策基準',
      catalogVersionId,
    });
    expect(created.statusCode).toBe(201);
    policyId = created.json().id;
    const detail = (await admin.get(`/api/v1/selfcheck/policies/${policyId}`)).json();
    const staffItem = detail.items.find((i: { roles: string[] }) => i.roles.includes('staff'));
    const tighten = await admin.request({
      method: 'PUT',
      url: `/api/v1/selfcheck/policies/${policyId}/changes`,
      payload: {
        kind: 'tighten',
        itemId: staffItem.itemId,
        reason: '届出を許可に強化',
        content: { ...pickContent(staffItem), text: `${staffItem.text}（許可制）` },
      },
    });
    expect(tighten.statusCode).toBe(200);
    const add = await admin.request({
      method: 'PUT',
      url: `/api/v1/selfcheck/policies/${policyId}/changes`,
      payload: {
        kind: 'add',
        itemId: '3.9.9(1)(a)',
        reason: '機密性4の追加',
        content: {
          ...pickContent(staffItem),
          title: '機密性4情報の通し番号',
          text: '機密性4情報には通し番号を付す。',
        },
      },
    });
    expect(add.statusCode).toBe(200);
    const unknown = await admin.request({
      method: 'PUT',
      url: `/api/v1/selfcheck/policies/${policyId}/changes`,
      payload: { kind: 'not_applicable', itemId: '99.9', reason: 'x' },
    });
    expect(unknown.statusCode).toBe(400);
    const after = (await admin.get(`/api/v1/selfcheck/policies/${policyId}`)).json();
    expect(after.differences.map((d: { kind: string }) => d.kind)).toEqual(['tighten', 'add']);
    expect(after.items.find((i: { itemId: string }) => i.itemId === '3.9.9(1)(a)').origin).toBe('added');
    const xlsx = await admin.get(`/api/v1/selfcheck/policies/${policyId}/differences.xlsx`);
    expect(xlsx.statusCode).toBe(200);
  });

  it('is not for a staff member', async () => {
    expect((await staffA1.client.get('/api/v1/selfcheck/catalogs')).statusCode).toBe(403);
    expect(
      (await staffA1.client.post('/api/v1/selfcheck/policies', { name: 'x', catalogVersionId })).statusCode,
    ).toBe(403);
    expect(
      (await headA1.client.post('/api/v1/selfcheck/policies', { name: 'x', catalogVersionId })).statusCode,
    ).toBe(403);
  });
});

function _pickContent(i: Record<string, unknown>) {
  const { chapterNo, chapterTitle, sectionNo, sectionTitle, title, text, roles, level, tags } = i;
  return { chapterNo, chapterTitle, sectionNo, sectionTitle, title, text, roles, level, tags };
}
