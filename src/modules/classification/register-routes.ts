import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorCtx } from '../../server/auth.js';
import { Binary, sendDownload } from '../../server/files.js';
import { IdParams } from '../org/validation.js';
import { dashboard } from './dashboard-service.js';
import { overview } from './overview-service.js';
import { getEntry, listEntries } from './register-query.js';
import {
  archiveEntry,
  confirmEntry,
  createEntry,
  returnEntry,
  reviewEntry,
  updateEntry,
} from './register-service.js';
import {
  ArchiveEntryBody,
  ConfirmEntryBody,
  CreateEntryBody,
  EntryDetailOut,
  EntryPageOut,
  ExportEntriesQuery,
  ListEntriesQuery,
  OverviewOut,
  OverviewQuery,
  ReturnEntryBody,
  ReviewEntryBody,
  UpdateEntryBody,
} from './register-validation.js';
import { exportRegister } from './register-xlsx.js';
import { DashboardOut } from './request-validation.js';

/**
 * The register. Every staff member may register and read what they are allowed to see ('authenticated'):
 * the services decide per entry (register-access.ts) and answer "not found" for the rest.
 */
export async function registerRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['classification: register'];
  const staff = { access: 'authenticated' } as const;

  r.get(
    '/classification/entries',
    {
      config: staff,
      schema: {
        tags,
        summary:
          'Register entries the caller may see, filtered (level, restriction, unit, status, review due, text)',
        querystring: ListEntriesQuery,
        response: { 200: EntryPageOut },
      },
    },
    async (req) => listEntries(actorCtx(req), req.query),
  );
  r.post(
    '/classification/entries',
    {
      config: staff,
      schema: {
        tags,
        summary: 'Register (propose) a classification; serial-numbered levels get their number now',
        body: CreateEntryBody,
        response: { 201: EntryDetailOut },
      },
    },
    async (req, reply) => reply.code(201).send(await createEntry(actorCtx(req), req.body)),
  );
  r.get(
    '/classification/entries/export',
    {
      config: staff,
      schema: {
        tags,
        summary: "A unit's register as .xlsx (only the entries the caller may see)",
        querystring: ExportEntriesQuery,
        response: { 200: Binary },
      },
    },
    async (req, reply) => sendDownload(reply, await exportRegister(actorCtx(req), req.query)),
  );
  r.get(
    '/classification/entries/:id',
    { config: staff, schema: { tags, params: IdParams, response: { 200: EntryDetailOut } } },
    async (req) => getEntry(actorCtx(req), req.params.id),
  );
  r.patch(
    '/classification/entries/:id',
    {
      config: staff,
      schema: {
        tags,
        summary: 'Correct a proposed or returned entry (owner); proposes it again',
        params: IdParams,
        body: UpdateEntryBody,
        response: { 200: EntryDetailOut },
      },
    },
    async (req) => updateEntry(actorCtx(req), req.params.id, req.body),
  );
  r.post(
    '/classification/entries/:id/confirm',
    {
      config: { access: 'classification.confirm' },
      schema: { tags, params: IdParams, body: ConfirmEntryBody, response: { 200: EntryDetailOut } },
    },
    async (req) => confirmEntry(actorCtx(req), req.params.id, req.body),
  );
  r.post(
    '/classification/entries/:id/return',
    {
      config: { access: 'classification.confirm' },
      schema: {
        tags,
        summary: 'Return a proposal with a correction comment',
        params: IdParams,
        body: ReturnEntryBody,
        response: { 200: EntryDetailOut },
      },
    },
    async (req) => returnEntry(actorCtx(req), req.params.id, req.body),
  );
  r.post(
    '/classification/entries/:id/review',
    {
      config: staff,
      schema: { tags, params: IdParams, body: ReviewEntryBody, response: { 200: EntryDetailOut } },
    },
    async (req) => reviewEntry(actorCtx(req), req.params.id, req.body),
  );
  r.post(
    '/classification/entries/:id/archive',
    {
      config: staff,
      schema: { tags, params: IdParams, body: ArchiveEntryBody, response: { 200: EntryDetailOut } },
    },
    async (req) => archiveEntry(actorCtx(req), req.params.id, req.body),
  );
  r.get(
    '/classification/overview',
    {
      config: { access: 'classification.overview' },
      schema: {
        tags,
        summary: 'Counts of entries by unit, level and status (no titles)',
        querystring: OverviewQuery,
        response: { 200: OverviewOut },
      },
    },
    async (req) => overview(actorCtx(req), req.query),
  );
  r.get(
    '/classification/dashboard',
    {
      config: staff,
      schema: {
        tags,
        summary: 'Pending confirmations, requests to decide and reviews due, within the caller’s scope',
        response: { 200: DashboardOut },
      },
    },
    async (req) => dashboard(actorCtx(req)),
  );
}
