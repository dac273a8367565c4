import { afterAll, beforeAll, expect, it } from 'vitest';
import { Worker } from '../../../server/jobs/queue.js';
import { JOBS } from '../../../server/jobs/registry.js';
import {
  type BrowserHarness,
  describeBrowser,
  loginThroughPage,
  startBrowserHarness,
} from '../../../test/browser.js';
import { buildAgencyTree, buildPerson } from '../../../test/factories.js';
import { buildOpenCampaign } from '../../../test/selfcheck.js';

// A large agency's campaign opens at once; the office watches everyone's questionnaires being created
// and sees the campaign open with them once the job is done.
describeBrowser('opening a campaign whose questionnaires a job creates', () => {
  let h: BrowserHarness;
  let tree: Awaited<ReturnType<typeof buildAgencyTree>>;
  let campaignId: string;

  beforeAll(async () => {
    h = await startBrowserHarness();
    h.config.selfcheck.syncOpenMaxPeople = 0; // this small agency stands in for a large one
    tree = await buildAgencyTree(h);
    for (let i = 0; i < 3; i++) await buildPerson(h, { unit: tree.divA1, account: false });
    ({ campaignId } = await buildOpenCampaign(tree.admin.client, {
      title: '令和8年度 自己点検',
      open: false,
    }));
  });

  afterAll(async () => {
    await h?.close();
  });

  it('shows the progress bar from waiting to done, then the campaign open with its members', async () => {
    const { page, errors } = await h.newPage();
    await loginThroughPage(page, tree.admin.login);
    await page.getByRole('heading', { name: 'ホーム', level: 1 }).waitFor();
    await page.goto(`/selfcheck/campaigns/${campaignId}`);
    await page.getByRole('button', { name: '開始する' }).click();
    await page.getByRole('dialog').getByRole('button', { name: '開始する' }).click();

    const banner = page.getByTestId('members-preparing');
    await banner.getByText('対象者の質問票を作成しています').waitFor();
    const progress = banner.getByTestId('job-progress');
    await progress.getByText('待機中', { exact: true }).waitFor();
    expect(await progress.textContent()).toContain('自己点検の質問票の作成');
    expect(await page.getByTestId('campaign-state').textContent()).toBe('受付中');

    await new Worker(h.sys, JOBS).drain();
    await progress.getByText('完了', { exact: true }).waitFor();
    await banner.getByText('対象者の質問票の作成が完了しました').waitFor();
    // Every person of the agency was gone through: the administrator and three staff, "4 / 4 件".
    const count = (await progress.textContent())?.match(/(\d+) \/ (\d+) 件/);
    expect(count?.slice(1)).toEqual(['4', '4']);
    expect(await page.getByTestId('campaign-state').textContent()).toBe('受付中');
    expect(errors).toEqual([]);
  });
});
