import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import { rowsOf } from '../../db/client.js';
import { type Cell, type Sheet, writeWorkbook, XLSX_TYPE } from '../../lib/export.js';
import { mergeTargets } from '../../lib/small-groups.js';
import type { ActorCtx } from '../../server/context.js';
import { authorize, canTenantWide } from '../../server/policy.js';
import { loadDrill } from './drill-service.js';
import {
  bucketAggregates,
  compareDrills,
  getResults,
  group,
  perRecipient,
  requireIndividualAccess,
  resultsScope,
  smallGroupPolicy,
  unitBuckets,
} from './results-service.js';
import type { GroupResult, RecipientsQuery } from './validation.js';

interface PerRow {
  id: number | string;
  person_id: string;
  name: string;
  email: string;
  unit_id: string;
  unit_name: string;
  role_keys: string[];
  state: string;
  sent_at: string | Date | null;
  error: string | null;
  follow_up_at: string | Date | null;
  open_ppl: string | Date | null;
  click_ppl: string | Date | null;
  att_ppl: string | Date | null;
  report_ppl: string | Date | null;
  survey_ppl: string | Date | null;
  flagged: number;
  total: number;
}

const isoOf = (v: string | Date | null) => (v === null ? null : new Date(v).toISOString());
const earliest = (a: string | Date | null, b: string | Date | null) =>
  a === null ? b : b === null ? a : new Date(a) <= new Date(b) ? a : b;

// 開封 (opened) is NISC's: link accessed or attachment opened (001 L11409-11412); displayed: the image only.
const STATUS_FILTER: Record<NonNullable<z.infer<typeof RecipientsQuery>['status']>, string> = {
  opened: 'coalesce(click_ppl, att_ppl) is not null',
  displayed: 'open_ppl is not null and coalesce(click_ppl, att_ppl) is null',
  reported: 'report_ppl is not null',
  not_opened: "state = 'sent' and coalesce(click_ppl, att_ppl) is null",
  failed: "state in ('failed', 'bounced', 'unknown')",
};

/** Who did what, person by person (drill administrators only); statuses count the person's own events. */
export async function listRecipients(ctx: ActorCtx, drillId: string, q: z.infer<typeof RecipientsQuery>) {
  authorize(ctx.actor, 'drill.manage');
  requireIndividualAccess(ctx);
  const d = await loadDrill(ctx, drillId);
  const scope = await resultsScope(ctx, q.unitId);
  const rows = rowsOf<PerRow>(
    await ctx.db.execute(sql`
      with per as (${perRecipient(d.id, scope.where(sql`r.unit_path`))})
      select per.*, r.person_id, r.name, r.email, r.unit_id, u.name_ja as unit_name, r.error, r.follow_up_at,
        count(*) over ()::int as total
      from per join drill_recipients r on r.id = per.id join org_units u on u.id = r.unit_id
      ${q.status ? sql`where ${sql.raw(STATUS_FILTER[q.status])}` : sql``}
      order by u.path, r.name, r.id
      limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`),
  );
  return {
    items: rows.map((r) => ({
      id: Number(r.id),
      personId: r.person_id,
      name: r.name,
      email: r.email,
      unitId: r.unit_id,
      unitName: r.unit_name,
      roleKeys: r.role_keys,
      sendState: r.state as 'sent',
      sentAt: isoOf(r.sent_at),
      error: r.error,
      status: (r.click_ppl || r.att_ppl
        ? 'opened'
        : r.open_ppl
          ? 'displayed'
          : r.state === 'sent'
            ? 'sent'
            : 'not_sent') as 'opened',
      openedAt: isoOf(earliest(r.click_ppl, r.att_ppl)),
      mailDisplayedAt: isoOf(r.open_ppl),
      clickedAt: isoOf(r.click_ppl),
      attachmentOpenedAt: isoOf(r.att_ppl),
      reportedAt: isoOf(r.report_ppl),
      surveyAnsweredAt: isoOf(r.survey_ppl),
      flaggedEvents: r.flagged,
      followUpAt: isoOf(r.follow_up_at),
    })),
    total: rows[0]?.total ?? 0,
    page: q.page,
    pageSize: q.pageSize,
  };
}

const pct = (v: number | null) => (v === null ? null : Math.round(v * 1000) / 10);

function groupRows(g: GroupResult) {
  if (g.suppressed || !g.people || !g.all) return [g.label, g.targeted, SUPPRESSED_NOTE];
  const f = { people: g.people, all: g.all };
  return [
    g.label,
    g.targeted,
    g.delivered,
    ...(['people', 'all'] as const).flatMap((k) => [
      f[k].opened,
      pct(f[k].openRate),
      f[k].linkClicked,
      f[k].attachmentOpened,
      f[k].mailDisplayed,
      pct(f[k].mailDisplayRate),
      f[k].reported,
      pct(f[k].reportRate),
      f[k].timeToFirstReportSeconds === null ? null : Math.round(f[k].timeToFirstReportSeconds / 60),
    ]),
  ];
}

const SUPPRESSED_NOTE = '対象者が少ないため非表示 / withheld: fewer recipients than the minimum group size';

// 開封 as NISC counts it (001 L11409-11412); メール表示 is the tracking image, a lower bound.
const GROUP_HEADER = [
  '区分',
  '対象者',
  '配信済み',
  ...['（人のみ）', '（検知含む）'].flatMap((s) => [
    `開封（リンク・添付）${s}`,
    `開封率%${s}`,
    `リンクアクセス${s}`,
    `添付開封${s}`,
    `メール表示（画像読込・下限）${s}`,
    `メール表示率%${s}`,
    `報告${s}`,
    `報告率%${s}`,
    `初報告まで(分)${s}`,
  ]),
];

