import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/app.js';
import { buildAgency, buildAgencyTree, loginAs } from '../../test/factories.js';
import { auditEvents } from '../audit/schema.js';
import { submissions } from '../selfcheck/schema.js';
import { blocksOf, type ReportDoc } from './doc-model.js';
import { AnnualStatement, STATEMENT_ITEMS } from './figures-model.js';

// The annual report (000 L60-1498): the office writes it, the CISO approves or returns it, every
// version of a narrative is kept, and the statement goes to the central body (001 L4252-4282).

let t: TestApp;
let tree: Awaited<ReturnType<typeof buildAgencyTree>>;
let office: Awaited<ReturnType<typeof loginAs>>;
let ciso: Awaited<ReturnType<typeof loginAs>>;
let staff: Awaited<ReturnType<typeof loginAs>>;
let bureauOffice: Awaited<ReturnType<typeof loginAs>>;
let stranger: Awaited<ReturnType<typeof loginAs>>;

const url = (fy: number, rest = '') => `/api/v1/reports/annual/${fy}${rest}`;
const facts = {
  staffQuota: 8123,
  itBudgetYen: 12_345_678_901,
  securityBudgetYen: 456_000_000,
  responsibleDivision: '大臣官房情報システム室',
  notes: '',
};

beforeAll(async () => {
  t = await buildTestApp();
  await buildAgency(t, { kind: 'central', code: 'nisc' });
  tree = await buildAgencyTree(t);
  office = await loginAs(t, {
    unit: tree.root,
    roles: ['chief_security_officer', 'staff'],
    name: '統括 太郎',
  });
  ciso = await loginAs(t, { unit: tree.root, roles: ['ciso', 'staff'], name: '最高 花子' });
  staff = await loginAs(t, { unit: tree.divA1, roles: ['staff'] });
  // The office role held below the root does not make a bureau the agency's report office.
  bureauOffice = await loginAs(t, {
    unit: tree.divA1,
    roles: ['chief_security_officer'],
    roleUnit: tree.bureauA,
  });
  const other = await buildAgencyTree(t);
  stranger = await loginAs(t, {
    unit: other.root,
    roles: ['mamoru_admin', 'ciso', 'chief_security_officer'],
  });
});
afterAll(() => t.close());

describe('narrative blocks', () => {
  it('keep Japanese text exactly: CRLF and LF, spaces, full-width characters, markup as text', async () => {
    const text = '評価：\r\n　概ね適切に実施された。\n\n  <b>太字</b> & "引用" \t終わり\r\n';
    const res = await office.client.put(url(2025, '/narratives/summary.evaluation'), { body: text });
    expect(res.statusCode, res.body).toBe(200);
    const got = (await office.client.get(url(2025))).json();
    const n = got.narratives.find((x: { key: string }) => x.key === 'summary.evaluation');
    expect(n).toMatchObject({ text, version: 1, authorName: '統括 太郎' });
    const block = blocksOf(got.doc as ReportDoc, 'narrative').find((b) => b.key === 'summary.evaluation');
    expect(block?.text).toBe(text);
  });

  it('every save is a new version; the history lists all of them, newest first', async () => {
    for (const body of ['第1版', '第2版', '第3版']) {
      expect((await office.client.put(url(2025, '/narratives/summary.goals'), { body })).statusCode).toBe(
        200,
      );
    }
    const hist = (await ciso.client.get(url(2025, '/narratives/summary.goals/history'))).json();
    expect(hist.map((h: { version: number; text: string }) => [h.version, h.text])).toEqual([
      [3, '第3版'],
      [2, '第2版'],
      [1, '第1版'],
    ]);
  });

  it('refuses control characters, text over 20,000 characters and unknown blocks', async () => {
    expect((await office.client.put(url(2025, '/narratives/other'), { body: 'a\u0000b' })).statusCode).toBe(
      400,
    );
    expect(
      (await office.client.put(url(2025, '/narratives/other'), { body: 'あ'.repeat(20_001) })).statusCode,
    ).toBe(400);
    expect(
      (await office.client.put(url(2025, '/narratives/other'), { body: 'あ'.repeat(20_000) })).statusCode,
    ).toBe(200);
    expect((await office.client.put(url(2025, '/narratives/nonsense'), { body: 'x' })).statusCode).toBe(404);
  });
});

describe('who may do what', () => {
  it('only report.manage held agency-wide edits; staff get 403, a bureau-level office 404, another agency sees only its own', async () => {
    expect((await office.client.put(url(2025, '/facts'), facts)).statusCode).toBe(200);
    expect((await ciso.client.put(url(2025, '/facts'), facts)).statusCode).toBe(403);
    expect((await staff.client.get(url(2025))).statusCode).toBe(403);
    expect((await bureauOffice.client.get(url(2025))).statusCode).toBe(404);
    expect((await bureauOffice.client.put(url(2025, '/facts'), facts)).statusCode).toBe(404);
    const theirs = await stranger.client.get(url(2025));
    expect(theirs.statusCode).toBe(200);
    expect(theirs.json().facts.staffQuota).toBeNull();
    expect((await stranger.client.get(url(2025, '/narratives/summary.goals/history'))).json()).toEqual([]);
  });

  it('a fiscal year outside 2000–2100 is refused', async () => {
    expect((await office.client.get(url(1999))).statusCode).toBe(400);
    expect((await office.client.get(url(2101))).statusCode).toBe(400);
    expect((await office.client.get('/api/v1/reports/annual/20x5')).statusCode).toBe(400);
  });
});

