import { afterAll, beforeAll, expect, it } from 'vitest';
import { Worker } from '../server/jobs/queue.js';
import { JOBS } from '../server/jobs/registry.js';
import {
  type BrowserHarness,
  describeBrowser,
  loginThroughPage,
  startBrowserHarness,
} from '../test/browser.js';
import { buildAgencyTree, buildPerson } from '../test/factories.js';
import { buildOpenCampaign } from '../test/selfcheck.js';

// Long work is watched where it was started: the office sends reminders, sees the job queued, then done
// once a worker has run it, and finds it again on the jobs page.
describeBrowser('watching a job', () => {
  let h: BrowserHarness;
  let tree: Awaited<ReturnType<typeof buildAgencyTree>>;
  let campaignId: string;

  beforeAll(async () => {
    h = await startBrowserHarness();
    tree = await buildAgencyTree(h);
    for (let i = 0; i < 3; i++) await buildPerson(h, { unit: tree.divA1, roles: ['staff'] });
    ({ campaignId } = await buildOpenCampaign(tree.admin.client, { title: '令和8年度 自己点検' }));
  });

  afterAll(async () => {
    await h?.close();
  });

  it('shows the reminder job queued, then done with its count, and lists it on the jobs page', async () => {
    const { page, errors } = await h.newPage();
    await loginThroughPage(page, tree.admin.login);
    await page.getByRole('heading', { name: 'ホーム', level: 1 }).waitFor();
    await page.goto(`/selfcheck/campaigns/${campaignId}/progress`);
    await page.getByRole('button', { name: '督促メールを送信' }).click();
    await page.getByRole('dialog').getByRole('button', { name: '送信する' }).click();
    const result = page.getByTestId('remind-result');
    await result.getByText('督促メールの送信を受け付けました').waitFor();
    const progress = result.getByTestId('job-progress');
    await progress.getByText('待機中', { exact: true }).waitFor();
    expect(await progress.textContent()).toContain('自己点検の督促メール');

    await new Worker(h.sys, JOBS).drain();
    await progress.getByText('完了', { exact: true }).waitFor();
    // Every pending member was mailed: the count reads "n / n 件" with n > 0.
    const count = (await progress.textContent())?.match(/(\d+) \/ (\d+) 件/);
    expect(Number(count?.[1])).toBeGreaterThan(0);
    expect(count?.[1]).toBe(count?.[2]);

    await page.goto('/jobs');
    await page.getByRole('heading', { name: '処理状況', level: 1 }).waitFor();
    const row = page.getByTestId('jobs').getByTestId('job-progress').first();
    await row.getByText('完了', { exact: true }).waitFor();
    expect(await row.textContent()).toContain('自己点検の督促メール');
    await page.locator('label', { hasText: '機関全体' }).click();
    await expect.poll(() => page.getByRole('radio', { name: '機関全体' }).isChecked()).toBe(true);
    await row.getByText('完了', { exact: true }).waitFor();
    expect(errors).toEqual([]);
  });
});
