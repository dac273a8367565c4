import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  type BrowserHarness,
  describeBrowser,
  loginThroughPage,
  startBrowserHarness,
} from '../test/browser.js';
import { buildAgencyTree, buildPerson } from '../test/factories.js';

// An incident as the people concerned take it: a staff member reports it through the form, the CSIRT
// triages it (which starts the Cabinet Office's 13-step flow, 002 L692-778), and the CISO sees it on the
// dashboard with who holds it now. What the reporter typed is shown as text, never as markup.
const WHAT = '<img src=x onerror="window.__xss=1"> 不審な添付ファイルを開いてしまいました';

describeBrowser('incidents', () => {
  let h: BrowserHarness;
  let staffLogin: string;
  let csirtLogin: string;
  let cisoLogin: string;

  beforeAll(async () => {
    h = await startBrowserHarness();
    const tree = await buildAgencyTree(h);
    staffLogin = (await buildPerson(h, { unit: tree.divA1, name: '山田 一郎', roles: ['staff'] })).login;
    await buildPerson(h, { unit: tree.divA1, name: '課長 花子', roles: ['division_security_officer'] });
    csirtLogin = (await buildPerson(h, { unit: tree.root, name: 'CSIRT 太郎', roles: ['csirt'] })).login;
    cisoLogin = (await buildPerson(h, { unit: tree.root, name: '官房長 次郎', roles: ['ciso'] })).login;
  });

  afterAll(async () => {
    await h?.close();
  });

  it('is reported by staff, triaged by the CSIRT and seen by the CISO on the dashboard', async () => {
    // --- Staff report through the signed-in form.
    const staff = await h.newPage();
    let p = staff.page;
    await loginThroughPage(p, staffLogin);
    await p.getByRole('navigation').getByRole('link', { name: '障害・事故等' }).click();
    await p.getByRole('heading', { name: '障害・事故等', level: 1 }).waitFor();
    await p.getByRole('link', { name: '障害・事故等を報告' }).click();
    await p.getByRole('textbox', { name: '発見した事象' }).fill(WHAT);
    await p.getByRole('textbox', { name: '発見した日時' }).fill('本日 9時ごろ');
    await p.getByRole('textbox', { name: '場所・端末・システム' }).fill('第一課の端末');
    await p.getByRole('button', { name: '報告する' }).click();
    // The reporter follows their own case, in the limited view, the text shown as typed.
    await p.getByText('ご自身の報告の受付状況のみ表示しています').waitFor();
    await p.getByText(WHAT).waitFor();
    expect(await p.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(staff.errors).toEqual([]);

    // --- The CSIRT triages it.
    const csirt = await h.newPage();
    p = csirt.page;
    await loginThroughPage(p, csirtLogin);
    await p.getByRole('navigation').getByRole('link', { name: '障害・事故等' }).click();
    await p.getByRole('link', { name: /不審な添付ファイル/ }).click();
    await p.getByRole('heading', { name: 'トリアージ（CSIRT）' }).waitFor();
    await p.getByRole('textbox', { name: '件名' }).fill('標的型メールによる感染の疑い');
    await p.getByRole('combobox', { name: '種別' }).click();
    await p.getByRole('option', { name: '外部からの攻撃' }).click();
    await p.getByRole('combobox', { name: '重大度' }).click();
    await p.getByRole('option', { name: '高', exact: true }).click();
    await p.getByRole('button', { name: 'トリアージして対応を開始' }).click();
    await p.getByRole('heading', { name: '標的型メールによる感染の疑い', level: 1 }).waitFor();
    await p.getByTestId('flow-timeline').getByText('⑬報告（最高情報セキュリティ責任者）').waitFor();
    expect(await p.getByTestId('current-holder').textContent()).toContain('課長 花子');
    // An attack from outside must be reported to NISC (001 L14437-14449).
    await p.getByTestId('duty-to-notify').getByText('NISC').waitFor();
    expect(csirt.errors).toEqual([]);

    // --- The CISO sees it on the dashboard, with who holds it now.
    const ciso = await h.newPage();
    p = ciso.page;
    await loginThroughPage(p, cisoLogin);
    await p.getByTestId('incident-card-open').waitFor();
    expect(await p.getByTestId('incident-card-open').textContent()).toBe('1');
    const item = p.getByTestId('incident-card-item');
    await item.getByText('標的型メールによる感染の疑い').waitFor();
    expect(await item.textContent()).toContain('課長 花子');
    expect(ciso.errors).toEqual([]);
  });
});
