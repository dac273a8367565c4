import { and, asc, eq, gte, lt, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { dayInJapan, fiscalYearSpan } from '../../lib/dates.js';
import { CSV_TYPE, writeCsv, writeWorkbook, XLSX_TYPE } from '../../lib/export.js';
import type { ActorCtx } from '../../server/context.js';
import { AppError } from '../../server/errors.js';
import type { Download } from '../../server/files.js';
import { authorize, can } from '../../server/policy.js';
import { recordAudit } from '../audit/service.js';
import { orgUnits } from '../org/schema.js';
import { loadVisibleCase, located, visibleCases } from './access.js';
import { INCIDENT_TYPE_NAMES, listMonth, listSummary } from './rules.js';
import { incidentAttachments, incidentLiaisons, incidents } from './schema.js';

// The liaison record (NISC/GSOC), the year's list in the national report's shape (001 L15108-15571,
// 003 L1105-1232) and attachment downloads.

export async function recordLiaison(
  ctx: ActorCtx,
  id: string,
  body: {
    direction: 'sent' | 'received';
    counterpart: 'nisc' | 'gsoc' | 'other';
    at: string;
    channel: string;
    content: string;
  },
) {
  await ctx.db.transaction(async (tx) => {
    const c = await loadVisibleCase({ ...ctx, db: tx }, id);
    authorize(ctx.actor, 'incident.handle', located(c));
    const [row] = await tx
      .insert(incidentLiaisons)
      .values({ incidentId: id, ...body, at: new Date(body.at), recordedBy: ctx.actor.personId })
      .returning({ id: incidentLiaisons.id });
    await recordAudit(tx, ctx, {
      action: 'incident.liaison_record',
      tenantId: ctx.actor.tenantId,
      targetId: id,
      after: { liaison: row!.id, direction: body.direction, counterpart: body.counterpart },
    });
  });
}

const COUNTERPART_JA = {
  nisc: '内閣官房情報セキュリティセンター（NISC）',
  gsoc: 'GSOC',
  other: 'その他',
} as const;
const DIRECTION_JA = { sent: '送信', received: '受信' } as const;
const jst = (d: Date) => d.toLocaleString('ja-JP', { timeZone: 'Asia/Tokyo', hour12: false });

/** The liaison record in a reporting layout: the case's facts, then each message in time order. */
export async function exportLiaison(ctx: ActorCtx, id: string): Promise<Download> {
  const c = await loadVisibleCase(ctx, id);
  if (c.access !== 'full') throw new AppError('not_found');
  const r = c.row;
  const rows = await ctx.db
    .select()
    .from(incidentLiaisons)
    .where(eq(incidentLiaisons.incidentId, id))
    .orderBy(asc(incidentLiaisons.at));
  const facts: [string, string][] = [
    ['件名', r.title ?? ''],
    ['発見日時', r.discoveredAt ? jst(r.discoveredAt) : r.whenText],
    ['報告受付', jst(r.createdAt)],
    ['部局等', c.unitNameJa],
    ['種別', r.type ? INCIDENT_TYPE_NAMES[r.type].ja : '未分類'],
    ['重大度', r.severity ?? ''],
    ['個人情報', r.personalData === null ? '' : r.personalData ? 'あり' : 'なし'],
    ['概要', r.what],
    ['対応等', r.response ?? ''],
    ['再発防止策', r.prevention ?? ''],
  ];
  const body = await writeWorkbook([
    { name: '事案', header: ['項目', '内容'], rows: facts, widths: [16, 80], wrap: [1] },
    {
      name: '連絡記録',
      header: ['日時', '送受信', '相手先', '手段', '内容'],
      rows: rows.map((l) => [
        jst(l.at),
        DIRECTION_JA[l.direction],
        COUNTERPART_JA[l.counterpart],
        l.channel,
        l.content,
      ]),
      widths: [20, 8, 30, 12, 80],
      wrap: [4],
      freezeHeader: true,
    },
  ]);
  return { body, type: XLSX_TYPE, filename: `incident-liaison-${id.slice(0, 8)}.xlsx` };
}

/**
 * The cases reported (received) in the fiscal year, on the Japanese calendar, in the order received;
 * `where` decides which (a viewer's visibleCases, or a whole tenant). Joined to the reporting unit.
 */
export async function casesReportedIn(db: Db, where: SQL, fiscalYear: number) {
  const { start, end } = fiscalYearSpan(fiscalYear);
  return db
    .select({ row: incidents })
    .from(incidents)
    .innerJoin(orgUnits, eq(orgUnits.id, incidents.unitId))
    .where(and(where, gte(incidents.createdAt, start), lt(incidents.createdAt, end)))
    .orderBy(asc(incidents.createdAt), asc(incidents.id));
}

/** The cases found (reported) in the fiscal year, as the year's list: date, summary, response, type. */
export async function yearList(ctx: ActorCtx, fiscalYear: number) {
  if (!can(ctx.actor, 'incident.view')) authorize(ctx.actor, 'incident.handle');
  const rows = await casesReportedIn(ctx.db, visibleCases(ctx.actor), fiscalYear);
  return {
    fiscalYear,
    items: rows.map(({ row }) => {
      const day = dayInJapan(row.discoveredAt ?? row.createdAt);
      return {
        id: row.id,
        month: listMonth(day),
        date: day,
        summary: row.title ? `${row.title}: ${row.what}` : row.what,
        response: row.response,
        type: row.type,
        typeJa: row.type ? INCIDENT_TYPE_NAMES[row.type].ja : '未分類',
      };
    }),
  };
}

export async function exportYearList(
  ctx: ActorCtx,
  fiscalYear: number,
  format: 'csv' | 'xlsx',
): Promise<Download> {
  const list = await yearList(ctx, fiscalYear);
  const header = ['年月', '日付', '情報セキュリティインシデントの概要・対応等', '種別'];
  const rows = list.items.map((i) => [i.month, i.date, listSummary(i.summary, i.response), i.typeJa]);
  const filename = `incidents-FY${fiscalYear}.${format}`;
  if (format === 'csv') return { body: writeCsv(header, rows), type: CSV_TYPE, filename };
  const body = await writeWorkbook([
    { name: `${fiscalYear}年度`, header, rows, widths: [12, 12, 90, 16], wrap: [2], freezeHeader: true },
  ]);
  return { body, type: XLSX_TYPE, filename };
}

/** An attachment of a case the actor fully sees; served as a download with its sniffed type. */
export async function attachmentOf(ctx: ActorCtx, id: string, attachmentId: string): Promise<Download> {
  const c = await loadVisibleCase(ctx, id);
  if (c.access !== 'full') throw new AppError('not_found');
  const [a] = await ctx.db
    .select()
    .from(incidentAttachments)
    .where(and(eq(incidentAttachments.id, attachmentId), eq(incidentAttachments.incidentId, id)));
  if (!a) throw new AppError('not_found');
  return { body: a.bytes, type: a.contentType, filename: a.filename };
}
