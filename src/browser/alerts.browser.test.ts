import { afterAll, beforeAll, expect, it } from 'vitest';
import { addDays, todayInJapan } from '../lib/dates.js';
import type { Client } from '../test/app.js';
import {
  type BrowserHarness,
  describeBrowser,
  loginThroughPage,
  startBrowserHarness,
} from '../test/browser.js';
import { buildAgency, buildAgencyTree, buildPerson, loginAs } from '../test/factories.js';

// Issue #11 item 4: the central body publishes an alert to one agency (001 L447-462); the agency's
// handler acknowledges it in the inbox, and the centre's status table shows it (001 L14111-15107).
// The text is shown as written: line breaks kept, markup never run.
const TITLE = '【注意喚起】宅配業者を装った不審メール';
const BODY =
  '添付ファイルは開かないでください。\n<img src=x onerror="window.__xss=1">報告窓口に転送してください。';

describeBrowser('central alerts', () => {
  let h: BrowserHarness;
  let centreLogin: string;
  let handlerLogin: string;
  let agency: { code: string; nameJa: string };
  let other: { code: string; nameJa: string };
  let centreApi: Client;
  let agencyId: string;

  beforeAll(async () => {
    h = await startBrowserHarness();
    const central = await buildAgency(h, {
      kind: 'central',
      code: 'nisc',
      nameJa: '内閣サイバーセキュリティセンター',
    });
    const a = await buildAgencyTree(h);
    const b = await buildAgencyTree(h);
    agency = a.tenant;
    agencyId = a.tenant.id;
    other = b.tenant;
    centreLogin = (
      await buildPerson(h, { unit: central.root, name: '中央 太郎', roles: ['central_analyst'] })
    ).login;
    centreApi = (await loginAs(h, { unit: central.root, roles: ['central_analyst'] })).client;
    handlerLogin = (await buildPerson(h, { unit: a.root, name: 'CSIRT 花子', roles: ['csirt'] })).login;
  });

  afterAll(async () => {
    await h?.close();
  });

  it('is published to one agency, acknowledged in its inbox, and shown as 確認済み to the centre', async () => {
    // --- The centre writes a draft for one chosen agency and publishes it.
    const centre = await h.newPage();
    let p = centre.page;
    await loginThroughPage(p, centreLogin);
    await p.getByRole('navigation').getByRole('link', { name: '注意喚起' }).click();
    await p.getByRole('heading', { name: '注意喚起', level: 1 }).waitFor();
    await p.getByRole('link', { name: '注意喚起を作成' }).click();
    await p.getByRole('textbox', { name: '件名（日本語）' }).fill(TITLE);
    await p.getByRole('textbox', { name: '本文' }).fill(BODY);
    await p.getByRole('radio', { name: '府省庁を選ぶ' }).check();
    await p.getByRole('combobox', { name: '送付先の府省庁' }).click();
    await p.getByRole('option', { name: `${agency.code} ${agency.nameJa}` }).click();
    await p.keyboard.press('Escape');
    await p.getByRole('button', { name: '下書きを保存' }).click();
    await p.getByRole('heading', { name: TITLE, level: 1 }).waitFor();
    await p.getByTestId('alert-status').getByText('下書き').waitFor();
    await p.getByRole('button', { name: '発出する' }).click();
    await p.getByRole('dialog').getByRole('button', { name: '発出する' }).click();
    await p.getByTestId('alert-status').getByText('発出済み').waitFor();
    const row = p.getByTestId(`agency-status-${agency.code}`);
    await row.getByText('未確認').waitFor();
    expect(await p.getByTestId(`agency-status-${other.code}`).count()).toBe(0);
    expect(centre.errors).toEqual([]);

    // --- The agency's handler finds it in the inbox, reads it as written, and acknowledges it.
    const handler = await h.newPage();
    p = handler.page;
    await loginThroughPage(p, handlerLogin);
    await p.getByRole('navigation').getByRole('link', { name: '受信した注意喚起' }).click();
    await p.getByRole('heading', { name: '受信した注意喚起', level: 1 }).waitFor();
    // The filter 未確認 keeps it listed.
    await p
      .locator('label')
      .filter({ hasText: /^未確認$/ })
      .click();
    expect(await p.getByRole('radio', { name: '未確認' }).isChecked()).toBe(true);
    await p.getByRole('link', { name: TITLE }).click();
    await p.getByRole('heading', { name: TITLE, level: 1 }).waitFor();
    const body = p.getByTestId('alert-body');
    expect(await body.innerText()).toBe(BODY);
    expect(await p.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    await p.getByRole('button', { name: '確認しました' }).click();
    await p.getByRole('button', { name: '確認しました' }).waitFor({ state: 'detached' });
    await p.getByText('確認済み', { exact: true }).first().waitFor();
    expect(handler.errors).toEqual([]);

    // --- The centre's status table now shows the acknowledgement.
    p = centre.page;
    await p.reload();
    await p.getByTestId(`agency-status-${agency.code}`).getByText('確認済み').waitFor();
    await p.getByRole('heading', { name: '各府省庁の状況（確認済み 1 / 1）' }).waitFor();
    expect(centre.errors).toEqual([]);
  });

  it('is forwarded by role, released on the portal and reported on; the centre reads the report', async () => {
    const draft = await centreApi.post('/api/v1/central/alerts', {
      kind: 'notice',
      titleJa: '年末年始の対策について',
      body: '休暇前に端末の更新を確認してください。',
      reportRequested: true,
      reportDueOn: addDays(todayInJapan(), 7),
      agencyIds: [agencyId],
    });
    expect(draft.statusCode, draft.body).toBe(201);
    const id = draft.json().id as string;
    expect((await centreApi.post(`/api/v1/central/alerts/${id}/publish`)).statusCode).toBe(200);

    const { page: p, errors } = await h.newPage();
    await loginThroughPage(p, handlerLogin);
    await p.getByRole('navigation').getByRole('link', { name: '受信した注意喚起' }).click();
    await p
      .locator('label')
      .filter({ hasText: /^報告待ち$/ })
      .click();
    await p.getByRole('link', { name: '年末年始の対策について' }).click();
    await p.getByRole('heading', { name: '年末年始の対策について', level: 1 }).waitFor();

    // 展開: no product is named, so the holders of a chosen role receive it, each once.
    await p.getByRole('button', { name: '府省庁内に展開' }).click();
    const dialog = p.getByRole('dialog');
    await dialog.getByText('送付先がいません。役割を選んでください。').waitFor();
    await dialog.getByRole('combobox', { name: '役割を選んで送る' }).click();
    await p.getByRole('option', { name: 'CSIRT 要員' }).click();
    await p.keyboard.press('Escape');
    await dialog.getByTestId('forward-recipients').getByText('CSIRT 花子').waitFor();
    await dialog.getByRole('button', { name: '送付先を確認' }).click();
    await dialog.getByRole('button', { name: '1 名に展開する' }).click();
    await dialog.getByText('展開しました。これまでに展開した人数は 1 名です。').waitFor();
    await dialog.locator('button').filter({ hasText: '閉じる' }).click();

    // ポータルに掲載, until taken down.
    await p.getByRole('button', { name: 'ポータルに掲載' }).click();
    await p.getByRole('dialog').getByRole('button', { name: 'ポータルに掲載' }).click();
    await p.getByText(/から掲載中/).waitFor();

    // 対応報告, closing the handling.
    await p.getByRole('textbox', { name: '対応内容' }).fill('全端末の更新を確認しました。\n未更新 0 台。');
    await p.getByRole('button', { name: '報告する' }).click();
    await p.getByRole('dialog').getByRole('button', { name: '報告する' }).click();
    await p.getByRole('textbox', { name: '対応内容' }).waitFor({ state: 'detached' });
    await p.getByText('対応完了').first().waitFor();
    expect(errors).toEqual([]);

    // The centre sees the forwarding, the release and the report.
    const centre = await h.newPage();
    await loginThroughPage(centre.page, centreLogin);
    await centre.page.goto(`/central/alerts/${id}`);
    const row = centre.page.getByTestId(`agency-status-${agency.code}`);
    await row.getByText('対応完了').waitFor();
    await row.getByText('1 名').waitFor();
    expect(await row.getByText(/全端末の更新を確認しました。/).innerText()).toBe(
      '全端末の更新を確認しました。\n未更新 0 台。',
    );
    expect(centre.errors).toEqual([]);
  });
});