/**
 * The rows by unit for an export: a unit with fewer recipients than the agency's minimum is merged
 * into the unit above it (mergeTargets), so a file passed around never shows a small group alone.
 */
async function mergedUnitRows(ctx: ActorCtx, drillId: string, unitId: string | undefined) {
  const scope = await resultsScope(ctx, unitId);
  const small = await smallGroupPolicy(ctx);
  const where = scope.where(sql`r.unit_path`);
  const buckets = await unitBuckets(ctx, scope);
  const sizes = await bucketAggregates(ctx.db, drillId, where, buckets);
  const target = mergeTargets(
    buckets.map((b) => ({
      key: b.key,
      parentKey: b.parentKey,
      people: Number(sizes.get(b.key)?.targeted ?? 0),
    })),
    small.minGroupSize,
  );
  const merged = await bucketAggregates(ctx.db, drillId, where, buckets, (k) => target.get(k) ?? k);
  return buckets
    .filter((b) => target.get(b.key) === b.key && Number(merged.get(b.key)?.targeted ?? 0) > 0)
    .map((b) => {
      const absorbed = buckets.filter((x) => x.key !== b.key && target.get(x.key) === b.key);
      const label = absorbed.length
        ? `${b.label}＋${absorbed.map((x) => x.label).join('・')}（小規模のため合算）`
        : b.label;
      return group(b.key, label, merged.get(b.key), small);
    });
}

/**
 * The results as .xlsx: overall, by unit (small units merged upward), by role, earlier drills; and
 * person by person only for drill administrators (unit heads get their unit's aggregates).
 */
export async function exportResults(ctx: ActorCtx, drillId: string, unitId?: string) {
  const results = await getResults(ctx, drillId, unitId);
  const compare = await compareDrills(ctx, drillId, unitId);
  const units = await mergedUnitRows(ctx, results.drillId, unitId);
  const sheets: Sheet[] = [];
  const add = (name: string, header: string[], rows: Cell[][]) => {
    sheets.push({ name, header, rows, freezeHeader: true });
  };
  add('全体', GROUP_HEADER, [groupRows(results.overall)]);
  add('組織別', GROUP_HEADER, units.map(groupRows));
  add('役割別', GROUP_HEADER, results.roles.map(groupRows));
  add(
    '過去の訓練との比較',
    ['開始', ...GROUP_HEADER],
    compare.items.map((i) => [
      i.startedAt?.slice(0, 10) ?? '',
      ...groupRows({ ...i.overall, label: i.title }),
    ]),
  );
  add('検知された自動アクセス', ['理由', '件数'], Object.entries(results.flaggedEvents));
  if (canTenantWide(ctx.actor, 'drill.manage')) {
    const people = await listRecipients(ctx, drillId, { unitId, page: 1, pageSize: 500 });
    const all = [...people.items];
    for (let page = 2; all.length < people.total; page++) {
      all.push(...(await listRecipients(ctx, drillId, { unitId, page, pageSize: 500 })).items);
    }
    add(
      '個人別',
      [
        '氏名',
        'メール',
        '所属',
        '配信',
        '状態',
        '開封（リンク・添付）',
        'メール表示（画像読込）',
        'リンクアクセス',
        '添付開封',
        '報告',
        'アンケート',
        '自動アクセス',
        'フォローアップ',
      ],
      all.map((p) => [
        p.name,
        p.email,
        p.unitName,
        p.sendState,
        p.status,
        p.openedAt,
        p.mailDisplayedAt,
        p.clickedAt,
        p.attachmentOpenedAt,
        p.reportedAt,
        p.surveyAnsweredAt,
        p.flaggedEvents,
        p.followUpAt,
      ]),
    );
  }
  return {
    body: await writeWorkbook(sheets),
    type: XLSX_TYPE,
    filename: `drill-${results.title}.xlsx`,
  };
}

/** Sent, failed, bounced, queued… of the recipients within the viewer's scope. */
export async function drillProgress(ctx: ActorCtx, drillId: string) {
  authorize(ctx.actor, 'drill.view');
  const d = await loadDrill(ctx, drillId);
  const scope = await resultsScope(ctx, undefined);
  const rows = rowsOf<{
    state: string;
    benign_state: string | null;
    n: number;
    replied: number;
    first: string | null;
    last: string | null;
  }>(
    await ctx.db.execute(sql`
      select state, benign_state, count(*)::int as n, count(replied_at)::int as replied,
        min(sent_at) as first, max(sent_at) as last
      from drill_recipients r where r.drill_id = ${d.id} and ${scope.where(sql`r.unit_path`)}
      group by state, benign_state`),
  );
  const byState: Record<string, number> = {};
  const benign: Record<string, number> = {};
  let first: string | null = null;
  let last: string | null = null;
  for (const r of rows) {
    byState[r.state] = (byState[r.state] ?? 0) + r.n;
    if (r.benign_state) benign[r.benign_state] = (benign[r.benign_state] ?? 0) + r.n;
    if (r.first && (!first || new Date(r.first) < new Date(first))) first = r.first;
    if (r.last && (!last || new Date(r.last) > new Date(last))) last = r.last;
  }
  return {
    state: d.state,
    total: rows.reduce((s, r) => s + r.n, 0),
    byState,
    benignByState: d.variant === 'exchange' ? benign : null,
    repliedToFirstMail: rows.reduce((s, r) => s + r.replied, 0),
    firstSentAt: first ? new Date(first).toISOString() : null,
    lastSentAt: last ? new Date(last).toISOString() : null,
  };
}
