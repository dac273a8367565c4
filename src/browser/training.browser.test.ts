import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  type BrowserHarness,
  describeBrowser,
  loginThroughPage,
  startBrowserHarness,
} from '../test/browser.js';
import { buildAgencyTree, buildPerson, loginAs } from '../test/factories.js';

// Security training as staff take it, on a phone: the office has published a course that is complete only
// at a perfect score (METI, 000 L1333) and assigned it; a staff member reads the pages, takes the test,
// gets one answer wrong — the result says the course is NOT complete and the list agrees — then retakes it
// with every answer right and the course is complete.
const COURSE = '情報セキュリティ基礎研修（ブラウザ試験）';
const QUESTIONS = [
  {
    kind: 'single',
    text: '不審なメールを受け取ったときの対応として正しいものは？',
    choices: [
      { text: '開かずに情報セキュリティ担当へ報告する', correct: true },
      { text: '添付ファイルを開いて内容を確かめる', correct: false },
      { text: '同僚に転送して意見を聞く', correct: false },
    ],
    explanation: '開かずに報告するのが原則です。',
  },
  {
    kind: 'multiple',
    text: '標的型メールの特徴として当てはまるものをすべて選んでください。',
    choices: [
      { text: '開封を急がせる件名', correct: true },
      { text: '差出人の表示名とアドレスが一致しない', correct: true },
      { text: '所属の定例会議の議事録', correct: false },
    ],
    explanation: '件名と差出人をよく確認します。',
  },
  {
    kind: 'single',
    text: 'パスワードの扱いとして正しいものは？',
    choices: [
      { text: '付箋に書いて画面に貼る', correct: false },
      { text: '他人に教えず、使い回さない', correct: true },
    ],
    explanation: 'パスワードは本人だけが知るものです。',
  },
] as const;

