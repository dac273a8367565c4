import { eq, sql } from 'drizzle-orm';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { rowsOf } from '../../db/client.js';
import { AppError } from '../../server/errors.js';
import { str } from '../../server/validation.js';
import { EventWriter } from './event-writer.js';
import { escapeHtml } from './rules.js';
import { drills, type EventKind, type SurveyQuestion } from './schema.js';
import { readToken, tokenKey } from './tokens.js';
import { LandingOut, SurveyBody } from './validation.js';

/** A transparent 1×1 GIF, and its headers (fixed; the same for every token). */
const PIXEL = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');
const GIF_HEADERS = { 'cache-control': 'no-store, max-age=0', 'content-type': 'image/gif' };

const TokenParams = z.strictObject({ token: str().max(200) });
// Gateways and scanners append parameters to URLs; they change nothing here.
const AnyQuery = z.looseObject({});

/** Shown for tokens that are not (or no longer) a drill's: the same shape, general advice. */
const GENERIC_LANDING = {
  title: '標的型メール訓練',
  trainingContent: [
    '# これは標的型メール訓練です',
    '',
    'このメールは、標的型メール攻撃に備えるための訓練メールでした。実際の被害はありません。',
    '',
    '- 差出人・件名・本文に不自然な点がないか確認しましょう。',
    '- 心当たりのない添付ファイルやリンクは開かず、情報セキュリティ窓口に報告しましょう。',
    '- 開いてしまった場合も、すぐに報告することが被害を防ぎます。',
  ].join('\n'),
  survey: [] as SurveyQuestion[],
};

/** A line of the plain pages: HTML, in Japanese unless `lang` says otherwise (read aloud in its language). */
type Line = string | { html: string; lang: 'en' };

/** The plain page a tracking link answers with: a title as its heading, in a main landmark, phone-sized. */
function thanksPage(title: string, lines: Line[], redirect?: string) {
  const p = (l: Line) => (typeof l === 'string' ? `<p>${l}</p>` : `<p lang="${l.lang}">${l.html}</p>`);
  return `<!doctype html><html lang="ja"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title>${
    redirect ? `<meta http-equiv="refresh" content="0; url=${escapeHtml(redirect)}">` : ''
  }<meta name="robots" content="noindex"></head><body><main><h1>${escapeHtml(title)}</h1>${lines.map(p).join('')}</main></body></html>`;
}

/**
 * The tracking endpoints recipients' mail and browsers call: no login (access 'public'), no cookies
 * needed, the same answer whether or not the token exists. Events are queued to the group-commit
 * writer and the answer goes only once the event is stored. HEAD requests (Fastify answers them with
 * the GET handler) are recorded and flagged, like other scanner traffic.
 */
export async function trackingRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['drills: tracking'];
  const open = { access: 'public' } as const;
  let writer: EventWriter | null = null;
  let key: Buffer | null = null;
  app.addHook('onClose', async () => {
    await writer?.close();
  });

  const recipientOf = (req: FastifyRequest, token: string) => {
    key ??= tokenKey(req.ctx.env.secretKey);
    return readToken(key, token.replace(/\.gif$/, ''));
  };

  async function track(req: FastifyRequest, token: string, kind: EventKind, data?: unknown) {
    const id = recipientOf(req, token);
    writer ??= new EventWriter(req.ctx.db);
    try {
      if (id === null) return await writer.barrier();
      await writer.record({
        recipientId: id,
        kind,
        at: new Date(),
        method: req.method,
        userAgent: req.headers['user-agent'] ?? null,
        ip: req.ip,
        data,
      });
    } catch (err) {
      req.log.error({ err }, 'drill event not stored');
      throw new AppError('unavailable');
    }
  }

  const gif = (reply: FastifyReply) => reply.headers(GIF_HEADERS).send(PIXEL);

  const pixel = { tags, params: TokenParams, querystring: AnyQuery, produces: ['image/gif'] };
  // Every event is stored with its time, address, agent and method, so the per-request access log
  // lines would only repeat it (two lines per request, most of a pixel's cost); failures still log.
  const quiet = { logLevel: 'warn' } as const;
  r.get(
    '/t/o/:token',
    { ...quiet, config: open, schema: { ...pixel, summary: 'Open pixel of a lure (1×1 GIF)' } },
    async (req, reply) => {
      await track(req, req.params.token, 'open');
      return gif(reply);
    },
  );
  r.get(
    '/t/a/:token',
    {
      ...quiet,
      config: open,
      schema: { ...pixel, summary: 'Callback of the lure’s attachment when opened (1×1 GIF)' },
    },
    async (req, reply) => {
      await track(req, req.params.token, 'attachment');
      return gif(reply);
    },
  );
  r.get(
    '/t/c/:token',
    {
      ...quiet,
      config: open,
      schema: {
        tags,
        params: TokenParams,
        querystring: AnyQuery,
        summary: 'The lure’s link: records the click and shows the training page at once',
      },
    },
    async (req, reply) => {
      await track(req, req.params.token, 'click');
      const landing = `${req.server.mamoruConfig.publicUrl.replace(/\/$/, '')}/drill/${encodeURIComponent(req.params.token)}`;
      return reply
        .header('cache-control', 'no-store, max-age=0')
        .type('text/html; charset=utf-8')
        .send(
          thanksPage(
            '標的型メール訓練',
            [`<a href="${escapeHtml(landing)}">${escapeHtml(landing)}</a>`],
            landing,
          ),
        );
    },
  );
  const report = async (req: FastifyRequest<{ Params: { token: string } }>, reply: FastifyReply) => {
    await track(req, req.params.token, 'report');
    return reply
      .header('cache-control', 'no-store, max-age=0')
      .type('text/html; charset=utf-8')
      .send(
        thanksPage('報告を受け付けました', [
          '不審なメールの報告を受け付けました。ご協力ありがとうございます。',
          { html: 'Thank you: your report of a suspicious mail has been received.', lang: 'en' },
        ]),
      );
  };
  r.get(
    '/t/r/:token',
    {
      config: open,
      schema: { tags, params: TokenParams, querystring: AnyQuery, summary: 'Report the mail as suspicious' },
    },
    report,
  );
  r.post(
    '/t/r/:token',
    {
      config: open,
      schema: { tags, params: TokenParams, querystring: AnyQuery, summary: 'Report the mail as suspicious' },
    },
    report,
  );
  r.get(
    '/t/landing/:token',
    {
      config: open,
      schema: {
        tags,
        params: TokenParams,
        querystring: AnyQuery,
        summary: 'The training content and survey of the drill the token belongs to',
        response: { 200: LandingOut },
      },
    },
    async (req, reply) => {
      reply.header('cache-control', 'no-store, max-age=0');
      const id = recipientOf(req, req.params.token);
      if (id === null) return GENERIC_LANDING;
      const [d] = rowsOf<{ id: string }>(
        await req.ctx.db.execute(sql`select drill_id as id from drill_recipients where id = ${id}`),
      );
      if (!d) return GENERIC_LANDING;
      const [drill] = await req.ctx.db
        .select({ title: drills.title, trainingContent: drills.trainingContent, survey: drills.survey })
        .from(drills)
        .where(eq(drills.id, d.id));
      return drill ?? GENERIC_LANDING;
    },
  );
  r.post(
    '/t/survey/:token',
    {
      config: open,
      schema: {
        tags,
        params: TokenParams,
        querystring: AnyQuery,
        body: SurveyBody,
        summary: 'Answer the survey',
      },
    },
    async (req, reply) => {
      await track(req, req.params.token, 'survey', req.body.answers);
      return reply.code(204).send();
    },
  );
}