describe('approval', () => {
  it('draft → pending → returned with a comment → pending → approved; approval freezes the document', async () => {
    const fy = 2024;
    await office.client.put(url(fy, '/facts'), facts);
    await office.client.put(url(fy, '/narratives/summary.evaluation'), { body: '承認前の評価' });
    expect((await ciso.client.post(url(fy, '/approve'))).statusCode).toBe(409);
    expect((await office.client.post(url(fy, '/request-approval'))).json().state).toBe('pending_approval');
    // Nothing changes while the CISO looks at it.
    expect(
      (await office.client.put(url(fy, '/narratives/summary.evaluation'), { body: 'x' })).statusCode,
    ).toBe(409);
    expect((await office.client.post(url(fy, '/approve'))).statusCode).toBe(403);
    expect((await ciso.client.post(url(fy, '/return'), { comment: '' })).statusCode).toBe(400);
    const returned = (await ciso.client.post(url(fy, '/return'), { comment: '目標を具体的に' })).json();
    expect(returned).toMatchObject({ state: 'draft', returnComment: '目標を具体的に' });
    await office.client.post(url(fy, '/request-approval'));
    const approved = (await ciso.client.post(url(fy, '/approve'))).json();
    expect(approved).toMatchObject({ state: 'approved', approvedByName: '最高 花子' });
    expect(approved.doc).toMatchObject({ status: 'approved', approvedBy: '最高 花子' });

    // After approval: edits need an explicit reopen; the exports keep coming from the snapshot.
    const edit = await office.client.put(url(fy, '/facts'), { ...facts, staffQuota: 1 });
    expect(edit.statusCode).toBe(409);
    expect(edit.json().detail).toContain('再編集');
    expect((await staff.client.post(url(fy, '/reopen'))).statusCode).toBe(403);
    const reopened = (await office.client.post(url(fy, '/reopen'))).json();
    expect(reopened.state).toBe('draft');
    expect(reopened.doc.status).toBe('draft');

    const [report] = await t.sys.db
      .select({ id: auditEvents.targetId })
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'report.approve'), eq(auditEvents.tenantId, tree.tenant.id)));
    const actions = (
      await t.sys.db.select().from(auditEvents).where(eq(auditEvents.targetId, report!.id!))
    ).map((e) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining(['report.request_approval', 'report.return', 'report.approve', 'report.reopen']),
    );
    const reopen = (
      await t.sys.db.select().from(auditEvents).where(eq(auditEvents.action, 'report.reopen'))
    )[0]!;
    expect(JSON.stringify(reopen.before)).toContain('承認前の評価');
  });

  it('the approved document does not move when the facts behind it would', async () => {
    const fy = 2023;
    await office.client.put(url(fy, '/facts'), facts);
    await office.client.post(url(fy, '/request-approval'));
    const approved = (await ciso.client.post(url(fy, '/approve'))).json();
    const generatedAt = approved.doc.generatedAt;
    await new Promise((r) => setTimeout(r, 5));
    const again = (await staff.client.get(url(fy)).then(() => ciso.client.get(url(fy)))).json();
    expect(again.doc.generatedAt).toBe(generatedAt);
  });
});

describe('the statement to the central body', () => {
  it('is refused with 422 naming the empty items, then sent once all five are written', async () => {
    const fy = 2022;
    await office.client.put(url(fy, '/narratives/statement.education'), { body: '全職員に研修を実施した。' });
    const refused = await office.client.post(url(fy, '/statement'));
    expect(refused.statusCode).toBe(422);
    expect(refused.json().detail).toContain('自己点検・監査の結果');
    expect(refused.json().detail).not.toContain('教育・啓発');
    for (const item of STATEMENT_ITEMS.slice(1)) {
      await office.client.put(url(fy, `/narratives/${item.key}`), {
        body: `${item.ja}について。\n<script>x</script>`,
      });
    }
    expect((await ciso.client.post(url(fy, '/statement'))).statusCode).toBe(403);
    const sent = await office.client.post(url(fy, '/statement'));
    expect(sent.statusCode, sent.body).toBe(201);
    const [sub] = await t.sys.db
      .select()
      .from(submissions)
      .where(eq(submissions.id, sent.json().submissionId));
    expect(sub).toMatchObject({ kind: 'annual.statement', fiscalYear: fy, fromTenantId: tree.tenant.id });
    const payload = AnnualStatement.parse(sub!.payload);
    expect(payload.narrative['statement.education']).toBe('全職員に研修を実施した。');
    expect(payload.narrative['statement.incidents']).toContain('<script>x</script>');
    expect(payload.agencyCode).toBe(tree.tenant.code);
  });
});

describe('exports', () => {
  it('an unknown format is 415; a year with no report and no data is 409; others may not export', async () => {
    expect((await office.client.get(url(2025, '/export?format=odt'))).statusCode).toBe(415);
    expect((await office.client.get(url(2030, '/export?format=html'))).statusCode).toBe(409);
    expect((await staff.client.get(url(2025, '/export?format=html'))).statusCode).toBe(403);
    expect((await stranger.client.get(url(2025, '/export?format=html'))).statusCode).toBe(409);
  });
});
