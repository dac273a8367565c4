import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../server/errors.js';
import { str } from '../../server/validation.js';
import { SESSION_COOKIE } from './auth-service.js';
import {
  finishOidcLogin,
  OIDC_COOKIE,
  OIDC_COOKIE_PATH,
  OIDC_FLOW_SECONDS,
  OidcRefusal,
  startOidcLogin,
} from './oidc-service.js';
import { setSessionCookie } from './session-cookie.js';

export const OidcInfoOut = z.object({ enabled: z.boolean(), label: z.string().nullable() });

// The provider sends the browser back with any of these; openid-client checks them.
const CallbackQuery = z.object({
  code: str().max(4096).optional(),
  state: str().max(1024).optional(),
  iss: str().max(2048).optional(),
  session_state: str().max(2048).optional(),
  error: str().max(256).optional(),
  error_description: str().max(2048).optional(),
  error_uri: str().max(2048).optional(),
});

/** Failures end on the login page, which shows the message for the code (never the provider's text). */
function toLoginPage(req: FastifyRequest, reply: FastifyReply, err: unknown) {
  const refusal = err instanceof OidcRefusal ? err : new OidcRefusal('failed', err);
  const cause = refusal.reason ?? (err instanceof OidcRefusal ? undefined : err);
  if (cause) req.log.warn({ err: cause, code: refusal.code }, 'single sign-on failed');
  clearFlowCookie(req, reply);
  return reply.redirect(`/login?sso_error=${refusal.code}`, 303);
}

function clearFlowCookie(req: FastifyRequest, reply: FastifyReply) {
  reply.clearCookie(OIDC_COOKIE, {
    path: OIDC_COOKIE_PATH,
    httpOnly: true,
    sameSite: 'lax',
    secure: req.ctx.config.cookieSecure,
  });
}

export async function oidcRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['auth'];

  r.get(
    '/auth/oidc',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: "Whether sign-in with the organisation's account (OpenID Connect) is offered",
        response: { 200: OidcInfoOut },
      },
    },
    async (req) => {
      const cfg = req.ctx.config.oidc;
      return { enabled: cfg !== null, label: cfg?.label ?? null };
    },
  );

  r.get(
    '/auth/oidc/start',
    {
      config: { access: 'public', rateLimit: { max: 30, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary: "Sends the browser to the organisation's identity provider (code flow, PKCE, state, nonce)",
        response: { 303: z.null() },
      },
    },
    async (req, reply) => {
      const cfg = req.ctx.config.oidc;
      if (!cfg) throw new AppError('not_found');
      try {
        const { url, cookie } = await startOidcLogin(req.ctx, cfg);
        // SameSite=Lax: the provider's redirect back is a top-level GET, which Lax cookies accompany.
        reply.setCookie(OIDC_COOKIE, cookie, {
          path: OIDC_COOKIE_PATH,
          httpOnly: true,
          sameSite: 'lax',
          secure: req.ctx.config.cookieSecure,
          maxAge: OIDC_FLOW_SECONDS,
        });
        return reply.redirect(url, 303);
      } catch (err) {
        return toLoginPage(req, reply, err);
      }
    },
  );

  r.get(
    '/auth/oidc/callback',
    {
      config: { access: 'public', rateLimit: { max: 30, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary: 'Where the identity provider returns: opens a session like a password login',
        querystring: CallbackQuery,
        response: { 303: z.null() },
      },
    },
    async (req, reply) => {
      const cfg = req.ctx.config.oidc;
      if (!cfg) throw new AppError('not_found');
      try {
        const q = req.url.indexOf('?');
        const opened = await finishOidcLogin(req.ctx, cfg, {
          query: q >= 0 ? req.url.slice(q) : '',
          sealed: req.cookies[OIDC_COOKIE],
          userAgent: req.headers['user-agent'] ?? null,
          replaces: req.cookies[SESSION_COOKIE] ?? null,
        });
        clearFlowCookie(req, reply);
        setSessionCookie(reply, req.ctx.config, opened.token, opened.session.expiresAt);
        return reply.redirect('/', 303);
      } catch (err) {
        return toLoginPage(req, reply, err);
      }
    },
  );
}