describeBrowser('security training', () => {
  let h: BrowserHarness;
  let staffLogin: string;

  beforeAll(async () => {
    h = await startBrowserHarness();
    const tree = await buildAgencyTree(h);
    const staff = await buildPerson(h, { unit: tree.divA1, name: '山田 一郎', roles: ['staff'] });
    staffLogin = staff.login;
    // The security office (training.manage) writes, publishes and assigns the course through the API.
    const office = await loginAs(h, { unit: tree.root, roles: ['chief_security_officer', 'staff'] });
    const c = office.client;
    const created = await c.post('/api/v1/training/courses', {
      title: COURSE,
      description: '全職員が年に一度受講する研修です。',
      perfectScoreRequired: true,
      shuffle: true,
    });
    expect(created.statusCode, created.body).toBe(201);
    const courseId = created.json().id as string;
    const content = await c.request({
      method: 'PUT',
      url: `/api/v1/training/courses/${courseId}/content`,
      payload: {
        pages: [
          {
            title: '標的型メールとは',
            body: '# 標的型メール\n\n特定の組織を狙って送られる**攻撃メール**です。',
            videos: [],
          },
          {
            title: '受け取ったら',
            body: '- 開かない\n- 報告する\n\n<script>window.__xss = 1</script>',
            videos: [{ title: '解説動画', url: 'https://video.example.go.jp/targeted-mail' }],
          },
        ],
        questions: QUESTIONS,
      },
    });
    expect(content.statusCode, content.body).toBe(200);
    const published = await c.post(`/api/v1/training/courses/${courseId}/transition`, { to: 'published' });
    expect(published.statusCode, published.body).toBe(200);
    const assigned = await c.post(`/api/v1/training/courses/${courseId}/assignments`, {
      personIds: [staff.person.id],
      dueOn: '2099-03-31',
    });
    expect(assigned.statusCode, assigned.body).toBe(200);
    expect(assigned.json().assigned).toBe(1);
  });

  afterAll(async () => {
    await h?.close();
  });

  /** Answers every served question: all right, or with the given question answered wrongly. */
  async function answer(p: Page, wrong: number | null) {
    const questions = p.getByTestId('tr-question');
    await expect.poll(() => questions.count()).toBe(QUESTIONS.length);
    for (const [i, q] of QUESTIONS.entries()) {
      const box = questions.filter({ hasText: q.text });
      for (const ch of q.choices) {
        const pick = i === wrong ? !ch.correct : ch.correct;
        if (!pick) continue;
        if (q.kind === 'single') {
          // By keyboard: focus the choice and press Space.
          await box.getByRole('radio', { name: ch.text }).focus();
          await p.keyboard.press('Space');
          expect(await box.getByRole('radio', { name: ch.text }).isChecked()).toBe(true);
          if (i === wrong) break;
        } else await box.getByRole('checkbox', { name: ch.text }).check();
      }
    }
  }

  it('is read, failed short of a perfect score (not complete), retaken and completed', async () => {
    const { page: p, errors } = await h.newPage();
    await p.setViewportSize({ width: 375, height: 812 });
    await loginThroughPage(p, staffLogin);
    await expect.poll(() => p.getByTestId('tr-card-open').textContent()).toBe('研修: 未修了 1 件');

    // My training (the navigation is behind the menu button on a phone).
    await p.getByRole('button', { name: 'メニューを開閉' }).click();
    await p.getByRole('navigation').getByRole('link', { name: '研修', exact: true }).click();
    const card = p.getByTestId('tr-assignment').filter({ hasText: COURSE });
    expect(await card.getByTestId('tr-status').textContent()).toBe('未受講');
    await card.getByText('このコースは確認テストで満点を取ると修了になります。').waitFor();
    await card.getByRole('link', { name: `受講を始める：${COURSE}` }).click();

    // The pages: Markdown rendered, raw HTML never; page position and progress.
    await p.getByRole('heading', { name: '標的型メール', exact: true, level: 3 }).waitFor();
    expect(await p.getByTestId('tr-page-position').textContent()).toBe('1 / 2 ページ');
    await p.getByRole('button', { name: '次のページ' }).click();
    await p.getByRole('heading', { name: '受け取ったら' }).waitFor();
    expect(await p.getByTestId('tr-page-position').textContent()).toBe('2 / 2 ページ');
    await p.getByRole('link', { name: '解説動画' }).waitFor();
    expect(await p.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(await p.locator('main script').count()).toBe(0);
    await p.getByRole('link', { name: '確認テストへ' }).click();

    // First attempt: one single-choice question answered wrongly.
    await p.getByText('全問正解（満点）で修了になります。', { exact: false }).waitFor();
    await p.getByRole('button', { name: 'テストを始める' }).click();
    await answer(p, 2);
    await p.getByRole('button', { name: '解答を提出' }).click();
    const result = p.getByTestId('tr-result');
    await result.getByText('満点ではないため、まだ修了していません').waitFor();
    expect(await result.getAttribute('data-verdict')).toBe('notPerfect');
    expect(await p.getByTestId('tr-score').textContent()).toContain('3 問中 2 問正解');
    const wrongOnes = p.locator('[data-testid="tr-result-question"][data-right="false"]');
    expect(await wrongOnes.count()).toBe(1);
    await wrongOnes.getByText('不正解').waitFor();
    await wrongOnes.getByText('パスワードは本人だけが知るものです。').waitFor();
    await wrongOnes.getByText('付箋に書いて画面に貼る').waitFor();

    // The list agrees: still not complete.
    await p.getByRole('link', { name: '受講する研修へ戻る' }).click();
    const again = p.getByTestId('tr-assignment').filter({ hasText: COURSE });
    await expect.poll(() => again.getByTestId('tr-status').textContent()).toBe('受講中');
    expect(await p.getByRole('heading', { name: '修了した研修' }).count()).toBe(0);

    // Retake with every answer right.
    await again.getByRole('link', { name: `受講を続ける：${COURSE}` }).click();
    await p.getByRole('button', { name: '次のページ' }).click();
    await p.getByRole('link', { name: '確認テストへ' }).click();
    await p.getByRole('button', { name: 'テストを始める' }).click();
    await answer(p, null);
    await p.getByRole('button', { name: '解答を提出' }).click();
    await result.getByText('合格：この研修を修了しました').waitFor();
    expect(await p.getByTestId('tr-score').textContent()).toContain('3 問中 3 問正解');
    expect(await p.locator('[data-testid="tr-result-question"][data-right="false"]').count()).toBe(0);

    await p.getByRole('link', { name: '受講する研修へ戻る' }).click();
    await p.getByRole('heading', { name: '修了した研修' }).waitFor();
    const done = p.getByTestId('tr-assignment').filter({ hasText: COURSE });
    expect(await done.getByTestId('tr-status').textContent()).toBe('修了');

    // Both attempts are in the history.
    await done.getByRole('link', { name: '受験履歴（2 回）' }).click();
    const rows = p.getByTestId('tr-history').locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(2);
    expect((await rows.allTextContents()).join(' ')).toMatch(/合格.*不合格|不合格.*合格/);

    // Nothing overflows the phone's width.
    expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    expect(errors).toEqual([]);
  });

  // The page a drill recipient reaches from the lure is public: no login, outside the signed-in shell, and an
  // unknown token looks the same as a real one (the server answers the same way).
  it('shows the drill landing page without login, the same for an unknown token', async () => {
    const { page: p, errors } = await h.newPage();
    await p.setViewportSize({ width: 375, height: 812 });
    await p.goto('/drill/not-a-real-token');
    await p.getByTestId('drill-landing-headline').getByText('これは標的型メール訓練です').waitFor();
    await p.getByRole('heading', { name: '不審なメールを見分けるポイント' }).waitFor();
    expect(new URL(p.url()).pathname).toBe('/drill/not-a-real-token');
    expect(await p.getByRole('navigation').count()).toBe(0);
    // The same page in English.
    await p.getByText('English', { exact: true }).click();
    await p.getByTestId('drill-landing-headline').getByText('This is a targeted-email drill').waitFor();
    await p.getByRole('heading', { name: 'How to spot suspicious mail' }).waitFor();
    expect(errors).toEqual([]);
  });
});
