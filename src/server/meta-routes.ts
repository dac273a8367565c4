import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';

export async function metaRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/health',
    {
      config: { access: 'public' },
      schema: {
        tags: ['meta'],
        summary: 'Liveness and database reachability',
        response: { 200: z.object({ ok: z.boolean(), database: z.string() }) },
      },
    },
    async (req) => {
      await req.ctx.db.execute(sql`select 1`);
      return { ok: true, database: req.ctx.config.databaseUrl ? 'postgres' : 'pglite' };
    },
  );
}
