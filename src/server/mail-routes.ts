import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorCtx } from './auth.js';
import { MAIL_PURPOSES, type MailPurpose } from './mail-batch.js';
import { listMailFailures } from './mail-failures.js';

const purposes = Object.keys(MAIL_PURPOSES) as [MailPurpose, ...MailPurpose[]];

export const MailFailureQuery = z.strictObject({
  purpose: z.enum(purposes).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

export const MailFailureOut = z.object({
  id: z.uuid(),
  purpose: z.enum(purposes),
  subject: z.string(),
  recipientName: z.string().nullable(),
  email: z.string().nullable(),
  unitName: z.string().nullable(),
  reason: z.enum(['refused', 'no_address', 'delivery_unknown']),
  error: z.string().nullable(),
  attempts: z.number().int(),
  at: z.string(),
});

export async function mailRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/mail/failures',
    {
      // Who may see which purpose is decided per purpose in the service (its module's manage permission).
      config: { access: 'authenticated' },
      schema: {
        tags: ['mail'],
        summary: 'Reminders and notices that could not be delivered, newest first',
        querystring: MailFailureQuery,
        response: {
          200: z.object({
            total: z.number().int(),
            page: z.number().int(),
            pageSize: z.number().int(),
            items: z.array(MailFailureOut),
          }),
        },
      },
    },
    async (req) => {
      const { total, items } = await listMailFailures(actorCtx(req), req.query);
      return { total, page: req.query.page, pageSize: req.query.pageSize, items };
    },
  );
}
