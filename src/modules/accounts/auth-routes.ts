import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorCtx } from '../../server/auth.js';
import { completeTotp, login, logout, SESSION_COOKIE } from './auth-service.js';
import { getMe } from './me-service.js';
import { clearSessionCookie, setSessionCookie } from './session-cookie.js';
import { LoginBody, LoginOut, SessionOut, TotpBody } from './validation.js';

export async function authRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['auth'];

  r.post(
    '/auth/login',
    {
      config: {
        access: 'public',
        rateLimit: { max: (_req, _key) => _req.ctx.config.login.ratePerMinute, timeWindow: '1 minute' },
      },
      schema: {
        tags,
        summary: 'Log in with a password; the answer says whether a TOTP code is needed next',
        body: LoginBody,
        response: { 200: LoginOut },
      },
    },
    async (req, reply) => {
      const result = await login(req.ctx, {
        ...req.body,
        userAgent: req.headers['user-agent'] ?? null,
        replaces: req.cookies[SESSION_COOKIE] ?? null,
      });
      setSessionCookie(reply, req.ctx.config, result.token, result.session.expiresAt);
      return { status: result.status, csrfToken: result.session.csrfToken };
    },
  );

  r.post(
    '/auth/totp',
    {
      config: {
        access: 'authenticated',
        allowPending: 'totp',
        rateLimit: { max: 30, timeWindow: '1 minute' },
      },
      schema: {
        tags,
        summary: 'Second login step: the 6-digit code from the authenticator app',
        body: TotpBody,
        response: { 200: LoginOut },
      },
    },
    async (req, reply) => {
      const result = await completeTotp(
        req.ctx,
        req.session!,
        req.body.code,
        req.headers['user-agent'] ?? null,
      );
      setSessionCookie(reply, req.ctx.config, result.token, result.session.expiresAt);
      return { status: result.status, csrfToken: result.session.csrfToken };
    },
  );

  r.post(
    '/auth/logout',
    {
      config: { access: 'authenticated', allowPending: 'any' },
      schema: { tags, response: { 204: z.null() } },
    },
    async (req, reply) => {
      if (req.session) await logout(actorCtx(req), req.session);
      clearSessionCookie(reply, req.ctx.config);
      return reply.code(204).send(null);
    },
  );

  r.get(
    '/auth/session',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Who is logged in, and what step of login is pending',
        response: { 200: SessionOut },
      },
    },
    async (req) => {
      if (!req.actor) return { status: 'anonymous' as const, me: null };
      if (req.session?.mfaPending) return { status: 'totp_required' as const, me: null };
      const me = await getMe(actorCtx(req), req.session?.csrfToken ?? null);
      return {
        status: req.mustChangePassword ? ('password_change_required' as const) : ('ok' as const),
        me,
      };
    },
  );
}
