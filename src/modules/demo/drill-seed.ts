// Two finished demo drills with realistic events: FY2025's (開封率 — link accessed or attachment
// opened, 001 L11409-11412 — near the 16.3 % of NISC's second FY2013 round) and FY2026's (near the
// 10.1 % of its first round; 001 L11443-11445), a few scanner hits flagged, reports, survey answers,
// and the follow-up course for those who opened.
import { sql } from 'drizzle-orm';
import { rowsOf } from '../../db/client.js';
import { mulberry32 } from '../../lib/random.js';
import type { Ctx } from '../../server/context.js';
import { drills } from '../drills/schema.js';
import { assignCourse, starterCourseId } from '../training/assignment-service.js';

export interface DrillSeedResult {
  drills: number;
  recipients: number;
  events: number;
}

const SCANNER = 'Mozilla/5.0 (compatible; BingPreview/1.0b)';
const BROWSER =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36 Edg/120.0';
const CHUNK = 2000;

interface Round {
  /** Percent of staff targeted: the first drill went to a sample, the second to everyone. */
  sample: number;
  title: string;
  start: string;
  subject: string;
  body: string;
  lureKind: 'link' | 'attachment';
  /** Share whose mail client loads the tracking image (メール表示). */
  display: number;
  /** Share who access the link or open the attachment (開封, NISC's figure). */
  open: number;
  report: number;
}

const ROUNDS: Round[] = [
  {
    sample: 20,
    title: '令和7年度 標的型メール訓練',
    start: '2025-10-14T09:00:00+09:00',
    subject: '【至急】情報システム更新に伴うパスワード再設定のお願い',
    body: '{{name}} 様\n\n情報システムの更新に伴い、パスワードの再設定が必要です。\n下記より本日中に手続きしてください。\n{{url}}\n\n情報システム課',
    lureKind: 'link',
    display: 0.31,
    open: 0.163,
    report: 0.05,
  },
  {
    sample: 100,
    title: '令和8年度 標的型メール訓練',
    start: '2026-06-09T09:00:00+09:00',
    subject: '【人事課】賞与支給額のお知らせ',
    body: '{{name}} 様\n\n今期の賞与支給額を添付のとおりお知らせします。\n内容をご確認ください。\n\n人事課 給与係',
    lureKind: 'attachment',
    display: 0.24,
    open: 0.101,
    report: 0.12,
  },
];

const TRAINING = [
  '# これは標的型メール訓練です',
  '',
  'あなたが開いたメールは、標的型メール攻撃を模した**訓練メール**でした。実際の被害はありません。',
  '',
  '## 見分けるポイント',
  '- 差出人のアドレスが組織のものではない',
  '- 「至急」「本日中」など、急がせる表現がある',
  '- 心当たりのない添付ファイルやリンクがある',
  '',
  '## 開いてしまったら',
  'すぐに情報セキュリティ窓口（内線 1234）へ報告してください。早い報告が被害の拡大を防ぎます。',
].join('\n');

const SURVEY = [
  {
    id: 'why',
    text: 'メールを開いた理由を教えてください',
    options: ['業務に関係すると思った', '差出人を信用した', '急いでいた', 'その他'],
  },
  {
    id: 'noticed',
    text: '訓練メールだと気づきましたか',
    options: ['開く前に気づいた', '開いた後に気づいた', '気づかなかった'],
  },
];

