import { eq } from 'drizzle-orm';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { drillRecipients } from '../modules/drills/schema.js';
import { drillBody } from '../modules/drills/test-helpers.js';
import { makeToken, tokenKey } from '../modules/drills/tokens.js';
import { axeViolations, blocking, formatViolations } from '../test/axe.js';
import { type BrowserHarness, describeBrowser, startBrowserHarness } from '../test/browser.js';
import { buildAgencyTree, buildPerson, PASSWORD } from '../test/factories.js';
import { buildOpenCampaign } from '../test/selfcheck.js';

// The pages staff meet (issue #13 item 8): the self-check questionnaire, the course player and its test,
// the drill landing page and the incident report form pass axe-core (WCAG 2.1 A/AA and best practices)
// with no serious or critical violations, and each journey is done with the keyboard alone.
const COURSE = 'アクセシビリティ確認研修';
// Keyboard journeys press a few hundred keys: more time than a click-through on a busy CI machine.
const JOURNEY_MS = 120_000;
const QUESTIONS = [
  {
    kind: 'single',
    text: '不審なメールを受け取ったら？',
    choices: [
      { text: '添付ファイルを開いて確かめる', correct: false },
      { text: '開かずに情報セキュリティ担当へ報告する', correct: true },
    ],
    explanation: '開かずに報告します。',
  },
  {
    kind: 'multiple',
    text: '標的型メールの特徴をすべて選んでください。',
    choices: [
      { text: '開封を急がせる件名', correct: true },
      { text: '所属の定例会議の議事録', correct: false },
      { text: '差出人の表示名とアドレスが一致しない', correct: true },
    ],
    explanation: '件名と差出人を確認します。',
  },
] as const;

