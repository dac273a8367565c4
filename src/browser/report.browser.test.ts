import fs from 'node:fs';
import JSZip from 'jszip';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { fiscalYearOf } from '../lib/dates.js';
import {
  type BrowserHarness,
  describeBrowser,
  loginThroughPage,
  startBrowserHarness,
} from '../test/browser.js';
import { buildAgency, buildAgencyTree, buildPerson } from '../test/factories.js';

// Issue #11 "Done when": the office writes the evaluation and asks for approval; the CISO approves the
// annual report and downloads it as Word (000 L60-226: 評価 comes first in the report).
describeBrowser('approving the annual report', () => {
  let h: BrowserHarness;
  let officeLogin: string;
  let cisoLogin: string;
  const evaluation = '今年度は全職員の自己点検を完了した。\n次年度は格付の表示を徹底する。';

  beforeAll(async () => {
    h = await startBrowserHarness();
    await buildAgency(h, { kind: 'central', code: 'nisc' });
    const tree = await buildAgencyTree(h);
    officeLogin = (
      await buildPerson(h, { unit: tree.root, roles: ['chief_security_officer', 'staff'], name: '統括 一郎' })
    ).login;
    cisoLogin = (await buildPerson(h, { unit: tree.root, roles: ['ciso', 'staff'], name: '最高 花子' }))
      .login;
  });

  afterAll(async () => {
    await h?.close();
  });

  it('the office writes the evaluation and asks the CISO; the CISO approves and downloads the .docx', async () => {
    const office = await h.newPage();
    await loginThroughPage(office.page, officeLogin);
    await office.page.getByRole('link', { name: '年次報告' }).first().click();
    await office.page.getByRole('heading', { name: '年次報告', level: 1 }).waitFor();
    await office.page.getByText('作成中', { exact: true }).first().waitFor();
    await office.page.getByRole('textbox', { name: '評価', exact: true }).fill(evaluation);
    await office.page.getByRole('button', { name: '保存（新しい版）' }).first().click();
    await office.page
      .getByText(/第1版（統括 一郎/)
      .first()
      .waitFor();
    await office.page.getByRole('button', { name: '承認を依頼' }).click();
    await office.page.getByRole('dialog').getByRole('button', { name: '承認を依頼' }).click();
    await office.page.getByText('承認待ち', { exact: true }).first().waitFor();
    expect(office.errors).toEqual([]);

    const ciso = await h.newPage();
    await loginThroughPage(ciso.page, cisoLogin);
    await ciso.page.getByRole('link', { name: '年次報告' }).first().click();
    await ciso.page.getByText('承認待ち', { exact: true }).first().waitFor();
    await ciso.page.getByRole('button', { name: '承認', exact: true }).click();
    await ciso.page.getByRole('dialog').getByRole('button', { name: '承認', exact: true }).click();
    await ciso.page.getByText('承認済み', { exact: true }).first().waitFor();
    await ciso.page.getByText(/承認: 最高 花子/).waitFor();

    const [download] = await Promise.all([
      ciso.page.waitForEvent('download'),
      ciso.page.getByRole('link', { name: 'Word', exact: true }).click(),
    ]);
    const fy = fiscalYearOf(new Date());
    expect(download.suggestedFilename()).toMatch(new RegExp(`^annual-report-.+-${fy}\\.docx$`));
    const bytes = fs.readFileSync((await download.path())!);
    expect(bytes.subarray(0, 2).toString()).toBe('PK');
    const xml = await (await JSZip.loadAsync(bytes)).file('word/document.xml')!.async('string');
    for (const line of evaluation.split('\n')) expect(xml).toContain(line);
    expect(ciso.errors).toEqual([]);
  });
});
