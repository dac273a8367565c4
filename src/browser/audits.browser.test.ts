import { afterAll, beforeAll, expect, it } from 'vitest';
import { addDays, fiscalYearOf, todayInJapan } from '../lib/dates.js';
import {
  type BrowserHarness,
  describeBrowser,
  loginThroughPage,
  startBrowserHarness,
} from '../test/browser.js';
import { buildAgencyTree, buildPerson, loginAs } from '../test/factories.js';

// Check and act, as people take it: a staff member requests an exception through the form, the bureau's
// 情報セキュリティ責任者 approves it from the register; the audit officer sees last year's open finding
// on this year's board, marked as carried over, and the dashboard card counts it.

describeBrowser('audits and exceptions', () => {
  let h: BrowserHarness;
  let staffLogin: string;
  let headLogin: string;
  let auditorLogin: string;

  beforeAll(async () => {
    h = await startBrowserHarness();
    const tree = await buildAgencyTree(h);
    staffLogin = (await buildPerson(h, { unit: tree.divA1, roles: ['staff'] })).login;
    headLogin = (await buildPerson(h, { unit: tree.bureauA, roles: ['security_officer', 'staff'] })).login;
    const auditor = await loginAs(h, { unit: tree.root, roles: ['audit_officer', 'staff'] });
    auditorLogin = auditor.login;
    // Last year's audit left a finding open.
    const lastYear = fiscalYearOf(new Date()) - 1;
    const plan = await auditor.client.post('/api/v1/secaudit/plans', {
      fiscalYear: lastYear,
      policy: '方針',
      targets: '対象',
      methods: '方法',
      criteria: '基準',
    });
    const engagement = await auditor.client.post('/api/v1/secaudit/engagements', {
      planId: plan.json().id,
      kind: 'procedures_vs_policy',
      title: '第一課の実施手順',
      unitId: tree.divA1.id,
      auditorKind: 'internal',
      auditorName: '監査室',
      independence: '被監査部門から独立',
    });
    const finding = await auditor.client.post('/api/v1/secaudit/findings', {
      engagementId: engagement.json().id,
      clause: '前年度の未完了指摘',
      condition: '手順書が未改訂',
      severity: 'high',
    });
    expect(finding.statusCode).toBe(201);
  });

  afterAll(async () => {
    await h?.close();
  });

  it('an exception is requested through the form and approved by the bureau’s security officer', async () => {
    const staff = await h.newPage();
    await loginThroughPage(staff.page, staffLogin);
    await staff.page.getByRole('navigation').getByRole('link', { name: '例外措置' }).click();
    await staff.page.getByRole('heading', { name: '例外措置', level: 1 }).waitFor();
    await staff.page.getByRole('link', { name: '例外措置を申請' }).click();
    // The form page is loaded lazily: fill it once it has settled, or the first field can be reset.
    await staff.page.getByRole('heading', { name: '例外措置を申請', level: 1 }).waitFor();
    await staff.page.waitForLoadState('networkidle');
    await staff.page.getByRole('textbox', { name: '条項' }).fill('8.1.1(1)(c) 支給以外の端末');
    await staff.page.getByRole('textbox', { name: '理由' }).fill('災害対応の連絡のため');
    await staff.page.getByLabel('開始日').fill(todayInJapan());
    await staff.page.getByLabel('終了日').fill(addDays(todayInJapan(), 20));
    await staff.page.getByRole('textbox', { name: '代替措置' }).fill('MDM に登録する');
    await expect
      .poll(() => staff.page.getByRole('textbox', { name: '条項' }).inputValue())
      .toBe('8.1.1(1)(c) 支給以外の端末');
    await staff.page.getByRole('button', { name: '申請する' }).click();
    await staff.page.getByRole('heading', { name: '8.1.1(1)(c) 支給以外の端末', level: 1 }).waitFor();
    await staff.page.getByText('申請中').first().waitFor();
    const url = staff.page.url();

    const head = await h.newPage();
    await loginThroughPage(head.page, headLogin);
    await head.page.goto(new URL(url).pathname);
    await head.page.getByRole('button', { name: '承認する' }).click();
    await head.page.getByRole('dialog').getByRole('button', { name: '承認する' }).click();
    await head.page.getByText('有効').first().waitFor();
    await head.page.goto('/');
    await head.page.getByTestId('exceptions-expiring').waitFor();
    expect(await head.page.getByTestId('exceptions-expiring').textContent()).toBe('1');
    expect([...staff.errors, ...head.errors]).toEqual([]);
  });

  it('the audit officer sees last year’s open finding carried over on this year’s board and card', async () => {
    const s = await h.newPage();
    await loginThroughPage(s.page, auditorLogin);
    await s.page.getByTestId('findings-carried').waitFor();
    expect(await s.page.getByTestId('findings-carried').textContent()).toBe('1');
    await s.page.getByRole('link', { name: '指摘事項の一覧へ' }).click();
    await s.page.getByRole('heading', { name: '監査指摘事項', level: 1 }).waitFor();
    await s.page.getByRole('link', { name: '前年度の未完了指摘' }).waitFor();
    await s.page.getByTestId('carried-over').waitFor();
    await s.page.getByRole('link', { name: '前年度の未完了指摘' }).click();
    await s.page.getByText(`${fiscalYearOf(new Date()) - 1}年度からの繰越`).waitFor();
    expect(s.errors).toEqual([]);
  });
});
