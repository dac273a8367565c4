import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorCtx } from '../../server/auth.js';
import { IdParams } from '../org/validation.js';
import {
  changePassword,
  createToken,
  disableTotp,
  enableTotp,
  getMe,
  listMyTokens,
  revokeMyToken,
  setupTotp,
  updateMe,
} from './me-service.js';
import {
  ChangePasswordBody,
  CreatedTokenOut,
  CreateTokenBody,
  MeOut,
  PasswordBody,
  TokenOut,
  TotpBody,
  TotpSetupOut,
  UpdateMeBody,
} from './validation.js';

export async function meRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['me'];
  const access = 'authenticated' as const;
  // A stolen token must not change the password, the second factor, or mint further tokens.
  const sessionOnly = true;

  r.get(
    '/me',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Your account, person, units, roles and permissions',
        response: { 200: MeOut },
      },
    },
    async (req) => getMe(actorCtx(req), req.session?.csrfToken ?? null),
  );
  r.patch(
    '/me',
    {
      config: { access },
      schema: { tags, summary: 'Your settings (language)', body: UpdateMeBody, response: { 200: MeOut } },
    },
    async (req) => {
      await updateMe(actorCtx(req), req.body);
      return getMe(actorCtx(req), req.session?.csrfToken ?? null);
    },
  );
  r.post(
    '/me/password',
    {
      config: {
        access,
        sessionOnly,
        allowPending: 'password',
        rateLimit: { max: 10, timeWindow: '1 minute' },
      },
      schema: { tags, body: ChangePasswordBody, response: { 204: z.null() } },
    },
    async (req, reply) => {
      await changePassword(actorCtx(req), req.body, req.session?.id ?? null);
      return reply.code(204).send(null);
    },
  );
  r.post(
    '/me/totp/setup',
    {
      config: { access, sessionOnly },
      schema: {
        tags,
        summary: 'Start TOTP enrolment: a new secret to put in an authenticator app',
        response: { 200: TotpSetupOut },
      },
    },
    async (req) => setupTotp(actorCtx(req)),
  );
  r.post(
    '/me/totp/enable',
    {
      config: { access, sessionOnly },
      schema: {
        tags,
        summary: 'Finish enrolment with a current code',
        body: TotpBody,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await enableTotp(actorCtx(req), req.body.code);
      return reply.code(204).send(null);
    },
  );
  r.post(
    '/me/totp/disable',
    { config: { access, sessionOnly }, schema: { tags, body: PasswordBody, response: { 204: z.null() } } },
    async (req, reply) => {
      await disableTotp(actorCtx(req), req.body.password);
      return reply.code(204).send(null);
    },
  );
  r.get(
    '/me/tokens',
    { config: { access }, schema: { tags, response: { 200: z.object({ items: z.array(TokenOut) }) } } },
    async (req) => ({
      items: await listMyTokens(actorCtx(req)),
    }),
  );
  r.post(
    '/me/tokens',
    {
      config: { access, sessionOnly },
      schema: {
        tags,
        summary: 'Create an API token (shown once) limited to some of your permissions',
        body: CreateTokenBody,
        response: { 201: CreatedTokenOut },
      },
    },
    async (req, reply) => reply.code(201).send(await createToken(actorCtx(req), req.body)),
  );
  r.delete(
    '/me/tokens/:id',
    { config: { access }, schema: { tags, params: IdParams, response: { 204: z.null() } } },
    async (req, reply) => {
      await revokeMyToken(actorCtx(req), req.params.id);
      return reply.code(204).send(null);
    },
  );
}
