import { afterAll, beforeAll, expect, it } from 'vitest';
import { fiscalYearOf } from '../lib/dates.js';
import { formatPercent } from '../lib/percent.js';
import { submitToCentral } from '../modules/central/service.js';
import { buildStatement, type StatementFigures } from '../modules/central/statement.fixtures.js';
import {
  type BrowserHarness,
  describeBrowser,
  loginThroughPage,
  startBrowserHarness,
} from '../test/browser.js';
import { buildAgency, buildAgencyTree, buildPerson } from '../test/factories.js';

// Issue #11 items 2-3: a ministry forwards its 独法's statement to the central body (001 L15064-15078); the
// central analyst's 全国集計 shows the government mean as the unweighted mean of the agencies' latest
// statements (001 L2859), the 独法 "via" its ministry.
type Tree = Awaited<ReturnType<typeof buildAgencyTree>>;

describeBrowser('the central body reads the national tables', () => {
  const FY = fiscalYearOf(new Date());
  let h: BrowserHarness;
  let analystLogin: string;
  let chiefLogin: string;
  let ministry: Tree;
  let iaa: Tree;
  const submit = (tree: Tree, f: StatementFigures) =>
    h.sys.db.transaction((tx) =>
      submitToCentral(tx, h.sys, {
        fromTenantId: tree.tenant.id,
        kind: 'annual.statement',
        fiscalYear: FY,
        title: `${FY}年度 報告`,
        payload: buildStatement(tree.tenant, FY, f),
      }),
    );

  beforeAll(async () => {
    h = await startBrowserHarness();
    const central = await buildAgency(h, { kind: 'central', code: 'nisc-b', nameJa: '中央機関' });
    analystLogin = (await buildPerson(h, { unit: central.root, roles: ['central_analyst'] })).login;
    ministry = await buildAgencyTree(h, { parent: central.tenant });
    const other = await buildAgencyTree(h, { parent: central.tenant });
    iaa = await buildAgencyTree(h, { parent: ministry.tenant });
    chiefLogin = (await buildPerson(h, { unit: ministry.root, roles: ['chief_security_officer'] })).login;
    await submit(ministry, { coverage: 0.9, nisc: 0.8123, attainment100: 0.5 });
    await submit(other, { coverage: 0.7, nisc: 0.6, attainment100: 0.3 });
    await submit(iaa, { coverage: 1, nisc: 0.4444, attainment100: 0.2 });
  });

  afterAll(async () => {
    await h?.close();
  });

  it('the ministry forwards its 独法’s statement, after confirming, and sees when it did', async () => {
    const { page, errors } = await h.newPage();
    await loginThroughPage(page, chiefLogin);
    await page.getByRole('link', { name: '中央機関への提出' }).first().click();
    await page.getByRole('heading', { name: '中央機関への提出', level: 1 }).waitFor();
    const inbox = page.getByTestId('subsidiary-submissions');
    await inbox.getByText(iaa.tenant.nameJa).waitFor();
    await inbox.getByRole('button', { name: '転送' }).click();
    const dialog = page.getByRole('dialog', { name: '中央機関へ転送' });
    await dialog.getByRole('button', { name: '転送' }).click();
    await inbox.getByText('転送済み').waitFor();
    expect(await inbox.getByRole('button', { name: '転送' }).count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it('the analyst sees the unweighted government mean of exactly the latest statements', async () => {
    const { page, errors } = await h.newPage();
    await loginThroughPage(page, analystLogin);
    await page.getByRole('link', { name: '全国集計' }).first().click();
    await page.getByRole('heading', { name: '全国集計', level: 1 }).waitFor();
    const table = page.getByTestId('national-selfcheck');
    await table.waitFor();
    // Three agencies (the 独法 counts once its ministry forwarded it, in the journey above), each counted
    // once whatever its headcount; the 独法 listed via its ministry.
    const mean = (0.8123 + 0.6 + 0.4444) / 3;
    const foot = page.getByTestId('national-selfcheck-foot');
    await expect.poll(() => foot.locator('[data-col="nisc"]').textContent()).toBe(formatPercent(mean, 'ja'));
    expect(await foot.locator('[data-col="coverage"]').textContent()).toBe(
      formatPercent((0.9 + 0.7 + 1) / 3, 'ja'),
    );
    expect(await foot.getByRole('rowheader').textContent()).toContain('3 府省庁');
    await table.getByText(`${ministry.tenant.nameJa} 経由`).waitFor();
    // The export links ask the API for the same fiscal year.
    const word = page.getByRole('link', { name: 'Word' });
    expect(await word.getAttribute('href')).toContain(`fiscalYear=${FY}&format=docx`);
    expect(errors).toEqual([]);
  });

  it('the analyst opens a submission’s figures and designates a common item the agencies then see', async () => {
    const { page, errors } = await h.newPage();
    await loginThroughPage(page, analystLogin);
    await page.getByRole('link', { name: '提出一覧' }).first().click();
    const list = page.getByTestId('central-submissions');
    await list.waitFor();
    // The 独法's own submission went to its ministry; only the forwarded copy, via the ministry, is here.
    expect(await list.getByText(`${ministry.tenant.nameJa} 経由`).count()).toBe(1);
    await list
      .getByRole('button', { name: /年度の報告/ })
      .first()
      .click();
    const dialog = page.getByRole('dialog', { name: '提出内容' });
    await dialog.getByText('記述項目（1）〜（5）').waitFor();
    await dialog.getByRole('button').first().click();

    await page.getByRole('link', { name: '共通点検項目' }).first().click();
    await page.getByRole('heading', { name: '共通点検項目', level: 1 }).waitFor();
    await page.getByRole('textbox', { name: '項目番号' }).fill('6.2.4(1)(a)');
    await page.getByRole('textbox', { name: '備考' }).fill('全府省庁で点検');
    await page.getByRole('button', { name: '追加' }).click();
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByText('保存しました。').waitFor();
    expect(errors).toEqual([]);

    const agency = await h.newPage();
    await loginThroughPage(agency.page, chiefLogin);
    await agency.page.goto('/reports/central');
    await agency.page.getByRole('cell', { name: '6.2.4(1)(a)' }).waitFor();
    await agency.page.getByTestId('government-average').waitFor();
    expect(agency.errors).toEqual([]);
  });
});