export async function seedDemoDrills(
  ctx: Ctx,
  opts: { tenantId: string; seed?: number },
): Promise<DrillSeedResult> {
  const rng = mulberry32(opts.seed ?? 5);
  const starter = await starterCourseId(ctx.db, opts.tenantId, 'targeted_mail');
  const [course] = starter
    ? rowsOf<{ status: string }>(
        await ctx.db.execute(sql`select status from training_courses where id = ${starter}`),
      )
    : [];
  const courseId = course?.status === 'published' ? starter : null;
  let recipients = 0;
  let events = 0;
  for (const round of ROUNDS) {
    const start = new Date(round.start);
    const [d] = await ctx.db
      .insert(drills)
      .values({
        tenantId: opts.tenantId,
        title: round.title,
        state: 'done',
        senderName: round.lureKind === 'link' ? '情報システム課' : '人事課 給与係',
        senderAddress: round.lureKind === 'link' ? 'system-update@example-lure.jp' : 'kyuyo@example-lure.jp',
        subject: round.subject,
        body: round.body,
        lureKind: round.lureKind,
        attachmentName: round.lureKind === 'attachment' ? '賞与支給額.html' : null,
        trainingContent: TRAINING,
        survey: SURVEY,
        windowStart: '09:00',
        windowEnd: '18:00',
        ratePerSecond: 50,
        samplePercent: round.sample,
        sampleSeed: 1,
        followUpCourseId: courseId,
        startAt: start,
        scheduledAt: new Date(start.getTime() - 3 * 86_400_000),
        startedAt: start,
        finishedAt: new Date(start.getTime() + 3 * 3600_000),
        createdAt: new Date(start.getTime() - 10 * 86_400_000),
      })
      .returning();
    const rows = rowsOf<{ id: number | string; person_id: string }>(
      await ctx.db.execute(sql`
        insert into drill_recipients (drill_id, tenant_id, person_id, name, email, unit_id, unit_path, role_keys,
          state, lure_due_at, sent_at, message_id)
        select ${d!.id}, p.tenant_id, p.id, p.name, p.email, p.unit_id, u.path,
          coalesce((select jsonb_agg(distinct r.key) from role_assignments ra join roles r on r.id = ra.role_id
                    where ra.person_id = p.id), '[]'::jsonb),
          'sent', ${start}::timestamptz,
          ${start}::timestamptz + (row_number() over (order by p.id)) * interval '200 milliseconds',
          '<demo-' || p.id || '@mamoru.invalid>'
        from people p join org_units u on u.id = p.unit_id
        where p.tenant_id = ${opts.tenantId} and p.status = 'active' and p.email is not null
          and (${round.sample} >= 100 or abs(hashtext(p.id::text)) % 100 < ${round.sample})
        order by p.id
        returning id, person_id`),
    );
    recipients += rows.length;
    const sentAt = (i: number) => start.getTime() + (i + 1) * 200;
    const ev: Record<string, unknown>[] = [];
    const clickers: string[] = [];
    const push = (rid: number, kind: string, at: number, flags: string[], ua: string, data: unknown = null) =>
      ev.push({
        drill_id: d!.id,
        recipient_id: rid,
        kind,
        at: new Date(at).toISOString(),
        flags,
        flagged: flags.length > 0,
        method: 'GET',
        user_agent: ua,
        ip: '10.0.0.1',
        data,
      });
    rows.forEach((r, i) => {
      const rid = Number(r.id);
      const t0 = sentAt(i);
      // ~2 % of mailboxes sit behind a link scanner that fetches everything within seconds.
      if (rng() < 0.02)
        push(
          rid,
          round.lureKind === 'link' ? 'click' : 'attachment',
          t0 + 2000,
          ['scanner_agent', 'too_soon'],
          SCANNER,
        );
      const displayed = rng() < round.display;
      const minutes = () => 5 + Math.floor(rng() * rng() * 2 * 24 * 60);
      let t = t0 + minutes() * 60_000;
      if (displayed) push(rid, 'open', t, [], BROWSER);
      if (displayed && rng() < round.open / round.display) {
        t += 30_000 + Math.floor(rng() * 600_000);
        push(rid, round.lureKind === 'link' ? 'click' : 'attachment', t, [], BROWSER);
        clickers.push(r.person_id);
        if (rng() < 0.7) {
          push(rid, 'survey', t + 120_000, [], BROWSER, {
            why: SURVEY[0]!.options[Math.floor(rng() * 4)],
            noticed: SURVEY[1]!.options[1 + Math.floor(rng() * 2)],
          });
        }
      }
      if (rng() < round.report) push(rid, 'report', t0 + minutes() * 60_000, [], 'report-mailbox (smtp)');
    });
    for (let i = 0; i < ev.length; i += CHUNK) {
      await ctx.db.execute(sql`
        insert into drill_events (drill_id, recipient_id, kind, at, flags, flagged, method, user_agent, ip, data)
        select drill_id, recipient_id, kind, at, flags, flagged, method, user_agent, ip, data
        from json_to_recordset(${JSON.stringify(ev.slice(i, i + CHUNK))}::json) as t(
          drill_id uuid, recipient_id bigint, kind text, at timestamptz, flags jsonb, flagged boolean,
          method text, user_agent text, ip text, data jsonb)`);
    }
    events += ev.length;
    if (courseId && clickers.length) {
      await assignCourse(
        ctx.db,
        ctx,
        {
          courseId,
          personIds: clickers,
          source: { kind: 'drill_followup', id: d!.id },
        },
        { notify: false },
      );
      await ctx.db.execute(sql`update drill_recipients set follow_up_at = finished.at
        from (select ${new Date(start.getTime() + 7 * 86_400_000)}::timestamptz as at) finished
        where drill_id = ${d!.id} and person_id = any(${sql.param(clickers)}::uuid[])`);
    }
  }
  return { drills: ROUNDS.length, recipients, events };
}
