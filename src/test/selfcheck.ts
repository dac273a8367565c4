import type { Client } from './app.js';

/** A policy derived from the shipped catalog and an open campaign over the whole agency, made through the API (`open: false`: approved, not yet open). */
export async function buildOpenCampaign(
  admin: Client,
  opts: { title?: string; fiscalYear?: number; reminderEveryDays?: number | null; open?: boolean } = {},
) {
  const versions = (await admin.get('/api/v1/selfcheck/catalogs')).json().items as {
    id: string;
    shipped: boolean;
  }[];
  const shipped = versions.find((v) => v.shipped);
  if (!shipped) throw new Error('no shipped catalog');
  const policy = await admin.post('/api/v1/selfcheck/policies', {
    name: 'テスト方針',
    catalogVersionId: shipped.id,
  });
  if (policy.statusCode !== 201) throw new Error(`policy: ${policy.body}`);
  const campaign = await admin.post('/api/v1/selfcheck/campaigns', {
    policyId: policy.json().id,
    title: opts.title ?? 'テスト自己点検',
    fiscalYear: opts.fiscalYear ?? 2026,
    startsOn: '2026-11-01',
    endsOn: '2027-03-31',
    reminderEveryDays: opts.reminderEveryDays ?? null,
  });
  if (campaign.statusCode !== 201) throw new Error(`campaign: ${campaign.body}`);
  const id = campaign.json().id as string;
  await approvePlan(admin, id);
  if (opts.open === false) return { campaignId: id, policyId: policy.json().id as string };
  const opened = await admin.post(`/api/v1/selfcheck/campaigns/${id}/transition`, { to: 'open' });
  if (opened.statusCode !== 200) throw new Error(`open: ${opened.body}`);
  return { campaignId: id, policyId: policy.json().id as string };
}

/** A complete plan (003 L531-535) in the NISC reading. */
export const TEST_PLAN = {
  policy: '統一基準の遵守状況を全職員が自ら点検する。',
  scope: '全職員（長期休業者を除く）',
  content: '対策基準の遵守事項（役割別）',
  timing: '11月〜12月',
  evaluation: '把握率・実施率・到達率（NISC の定義）',
  metricDefinition: 'nisc',
} as const;

/** Writes the plan and approves it (the test administrator holds selfcheck.approve, as the catalog gives it). */
export async function approvePlan(client: Client, campaignId: string, plan: object = TEST_PLAN) {
  const put = await client.request({
    method: 'PUT',
    url: `/api/v1/selfcheck/campaigns/${campaignId}/plan`,
    payload: plan,
  });
  if (put.statusCode !== 200) throw new Error(`plan: ${put.body}`);
  const ok = await client.post(`/api/v1/selfcheck/campaigns/${campaignId}/approval`);
  if (ok.statusCode !== 200) throw new Error(`approve: ${ok.body}`);
  return ok.json();
}

/** Answers a person's staff questionnaire: `pick` chooses the option key per item. */
export async function answerAll(
  client: Client,
  campaignId: string,
  pick: (itemId: string, i: number) => string = () => 'implemented',
  submit = true,
) {
  const my = (await client.get('/api/v1/selfcheck/my')).json().items as {
    memberId: string;
    campaignId: string;
    roleKey: string;
  }[];
  const mine = my.filter((q) => q.campaignId === campaignId);
  for (const q of mine) {
    const detail = (await client.get(`/api/v1/selfcheck/questionnaires/${q.memberId}`)).json() as {
      chapters: { items: { itemId: string }[] }[];
    };
    const items = detail.chapters.flatMap((c) => c.items);
    const answers = Object.fromEntries(items.map((it, i) => [it.itemId, pick(it.itemId, i)]));
    const res = await client.request({
      method: 'PUT',
      url: `/api/v1/selfcheck/questionnaires/${q.memberId}/answers`,
      payload: { answers, submit },
    });
    if (res.statusCode !== 200) throw new Error(`answers: ${res.body}`);
  }
  return mine.length;
}

/** The content fields of a catalog item, as a policy change carries them. */
export function pickContent(i: Record<string, unknown>) {
  const { chapterNo, chapterTitle, sectionNo, sectionTitle, title, text, roles, level, tags } = i;
  return { chapterNo, chapterTitle, sectionNo, sectionTitle, title, text, roles, level, tags };
}

/**
 * A policy from the shipped catalog, stricter in two ways: the first staff item tightened (its text
 * ends with 「（許可制）」) and an added staff item 3.9.9(1)(a).
 */
export async function buildStricterPolicy(admin: Client) {
  const versions = (await admin.get('/api/v1/selfcheck/catalogs')).json().items as {
    id: string;
    shipped: boolean;
  }[];
  const catalogVersionId = versions.find((v) => v.shipped)!.id;
  const policyId = (
    await admin.post('/api/v1/selfcheck/policies', { name: '対策基準', catalogVersionId })
  ).json().id as string;
  const detail = (await admin.get(`/api/v1/selfcheck/policies/${policyId}`)).json();
  const staffItem = detail.items.find((i: { roles: string[] }) => i.roles.includes('staff'));
  const change = (payload: object) =>
    admin.request({ method: 'PUT', url: `/api/v1/selfcheck/policies/${policyId}/changes`, payload });
  await change({
    kind: 'tighten',
    itemId: staffItem.itemId,
    reason: '強化',
    content: { ...pickContent(staffItem), text: `${staffItem.text}（許可制）` },
  });
  await change({
    kind: 'add',
    itemId: '3.9.9(1)(a)',
    reason: '追加',
    content: {
      ...pickContent(staffItem),
      title: '機密性4情報の通し番号',
      text: '機密性4情報には通し番号を付す。',
    },
  });
  return { policyId, catalogVersionId };
}
