// A unit's register as .xlsx: only the entries the caller may see (the same filter as the list).
import { asc } from 'drizzle-orm';
import { writeXlsx, XLSX_TYPE } from '../../lib/export.js';
import type { ActorCtx } from '../../server/context.js';
import type { Download } from '../../server/files.js';
import { presentEntries, unitOfTenant } from './register-present.js';
import { entryFilter } from './register-query.js';
import { classificationEntries as e } from './register-schema.js';

const FORM_JA = { paper: '書面', electronic: '電磁的記録', both: '書面・電磁的記録' } as const;
const STATUS_JA = {
  proposed: '確認待ち',
  returned: '修正指示',
  confirmed: '確認済み',
  archived: '廃止',
} as const;

const HEADER = [
  '一連番号',
  '件名',
  '説明',
  '管理者',
  '形態',
  '保存場所',
  '機密性',
  '完全性',
  '可用性',
  '表示',
  '保存期間',
  '状態',
  '見直し期日',
  '確認者',
  '確認日',
];

export async function exportRegister(
  ctx: ActorCtx,
  q: { unitId: string; subtree: 'true' | 'false' },
): Promise<Download> {
  const where = await entryFilter(ctx, { unitId: q.unitId, subtree: q.subtree });
  const rows = await ctx.db
    .select()
    .from(e)
    .where(where)
    .orderBy(asc(e.confidentiality), asc(e.serialNo), asc(e.createdAt));
  const entries = await presentEntries(ctx, rows);
  const body = await writeXlsx(
    '情報の格付台帳',
    HEADER,
    entries.map((x) => [
      x.serialNo ?? '',
      x.title,
      x.description,
      x.owner.name,
      FORM_JA[x.form],
      x.storageLocation,
      x.confidentiality,
      x.integrity ?? '',
      x.availability ?? '',
      x.marking ?? '',
      [x.retentionUntil, x.retentionNote].filter(Boolean).join(' '),
      STATUS_JA[x.status],
      x.reviewDueOn ?? '',
      x.confirmedBy?.name ?? '',
      x.confirmedAt?.slice(0, 10) ?? '',
    ]),
  );
  const unit = await unitOfTenant(ctx.db, ctx.actor.tenantId, q.unitId);
  return {
    body,
    type: XLSX_TYPE,
    filename: `情報の格付台帳-${unit?.nameJa ?? q.unitId}.xlsx`,
  };
}
