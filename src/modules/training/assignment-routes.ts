import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorCtx } from '../../server/auth.js';
import { acceptFileBodies, fileBody } from '../../server/files.js';
import { IdParams } from '../org/validation.js';
import { assignManually } from './assignment-service.js';
import { requestReminders } from './reminders.js';
import { createRule, deleteRule, listRules, requestApplyRules, updateRule } from './rule-service.js';
import {
  createSession,
  getSession,
  importAttendance,
  listSessions,
  recordAttendance,
} from './session-service.js';
import {
  AssignResultOut,
  AttendanceBody,
  AttendanceImportOut,
  AttendanceImportQuery,
  AttendanceResultOut,
  CreateRuleBody,
  CreateSessionBody,
  JobQueuedOut,
  ManualAssignBody,
  RemindBody,
  RuleOut,
  SessionDetailOut,
  SessionOut,
  UpdateRuleBody,
} from './validation.js';

/** Who must take which course: rules, manual assignment, reminders, classroom sessions (training.manage). */
export async function assignmentRoutes(app: FastifyInstance) {
  const bodyLimit = acceptFileBodies(app);
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['training: assignment'];
  const manage = { access: 'training.manage' } as const;

  r.get(
    '/training/rules',
    {
      config: manage,
      schema: { tags, summary: 'Assignment rules', response: { 200: z.object({ items: z.array(RuleOut) }) } },
    },
    async (req) => listRules(actorCtx(req)),
  );
  r.post(
    '/training/rules',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Create an assignment rule (roles, unit subtrees, hired on or after, due days)',
        body: CreateRuleBody,
        response: { 201: RuleOut },
      },
    },
    async (req, reply) => reply.code(201).send(await createRule(actorCtx(req), req.body)),
  );
  r.patch(
    '/training/rules/:id',
    { config: manage, schema: { tags, params: IdParams, body: UpdateRuleBody, response: { 200: RuleOut } } },
    async (req) => updateRule(actorCtx(req), req.params.id, req.body),
  );
  r.delete(
    '/training/rules/:id',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Delete a rule (its assignments stay)',
        params: IdParams,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await deleteRule(actorCtx(req), req.params.id);
      return reply.code(204).send(null);
    },
  );
  r.post(
    '/training/rules/apply',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Apply all active rules now (a background job)',
        response: { 202: JobQueuedOut },
      },
    },
    async (req, reply) => reply.code(202).send(await requestApplyRules(actorCtx(req))),
  );
  r.post(
    '/training/courses/:id/assignments',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Assign a published course to people or units (idempotent)',
        params: IdParams,
        body: ManualAssignBody,
        response: { 200: AssignResultOut },
      },
    },
    async (req) => assignManually(actorCtx(req), req.params.id, req.body),
  );
  r.post(
    '/training/courses/:id/reminders',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Mail everyone incomplete (in a unit, or the agency) a reminder now',
        params: IdParams,
        body: RemindBody,
        response: { 202: JobQueuedOut },
      },
    },
    async (req, reply) =>
      reply.code(202).send(await requestReminders(actorCtx(req), req.params.id, req.body.unitId)),
  );
  r.get(
    '/training/courses/:id/sessions',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Classroom sessions of a course',
        params: IdParams,
        response: { 200: z.object({ items: z.array(SessionOut) }) },
      },
    },
    async (req) => listSessions(actorCtx(req), req.params.id),
  );
  r.post(
    '/training/courses/:id/sessions',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Add a classroom session',
        params: IdParams,
        body: CreateSessionBody,
        response: { 201: SessionOut },
      },
    },
    async (req, reply) => reply.code(201).send(await createSession(actorCtx(req), req.params.id, req.body)),
  );
  r.get(
    '/training/sessions/:id',
    {
      config: manage,
      schema: {
        tags,
        summary: 'A session with the attendance of people in my scope',
        params: IdParams,
        response: { 200: SessionDetailOut },
      },
    },
    async (req) => getSession(actorCtx(req), req.params.id),
  );
  r.put(
    '/training/sessions/:id/attendance',
    {
      config: manage,
      schema: {
        tags,
        summary: "Record attendance; attending completes the person's open assignment of the course",
        params: IdParams,
        body: AttendanceBody,
        response: { 200: AttendanceResultOut },
      },
    },
    async (req) => recordAttendance(actorCtx(req), req.params.id, req.body.entries),
  );
  r.post(
    '/training/sessions/:id/attendance/import',
    {
      config: manage,
      bodyLimit,
      schema: {
        tags,
        summary: 'Import attendance from .xlsx or CSV (職員番号, 出欠: 出席/欠席)',
        description:
          'Any bad row rejects the file (422 import_invalid, every error with line and column). dryRun=true changes nothing.',
        params: IdParams,
        querystring: AttendanceImportQuery,
        response: { 200: AttendanceImportOut },
      },
    },
    async (req) =>
      importAttendance(actorCtx(req), req.params.id, fileBody(req.body), req.query.dryRun === 'true'),
  );
}
