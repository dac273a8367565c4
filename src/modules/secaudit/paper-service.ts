import { and, eq } from 'drizzle-orm';
import type { ActorCtx } from '../../server/context.js';
import { AppError } from '../../server/errors.js';
import { recordAudit } from '../audit/service.js';
import { fieldError, onTeam } from './access.js';
import { loadEngagement } from './engagement-service.js';
import { checkPaper, PAPER_LIMIT_BYTES, safeFilename } from './paper-rules.js';
import { secauditFindings, secauditPapers as w } from './schema.js';

/**
 * An engagement whose working papers the actor may handle: only its audit team. Everyone else, even
 * those who may read the engagement, is told "not found", as for a random id.
 */
async function teamEngagement(ctx: ActorCtx, id: string) {
  const r = await loadEngagement(ctx, id);
  if (!onTeam(ctx.actor, r.g, r.unitPath)) throw new AppError('not_found');
  return r;
}

export async function uploadPaper(
  ctx: ActorCtx,
  engagementId: string,
  input: { filename: string; findingId?: string | undefined; contentType: string | undefined; bytes: Buffer },
) {
  const e = await teamEngagement(ctx, engagementId);
  const check = checkPaper(input.contentType, input.bytes);
  if (!check.ok) {
    if (check.reason === 'type') throw new AppError('unsupported_media_type');
    if (check.reason === 'size') throw new AppError('payload_too_large');
    throw new AppError('bad_request', {
      detail:
        check.reason === 'empty'
          ? { ja: 'ファイルが空です。', en: 'The file is empty.' }
          : {
              ja: 'ファイルの内容が指定された形式と一致しません。',
              en: 'The file does not match its declared type.',
            },
    });
  }
  if (input.findingId) {
    const [x] = await ctx.db
      .select({ id: secauditFindings.id })
      .from(secauditFindings)
      .where(and(eq(secauditFindings.id, input.findingId), eq(secauditFindings.engagementId, e.g.id)));
    if (!x)
      throw fieldError(
        'query.findingId',
        'この監査の指摘事項ではありません。',
        'Not a finding of this engagement.',
      );
  }
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(w)
      .values({
        tenantId: ctx.actor.tenantId,
        engagementId: e.g.id,
        findingId: input.findingId ?? null,
        filename: safeFilename(input.filename),
        contentType: check.type,
        size: input.bytes.length,
        bytes: input.bytes,
        uploadedBy: ctx.actor.personId,
      })
      .returning({
        id: w.id,
        findingId: w.findingId,
        filename: w.filename,
        contentType: w.contentType,
        size: w.size,
        createdAt: w.createdAt,
      });
    await recordAudit(tx, ctx, {
      action: 'secaudit.paper_upload',
      tenantId: ctx.actor.tenantId,
      targetId: e.g.id,
      after: { paperId: row!.id, filename: row!.filename, contentType: row!.contentType, size: row!.size },
    });
    return { ...row!, createdAt: row!.createdAt.toISOString() };
  });
}

/** Reading a working paper is itself recorded in the audit trail. */
export async function readPaper(ctx: ActorCtx, engagementId: string, paperId: string) {
  const e = await teamEngagement(ctx, engagementId);
  const [p] = await ctx.db
    .select()
    .from(w)
    .where(and(eq(w.id, paperId), eq(w.engagementId, e.g.id)));
  if (!p) throw new AppError('not_found');
  await ctx.db.transaction((tx) =>
    recordAudit(tx, ctx, {
      action: 'secaudit.paper_read',
      tenantId: ctx.actor.tenantId,
      targetId: e.g.id,
      after: { paperId },
    }),
  );
  return { body: p.bytes, type: p.contentType, filename: p.filename };
}

export { PAPER_LIMIT_BYTES };
