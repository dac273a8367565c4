// The demo agency's security portal (000 L933-972: materials sorted into categories — procedures and
// illustrated policy summaries, training material and how to spot suspicious mail, reference templates,
// contacts), with current notices (003 L1291-1297).
import { asc, eq } from 'drizzle-orm';
import { addDays, todayInJapan } from '../../lib/dates.js';
import type { Ctx } from '../../server/context.js';
import { people } from '../org/schema.js';
import { portalCategories, portalItems } from '../portal/schema.js';

type Kind = (typeof portalItems.$inferInsert)['kind'];
type Topic = (typeof portalItems.$inferInsert)['noticeTopic'];
interface DemoItem {
  kind: Kind;
  topic?: Topic;
  titleJa: string;
  titleEn: string;
  body: string;
  url?: string;
  pinned?: boolean;
}

const CATEGORIES: { nameJa: string; nameEn: string; items: DemoItem[] }[] = [
  {
    nameJa: 'お知らせ',
    nameEn: 'Notices',
    items: [
      {
        kind: 'notice',
        topic: 'suspicious_mail',
        titleJa: '【注意】税務署を装った不審メールが届いています',
        titleEn: 'Suspicious mail posing as a tax office',
        body: '「還付金のお知らせ」という件名で、圧縮ファイルを添付したメールが複数の職員に届いています。\n\n- 添付ファイルは開かないでください。\n- 本文のリンクにアクセスしないでください。\n- 受信した場合は、情報システム室の報告窓口に転送して報告してください。',
        pinned: true,
      },
      {
        kind: 'notice',
        topic: 'vulnerability',
        titleJa: '業務用 PC のブラウザ更新のお願い',
        titleEn: 'Please update the browser on your work PC',
        body: 'ブラウザに深刻な脆弱性が公表されました。本日中にブラウザを再起動して更新を適用してください。',
      },
      {
        kind: 'notice',
        topic: 'notice',
        titleJa: '年末年始の緊急連絡体制について',
        titleEn: 'Emergency contacts over the New Year holidays',
        body: '年末年始の休暇中に障害・事故等に気付いた場合は、当番表の連絡先に直ちに連絡してください。',
      },
    ],
  },
  {
    nameJa: '規程・手続',
    nameEn: 'Rules and procedures',
    items: [
      {
        kind: 'procedure',
        titleJa: '例外措置の申請手続',
        titleEn: 'How to request an exception',
        body: '規程どおりの対策ができない場合は、Mamoru の「例外措置」から申請してください。情報セキュリティ責任者が判断します。',
      },
      {
        kind: 'procedure',
        titleJa: '不審メールを受信したときの対応',
        titleEn: 'What to do with suspicious mail',
        body: '1. 添付ファイルやリンクを開かない\n2. メールを報告窓口に転送する\n3. 開いてしまった場合は LAN ケーブルを抜き、直ちに連絡する',
      },
      {
        kind: 'document',
        titleJa: '情報セキュリティポリシーの図解',
        titleEn: 'The security policy, illustrated',
        body: '基本方針と対策基準の要点を、職員向けに図でまとめた資料です。',
      },
    ],
  },
  {
    nameJa: '研修・参考資料',
    nameEn: 'Training and reference',
    items: [
      {
        kind: 'document',
        titleJa: '標的型メールを見分けるポイント',
        titleEn: 'How to spot targeted mail',
        body: '差出人、件名、添付ファイルの拡張子、本文の日本語の不自然さなど、確認すべき点をまとめています。',
      },
      {
        kind: 'link',
        titleJa: '内閣サイバーセキュリティセンター（NISC）',
        titleEn: 'National center of Incident readiness and Strategy for Cybersecurity (NISC)',
        body: '政府機関の統一基準群や注意喚起が掲載されています。',
        url: 'https://www.nisc.go.jp/',
      },
    ],
  },
];

/** Categories and published items for the demo agency; returns the number of items. */
export async function seedDemoPortal(ctx: Ctx, opts: { tenantId: string }): Promise<number> {
  const [author] = await ctx.db
    .select({ id: people.id })
    .from(people)
    .where(eq(people.tenantId, opts.tenantId))
    .orderBy(asc(people.staffNo))
    .limit(1);
  if (!author) return 0;
  const today = todayInJapan();
  let n = 0;
  for (const [i, c] of CATEGORIES.entries()) {
    const [category] = await ctx.db
      .insert(portalCategories)
      .values({ tenantId: opts.tenantId, nameJa: c.nameJa, nameEn: c.nameEn, sortOrder: (i + 1) * 10 })
      .returning();
    await ctx.db.insert(portalItems).values(
      c.items.map((x) => ({
        tenantId: opts.tenantId,
        categoryId: category!.id,
        kind: x.kind,
        noticeTopic: x.kind === 'notice' ? (x.topic ?? 'notice') : null,
        titleJa: x.titleJa,
        titleEn: x.titleEn,
        body: x.body,
        url: x.url ?? null,
        pinned: x.pinned ?? false,
        published: true,
        publishedFrom: x.kind === 'notice' ? addDays(today, -3) : null,
        publishedUntil: x.kind === 'notice' ? addDays(today, 60) : null,
        createdBy: author.id,
        updatedBy: author.id,
      })),
    );
    n += c.items.length;
  }
  return n;
}
