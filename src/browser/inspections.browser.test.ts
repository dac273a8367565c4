import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildHost, buildProbeRun, buildSystem, tlsResult } from '../modules/systems/inspection.fixtures.js';
import {
  type BrowserHarness,
  describeBrowser,
  loginThroughPage,
  startBrowserHarness,
} from '../test/browser.js';
import { buildAgencyTree, buildPerson } from '../test/factories.js';

// A focused inspection (重点検査) as an owner answers it: the security office opened a round over the public
// web servers; Mamoru's TLS probe had already measured the host (SSLv2 off, no weak suites), so those two
// items arrive filled in and marked 計測済み. The system's 情報システムセキュリティ責任者 answers the other
// six — one DoS item not in place — and submits: 7 of 8 met is 87.5 %, grade B (80 ≤ x < 100, 000 L1153).
// The office's grade table then shows B for the host and its division.
const HOST = 'www.example.go.jp';
const ROUND = '令和8年度 重点検査（ブラウザ試験）';

describeBrowser('focused inspection', () => {
  let h: BrowserHarness;
  let ownerLogin: string;
  let adminLogin: string;
  let roundId: string;

  beforeAll(async () => {
    h = await startBrowserHarness();
    const tree = await buildAgencyTree(h);
    adminLogin = tree.admin.login;
    const owner = await buildPerson(h, { unit: tree.divA1, name: '佐藤 花子', roles: ['staff'] });
    ownerLogin = owner.login;
    const system = await buildSystem(h, {
      unit: tree.divA1,
      officerId: owner.person.id,
      name: '電子申請システム',
    });
    const host = await buildHost(h, system, 'web', HOST);
    await buildProbeRun(h, host, 'tls', tlsResult({ target: `${HOST}:443` }));
    const opened = await tree.admin.client.post('/api/v1/inspections/rounds', {
      name: ROUND,
      referenceDate: '2026-11-01',
      dueOn: '2026-12-25',
      unitIds: [tree.root.id],
      itemSets: [{ role: 'web', ref: 'shipped:web' }],
    });
    expect(opened.statusCode, opened.body).toBe(201);
    roundId = opened.json().id;
  });

  afterAll(async () => {
    await h?.close();
  });

  it('the owner confirms the measured TLS items, answers the rest, and the grade table shows B', async () => {
    const { page: p, errors } = await h.newPage();
    await loginThroughPage(p, ownerLogin);
    // Owners hold no system.* permission: the home page's card is their way in.
    await expect.poll(() => p.getByTestId('inspections-card-open').textContent()).toBe('未提出のホスト 1 件');
    await p.getByRole('link', { name: '回答する' }).click();
    await p.getByRole('heading', { name: '重点検査の回答' }).waitFor();
    await p.getByRole('link', { name: HOST }).click();
    await p.getByRole('heading', { name: `${ROUND}：${HOST}` }).waitFor();

    // The two TLS items come measured and already met; the other six wait for the owner.
    const measured = ['https.sslv2', 'https.weak_ciphers'];
    for (const key of measured) {
      const card = p.getByTestId(`item-${key}`);
      await card.getByText('計測済み').waitFor();
      expect(await card.getByRole('radio', { name: '実施', exact: true }).isChecked()).toBe(true);
    }
    expect(await p.getByText('計測済み', { exact: true }).count()).toBe(2);
    expect(await p.getByTestId('target-tally').textContent()).toBe('実施 2 / 対象 2（該当なし 0、未回答 6）');
    await p.getByTestId('item-https.weak_ciphers').getByText('弱い暗号なし', { exact: false }).waitFor();

    for (const key of ['dos.device_functions', 'dos.impact', 'dos.monitoring', 'update.os', 'update.app']) {
      const card = p.getByTestId(`item-${key}`);
      await card.getByText('実施', { exact: true }).click();
      await card.getByRole('textbox', { name: '根拠' }).fill('運用手順書（令和8年4月改訂）');
    }
    const dos = p.getByTestId('item-dos.procedure');
    await dos.getByText('未実施', { exact: true }).click();
    await dos.getByRole('textbox', { name: '根拠' }).fill('連絡体制を整備中');

    await p.getByRole('button', { name: '提出', exact: true }).click();
    const dialog = p.getByRole('dialog', { name: '回答を提出しますか' });
    await dialog.getByRole('button', { name: '提出' }).click();
    await p.getByText('提出済み', { exact: false }).first().waitFor();
    await expect
      .poll(() => p.getByTestId('target-tally').textContent())
      .toBe('実施 7 / 対象 8（該当なし 0、未回答 0）');
    expect(await p.locator('[data-grade]').first().textContent()).toBe('B');
    expect(errors).toEqual([]);

    // The security office reads the grade table.
    const office = await h.newPage();
    await loginThroughPage(office.page, adminLogin);
    await office.page.goto(`/inspections/${roundId}`);
    await office.page.getByRole('heading', { name: ROUND }).waitFor();
    await expect
      .poll(() => office.page.getByTestId('round-progress').textContent())
      .toBe('1 / 1 ホスト回答済み');
    const row = office.page.getByTestId('grades-hosts').locator('tbody tr').filter({ hasText: HOST });
    await expect.poll(() => row.locator('[data-grade]').textContent()).toBe('B');
    expect(await row.textContent()).toContain('87.5%');
    expect(await row.textContent()).toContain('7 / 8');
    const division = office.page.getByTestId('grades-divisions').locator('tbody tr').first();
    expect(await division.locator('[data-grade]').textContent()).toBe('B');
    await office.page
      .getByText('概ね全ての項目で統一基準に準拠した対策が実施されているが', { exact: false })
      .waitFor();
    expect(office.errors).toEqual([]);
  });
});