describeBrowser('accessibility of the staff pages', () => {
  let h: BrowserHarness;
  let staffLogin: string;
  let tenantCode: string;
  let courseId: string;
  let drillToken: string;
  const found: string[] = [];

  beforeAll(async () => {
    h = await startBrowserHarness();
    const tree = await buildAgencyTree(h);
    tenantCode = tree.tenant.code;
    const staff = await buildPerson(h, { unit: tree.divA1, name: '高橋 花子', roles: ['staff'] });
    staffLogin = staff.login;
    const office = tree.admin.client;
    await buildOpenCampaign(office, { title: '令和8年度 自己点検' });

    const created = await office.post('/api/v1/training/courses', {
      title: COURSE,
      description: '',
      perfectScoreRequired: true,
      shuffle: false,
    });
    expect(created.statusCode, created.body).toBe(201);
    courseId = created.json().id;
    const content = await office.request({
      method: 'PUT',
      url: `/api/v1/training/courses/${courseId}/content`,
      payload: {
        pages: [
          { title: '標的型メールとは', body: '特定の組織を狙う**攻撃メール**です。', videos: [] },
          { title: '受け取ったら', body: '- 開かない\n- 報告する', videos: [] },
        ],
        questions: QUESTIONS,
      },
    });
    expect(content.statusCode, content.body).toBe(200);
    const published = await office.post(`/api/v1/training/courses/${courseId}/transition`, {
      to: 'published',
    });
    expect(published.statusCode, published.body).toBe(200);
    const assigned = await office.post(`/api/v1/training/courses/${courseId}/assignments`, {
      personIds: [staff.person.id],
      dueOn: '2099-03-31',
    });
    expect(assigned.statusCode, assigned.body).toBe(200);

    // A scheduled drill (never sent: jobs are off) gives the staff member a genuine landing token.
    const drill = await office.post('/api/v1/drills', drillBody({ targetUnitIds: [tree.divA1.id] }));
    expect(drill.statusCode, drill.body).toBe(201);
    const scheduled = await office.post(`/api/v1/drills/${drill.json().id}/schedule`);
    expect(scheduled.statusCode, scheduled.body).toBe(200);
    const [recipient] = await h.sys.db
      .select({ id: drillRecipients.id })
      .from(drillRecipients)
      .where(eq(drillRecipients.personId, staff.person.id));
    drillToken = makeToken(tokenKey(h.env.secretKey), recipient!.id);
  });

  afterAll(async () => {
    if (found.length) console.log(`axe findings below serious:\n${found.join('\n')}`);
    await h?.close();
  });

  /** Runs axe: fails on serious or critical violations, keeps the rest for the test output. */
  async function expectAccessible(p: Page, name: string) {
    const violations = await axeViolations(p);
    const minor = violations.filter((v) => !blocking([v]).length);
    if (minor.length) found.push(`— ${name}\n${formatViolations(minor)}`);
    // Soft: one run lists every page's violations, not only the first page's.
    expect.soft(formatViolations(blocking(violations)), name).toBe('(none)');
  }

  /** Presses Tab (or Shift+Tab) until the target has focus; fails if it is not reached. */
  async function tabTo(p: Page, target: Locator, { back = false, max = 200 } = {}) {
    // Attached, not visible: custom radios and switches hide their native input behind a drawn one.
    await target.waitFor({ state: 'attached' });
    for (let i = 0; i < max; i++) {
      if (await target.evaluate((el) => el === document.activeElement)) return;
      await p.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    }
    throw new Error(`not reached by ${back ? 'Shift+Tab' : 'Tab'}: ${target}`);
  }

  /**
   * The focused element, a box around it or its label (custom radios draw the ring there) shows a focus
   * ring: an outline or a shadow, on something that is itself visible (a hidden input's ring is not).
   */
  async function expectVisibleFocus(p: Page) {
    const ring = await p.evaluate(() => {
      const active = document.activeElement;
      if (!active) return 'nothing';
      const candidates: Element[] = [...((active as HTMLInputElement).labels ?? [])];
      for (let el: Element | null = active, d = 0; el && d < 3; el = el.parentElement, d++)
        candidates.push(el);
      const shows = (el: Element) => {
        const s = getComputedStyle(el);
        const box = el.getBoundingClientRect();
        if (box.width < 2 || box.height < 2 || s.opacity === '0' || s.visibility === 'hidden') return false;
        return (s.outlineStyle !== 'none' && Number.parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none';
      };
      return candidates.some(shows)
        ? null
        : `${active.tagName.toLowerCase()} ${active.textContent?.trim().slice(0, 30) ?? ''}`;
    });
    expect(ring, `no visible focus indicator on ${ring}`).toBeNull();
  }

  /** Signs in with the keyboard only. */
  async function keyboardLogin(p: Page) {
    await p.goto('/login');
    await tabTo(p, p.getByRole('textbox', { name: 'ログインID' }));
    await p.keyboard.type(staffLogin);
    await tabTo(p, p.getByRole('textbox', { name: 'パスワード', exact: true }));
    await p.keyboard.type(PASSWORD);
    await p.keyboard.press('Enter');
    await p.getByRole('navigation').waitFor();
  }

  it(
    'the questionnaire passes axe (ja and en) and is answered and submitted by keyboard',
    async () => {
      const { page: p, errors } = await h.newPage();
      await keyboardLogin(p);
      await p.goto('/selfcheck/my');
      const start = p.getByRole('link', { name: /^回答を始める/ });
      await tabTo(p, start);
      await expectVisibleFocus(p);
      await p.keyboard.press('Enter');
      const groups = p.getByRole('main').getByRole('radiogroup');
      await groups.first().waitFor();
      expect(await groups.count()).toBe(28);
      await expectAccessible(p, 'questionnaire (ja)');
      expect(await p.evaluate(() => document.documentElement.lang)).toBe('ja');

      // On a fresh load the skip link is the first stop and moves focus past the header and navigation.
      await p.reload();
      await groups.first().waitFor();
      expect(await groups.count()).toBe(28);
      await p.keyboard.press('Tab');
      const skip = p.getByRole('link', { name: '本文へ移動' });
      expect(await skip.evaluate((el) => el === document.activeElement)).toBe(true);
      await expectVisibleFocus(p);
      await p.keyboard.press('Enter');
      expect(await p.evaluate(() => document.activeElement?.id)).toBe('main');

      // Each item: Tab into its group and Space on the first option; the second by arrow to 一部未実施.
      for (let i = 0; i < 28; i++) {
        await tabTo(p, groups.nth(i).getByRole('radio').first());
        if (i === 0) await expectVisibleFocus(p);
        await p.keyboard.press('Space');
        if (i === 1) await p.keyboard.press('ArrowDown');
      }
      expect(await groups.nth(1).getByRole('radio', { name: '一部未実施' }).isChecked()).toBe(true);
      await p.getByTestId('save-status').filter({ hasText: '保存済み' }).waitFor();
      const submit = p.getByRole('button', { name: '提出' });
      await tabTo(p, submit, { back: true });
      await expectVisibleFocus(p);
      await p.keyboard.press('Enter');
      await p.getByTestId('submit-confirmation').getByText('提出しました', { exact: true }).waitFor();
      await expectAccessible(p, 'questionnaire submitted (ja)');

      // The same page in English, reached by the language switch.
      await tabTo(p, p.getByRole('banner').getByRole('radio', { name: '日本語' }), { back: true });
      await expectVisibleFocus(p);
      await p.keyboard.press('ArrowRight');
      await p.getByTestId('submit-confirmation').getByText('Submitted', { exact: true }).waitFor();
      expect(await p.evaluate(() => document.documentElement.lang)).toBe('en');
      await expectAccessible(p, 'questionnaire (en)');
      // Back to Japanese: the switch is also the person's saved language, which the next tests sign in with.
      const saved = p.waitForResponse(
        (r) => r.url().endsWith('/api/v1/me') && r.request().method() === 'PATCH',
      );
      await p.keyboard.press('ArrowLeft');
      expect((await saved).status()).toBe(200);
      expect(await p.evaluate(() => document.documentElement.lang)).toBe('ja');
      expect(errors).toEqual([]);
    },
    JOURNEY_MS,
  );

  it(
    'the course player and its test pass axe and are taken to completion by keyboard',
    async () => {
      const { page: p, errors } = await h.newPage();
      await keyboardLogin(p);
      await p.goto('/training/my');
      await tabTo(p, p.getByRole('link', { name: `受講を始める：${COURSE}` }));
      await p.keyboard.press('Enter');
      await p.getByRole('heading', { name: '標的型メールとは' }).waitFor();
      await expectAccessible(p, 'course player');

      await tabTo(p, p.getByRole('button', { name: '次のページ' }));
      await expectVisibleFocus(p);
      await p.keyboard.press('Enter');
      // Focus moves to the new page's title, so reading starts there.
      await expect.poll(() => p.evaluate(() => document.activeElement?.textContent)).toBe('受け取ったら');
      await tabTo(p, p.getByRole('link', { name: '確認テストへ' }));
      await p.keyboard.press('Enter');
      const begin = p.getByRole('button', { name: 'テストを始める' });
      await tabTo(p, begin);
      await p.keyboard.press('Enter');
      const questions = p.getByTestId('tr-question');
      await expect.poll(() => questions.count()).toBe(QUESTIONS.length);
      await expectAccessible(p, 'test');

      for (const q of QUESTIONS) {
        const box = questions.filter({ hasText: q.text });
        if (q.kind === 'single') {
          // One tab stop for the group; arrows move the choice.
          await tabTo(p, box.getByRole('radio').first());
          await expectVisibleFocus(p);
          await p.keyboard.press('Space');
          const right = box.getByRole('radio', { name: q.choices.find((c) => c.correct)!.text });
          for (let i = 0; i < q.choices.length && !(await right.isChecked()); i++)
            await p.keyboard.press('ArrowDown');
          expect(await right.isChecked()).toBe(true);
        } else {
          for (const c of q.choices.filter((x) => x.correct)) {
            await tabTo(p, box.getByRole('checkbox', { name: c.text }));
            await expectVisibleFocus(p);
            await p.keyboard.press('Space');
          }
        }
      }
      await tabTo(p, p.getByRole('button', { name: '解答を提出' }));
      await p.keyboard.press('Enter');
      await p.getByTestId('tr-result').getByText('合格：この研修を修了しました').waitFor();
      await expectAccessible(p, 'test result');
      expect(errors).toEqual([]);
    },
    JOURNEY_MS,
  );

  it(
    'the drill landing page passes axe, and its survey is answered by keyboard',
    async () => {
      const { page: p, errors } = await h.newPage();
      await p.goto(`/drill/${drillToken}`);
      await p.getByTestId('drill-landing-headline').getByText('これは標的型メール訓練です').waitFor();
      await p.getByRole('radiogroup', { name: 'なぜ開きましたか' }).waitFor();
      expect(await p.title()).not.toBe('');
      await expectAccessible(p, 'drill landing');
      await tabTo(p, p.getByRole('radio', { name: '業務に関係すると思った' }));
      await expectVisibleFocus(p);
      await p.keyboard.press('Space');
      await tabTo(p, p.getByRole('button', { name: '回答を送信' }));
      await p.keyboard.press('Enter');
      await p.getByTestId('drill-survey-thanks').waitFor();
      await expectAccessible(p, 'drill landing, survey sent');

      // The plain page the report link answers with (served by the API, not the web app).
      await p.goto(`/api/v1/t/r/${drillToken}`);
      await p.getByText('不審なメールの報告を受け付けました', { exact: false }).waitFor();
      await expectAccessible(p, 'drill report receipt');
      expect(errors).toEqual([]);
    },
    JOURNEY_MS,
  );

  it(
    'the incident report forms pass axe and the signed-in one is sent by keyboard',
    async () => {
      const { page: p, errors } = await h.newPage();
      await p.goto(`/report/${tenantCode}`);
      await p.getByRole('textbox', { name: '発見した事象' }).waitFor();
      await expectAccessible(p, 'public report form');

      await keyboardLogin(p);
      await p.goto('/incidents/report');
      const what = p.getByRole('textbox', { name: '発見した事象' });
      await what.waitFor();
      await expectAccessible(p, 'signed-in report form');
      await tabTo(p, what);
      await expectVisibleFocus(p);
      await p.keyboard.type('不審な添付ファイルを開いてしまいました');
      await tabTo(p, p.getByRole('textbox', { name: '発見した日時' }));
      await p.keyboard.type('本日 9時ごろ');
      await tabTo(p, p.getByRole('button', { name: '報告する' }));
      await expectVisibleFocus(p);
      await p.keyboard.press('Enter');
      await p.getByText('ご自身の報告の受付状況のみ表示しています').waitFor();
      await expectAccessible(p, 'own incident case');
      expect(errors).toEqual([]);
    },
    JOURNEY_MS,
  );
});
