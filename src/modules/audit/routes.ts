import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorCtx } from '../../server/auth.js';
import { authorizeTenantWide } from '../../server/policy.js';
import { str } from '../../server/validation.js';
import { listAuditEvents, verifyAuditTrail } from './service.js';

const isoDate = z.iso.datetime({ offset: true }).or(z.iso.date());

export const AuditQuery = z.strictObject({
  action: str().trim().max(64).optional(),
  actor: str().trim().max(100).optional(),
  targetType: str().trim().max(64).optional(),
  targetId: str().trim().max(100).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  q: str().trim().max(100).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

export const AuditEventOut = z.object({
  id: z.number().int(),
  seq: z.number().int(),
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  targetType: z.string(),
  targetId: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  requestId: z.string().nullable(),
  ip: z.string().nullable(),
  hash: z.string(),
});

export const VerifyOut = z.object({
  ok: z.boolean(),
  rows: z.number().int(),
  firstBreak: z
    .object({
      seq: z.number().int(),
      id: z.number().int(),
      reason: z.enum(['edited', 'missing_before', 'bad_link', 'bad_seal', 'unsealed', 'missing_newest']),
    })
    .nullable(),
});

export async function auditRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['audit'];
  r.get(
    '/audit-events',
    {
      config: { access: 'audit.read' },
      schema: {
        tags,
        summary: "The agency's audit trail, newest first",
        querystring: AuditQuery,
        response: {
          200: z.object({
            total: z.number().int(),
            page: z.number().int(),
            pageSize: z.number().int(),
            items: z.array(AuditEventOut),
          }),
        },
      },
    },
    async (req) => {
      const { total, items } = await listAuditEvents(actorCtx(req), req.query);
      return {
        total,
        page: req.query.page,
        pageSize: req.query.pageSize,
        items: items.map((e) => ({
          id: e.id,
          seq: e.seq,
          at: e.at.toISOString(),
          actor: e.actorLabel,
          action: e.action,
          targetType: e.targetType,
          targetId: e.targetId,
          before: e.before,
          after: e.after,
          requestId: e.requestId,
          ip: e.ip,
          hash: e.hash,
        })),
      };
    },
  );
  r.get(
    '/audit-events/verify',
    {
      config: { access: 'audit.read' },
      schema: {
        tags,
        summary: "Re-hash the agency's chains and report the first broken link",
        response: { 200: VerifyOut },
      },
    },
    async (req) => {
      const ctx = actorCtx(req);
      authorizeTenantWide(ctx.actor, 'audit.read');
      const result = await verifyAuditTrail(ctx, { tenantId: ctx.actor.tenantId });
      // All of the agency's chains (shards.ts): rows summed, the first break of the first broken chain.
      const rows = result.chains.reduce((n, c) => n + c.rows, 0);
      const firstBreak = result.chains.find((c) => c.firstBreak)?.firstBreak ?? null;
      return { ok: result.ok, rows, firstBreak };
    },
  );
}
