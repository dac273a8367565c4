import type { FastifyInstance, FastifyRequest } from 'fastify';
import { loadActor } from '../modules/accounts/actor.js';
import { resolveApiToken, resolveSession, SESSION_COOKIE } from '../modules/accounts/auth-service.js';
import type { sessions } from '../modules/accounts/schema.js';
import { setSessionCookie } from '../modules/accounts/session-cookie.js';
import type { Ctx } from './context.js';
import { safeEqual } from './crypto.js';
import { AppError } from './errors.js';
import { negotiateLocale } from './locale.js';
import { type Actor, can, type Permission } from './policy.js';

/**
 * What a route needs: a permission (held somewhere; the service then checks the exact unit),
 * any signed-in user, or nothing. Routes without a declaration are refused at start-up.
 */
export type Access = Permission | 'authenticated' | 'public';

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
    /** Reachable while the password must be changed or the TOTP step is pending. */
    allowPending?: 'totp' | 'password' | 'any';
    /** Only with a browser session, never an API token (the account's own password, TOTP and tokens). */
    sessionOnly?: true;
  }
  interface FastifyRequest {
    actor: Actor | null;
    session: typeof sessions.$inferSelect | null;
    mustChangePassword: boolean;
    locale: import('../modules/accounts/schema.js').Locale;
    ctx: Ctx;
  }
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function bearerToken(request: FastifyRequest): string | null {
  const h = request.headers.authorization;
  if (!h?.toLowerCase().startsWith('bearer ')) return null;
  return h.slice(7).trim() || null;
}

export function registerAuth(app: FastifyInstance, base: Omit<Ctx, 'actor' | 'requestId' | 'ip'>) {
  app.decorateRequest('actor', null);
  app.decorateRequest('session', null);
  app.decorateRequest('mustChangePassword', false);
  app.decorateRequest('locale', 'ja');
  app.decorateRequest('ctx', null as unknown as Ctx);

  app.addHook('onRoute', (route) => {
    const url = route.url ?? route.path;
    if (url.startsWith('/api/') && !url.startsWith('/api/docs') && !route.config?.access) {
      throw new Error(`Route ${route.method} ${url} declares no access rule`);
    }
  });

  app.addHook('onRequest', async (request, reply) => {
    request.locale = negotiateLocale(null, request.headers['accept-language']);
    request.ctx = { ...base, actor: null, requestId: request.id, ip: request.ip };
    const access = request.routeOptions.config?.access;
    if (!access || !request.url.startsWith('/api/')) return;

    let expired = false;
    const bearer = bearerToken(request);
    if (bearer) {
      const tok = await resolveApiToken(request.ctx, bearer);
      if (tok) request.actor = await loadActor(base.db, tok.accountId, 'token', tok.scopes);
    } else {
      const cookie = request.cookies[SESSION_COOKIE];
      if (cookie) {
        const resolved = await resolveSession(request.ctx, cookie);
        if (resolved && 'expired' in resolved) expired = true;
        else if (resolved) {
          request.session = resolved.session;
          request.actor = await loadActor(base.db, resolved.session.accountId, 'session');
          if (!request.actor) request.session = null;
          else if (resolved.token)
            setSessionCookie(reply, base.config, resolved.token, resolved.session.expiresAt);
        }
      }
    }
    if (request.actor) {
      request.ctx.actor = request.actor;
      request.locale = negotiateLocale(request.actor.locale, request.headers['accept-language']);
      // Whoever signed in through the organisation's provider never types a Mamoru password.
      request.mustChangePassword = request.actor.mustChangePassword && request.session?.method !== 'oidc';
    }

    if (access === 'public') return;
    if (!request.actor) throw new AppError(expired ? 'session_expired' : 'unauthenticated');

    // Cookie-authenticated writes must echo the session's CSRF token (bearer tokens are not sent by browsers).
    if (request.session && UNSAFE.has(request.method)) {
      const sent = request.headers['x-csrf-token'];
      if (typeof sent !== 'string' || !safeEqual(sent, request.session.csrfToken))
        throw new AppError('csrf_failed');
    }
    const pending = request.routeOptions.config?.allowPending;
    if (request.session?.mfaPending && pending !== 'totp' && pending !== 'any')
      throw new AppError('totp_required');
    if (request.mustChangePassword && !request.session?.mfaPending && !pending) {
      throw new AppError('password_change_required');
    }
    // A token reaches only routes whose permission it carries; routes open to any signed-in user need
    // its `self` scope (a gateway token for one permission must not read the register or anyone's tasks).
    const scopes = request.actor.tokenScopes;
    if (scopes && !scopes.includes(access === 'authenticated' ? 'self' : access))
      throw new AppError('token_scope');
    if (scopes && request.routeOptions.config?.sessionOnly) throw new AppError('token_scope');
    if (access !== 'authenticated' && !can(request.actor, access)) throw new AppError('forbidden');
  });
}

/** The service context of a request whose route requires a signed-in actor. */
export function actorCtx(request: FastifyRequest) {
  if (!request.actor) throw new AppError('unauthenticated');
  return { ...request.ctx, actor: request.actor };
}
