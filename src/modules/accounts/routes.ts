import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorCtx } from '../../server/auth.js';
import { IdParams, Page } from '../org/validation.js';
import {
  createAccount,
  getAccount,
  listAccounts,
  resetPassword,
  resetTotp,
  setAccountDisabled,
  unlockAccount,
} from './service.js';
import {
  AccountDetailOut,
  AccountOut,
  CreateAccountBody,
  ListAccountsQuery,
  TemporaryPasswordOut,
  UpdateAccountBody,
} from './validation.js';

export async function accountRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['accounts'];
  const access = 'account.manage' as const;

  r.get(
    '/accounts',
    {
      config: { access },
      schema: { tags, querystring: ListAccountsQuery, response: { 200: Page(AccountOut) } },
    },
    async (req) => listAccounts(actorCtx(req), req.query),
  );
  r.get(
    '/accounts/:id',
    {
      config: { access },
      schema: {
        tags,
        summary: 'One account, with its recent failed logins per client address',
        params: IdParams,
        response: { 200: AccountDetailOut },
      },
    },
    async (req) => getAccount(actorCtx(req), req.params.id),
  );
  r.post(
    '/accounts',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Create a login for a person; returns a one-time temporary password',
        body: CreateAccountBody,
        response: { 201: TemporaryPasswordOut },
      },
    },
    async (req, reply) => reply.code(201).send(await createAccount(actorCtx(req), req.body)),
  );
  r.patch(
    '/accounts/:id',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Disable or re-enable an account',
        params: IdParams,
        body: UpdateAccountBody,
        response: { 200: AccountOut },
      },
    },
    async (req) => setAccountDisabled(actorCtx(req), req.params.id, req.body.disabled),
  );
  r.post(
    '/accounts/:id/reset-password',
    { config: { access }, schema: { tags, params: IdParams, response: { 200: TemporaryPasswordOut } } },
    async (req) => resetPassword(actorCtx(req), req.params.id),
  );
  r.post(
    '/accounts/:id/unlock',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Clear the login throttle of an account (解除)',
        params: IdParams,
        response: { 200: AccountOut },
      },
    },
    async (req) => unlockAccount(actorCtx(req), req.params.id),
  );
  r.post(
    '/accounts/:id/reset-totp',
    { config: { access }, schema: { tags, params: IdParams, response: { 200: AccountOut } } },
    async (req) => resetTotp(actorCtx(req), req.params.id),
  );
}
