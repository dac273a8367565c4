import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { todayInJapan } from '../../lib/dates.js';
import { writeXlsx, XLSX_TYPE } from '../../lib/export.js';
import { actorCtx } from '../../server/auth.js';
import { Binary, sendDownload } from '../../server/files.js';
import { IdParams, Page } from '../org/validation.js';
import {
  decideException,
  exceptionSummary,
  getException,
  listExceptions,
  registerRows,
  requestException,
  reviseException,
  withdrawException,
} from './service.js';
import {
  DecisionBody,
  ExceptionBody,
  ExceptionOut,
  ExceptionQuery,
  ExceptionSummaryOut,
} from './validation.js';

const STATUS_JA: Record<ExceptionOut['status'], string> = {
  requested: '申請中',
  returned: '差戻し',
  rejected: '却下',
  withdrawn: '取下げ',
  upcoming: '承認済（開始前）',
  active: '有効',
  expired: '期間終了',
};

/** 例外措置: requests by anyone signed in, decisions by the 情報セキュリティ責任者, the register for auditors. */
export async function exceptionRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['exceptions'];
  const signedIn = { access: 'authenticated' } as const;

  r.get(
    '/exceptions',
    {
      config: signedIn,
      schema: {
        tags,
        summary: 'Exceptions the caller may see (own requests, the register of the subtree)',
        querystring: ExceptionQuery,
        response: { 200: Page(ExceptionOut) },
      },
    },
    async (req) => listExceptions(actorCtx(req), req.query),
  );
  r.get(
    '/exceptions/summary',
    {
      config: signedIn,
      schema: { tags, summary: 'Dashboard counts', response: { 200: ExceptionSummaryOut } },
    },
    async (req) => exceptionSummary(actorCtx(req)),
  );
  r.get(
    '/exceptions/register.xlsx',
    {
      config: { access: 'exception.view' },
      schema: {
        tags,
        summary: 'The register as .xlsx (003 L940-944)',
        querystring: ExceptionQuery.omit({ page: true, pageSize: true }),
        response: { 200: Binary },
      },
    },
    async (req, reply) => {
      const ctx = actorCtx(req);
      const rows = await registerRows(ctx, req.query);
      const body = await writeXlsx(
        '例外措置台帳',
        [
          '部局・課室',
          '申請者',
          '条項',
          '項目番号',
          '理由',
          '対象者',
          '対象システム',
          '対象情報',
          '開始日',
          '終了日',
          '代替措置',
          '状況',
          '判断者',
          '判断日',
          '更新元',
        ],
        rows.map((x) => [
          x.unitName,
          x.requesterName,
          x.clause,
          x.catalogItemId,
          x.reason,
          x.scopePeople,
          x.scopeSystems,
          x.scopeInformation,
          x.fromOn,
          x.toOn,
          x.measures,
          STATUS_JA[x.status],
          x.decidedByName,
          x.decidedAt?.slice(0, 10) ?? null,
          x.renewsId,
        ]),
      );
      return sendDownload(reply, { body, type: XLSX_TYPE, filename: `exceptions-${todayInJapan()}.xlsx` });
    },
  );
  r.post(
    '/exceptions',
    {
      config: signedIn,
      schema: {
        tags,
        summary: 'Request an exception (or a renewal)',
        body: ExceptionBody,
        response: { 201: ExceptionOut },
      },
    },
    async (req, reply) => reply.code(201).send(await requestException(actorCtx(req), req.body)),
  );
  r.get(
    '/exceptions/:id',
    { config: signedIn, schema: { tags, params: IdParams, response: { 200: ExceptionOut } } },
    async (req) => getException(actorCtx(req), req.params.id),
  );
  r.put(
    '/exceptions/:id',
    {
      config: signedIn,
      schema: {
        tags,
        summary: 'Edit a pending or returned request (the requester)',
        params: IdParams,
        body: ExceptionBody,
        response: { 200: ExceptionOut },
      },
    },
    async (req) => reviseException(actorCtx(req), req.params.id, req.body),
  );
  r.post(
    '/exceptions/:id/withdraw',
    { config: signedIn, schema: { tags, params: IdParams, response: { 200: ExceptionOut } } },
    async (req) => withdrawException(actorCtx(req), req.params.id),
  );
  r.post(
    '/exceptions/:id/decision',
    {
      config: { access: 'exception.approve' },
      schema: {
        tags,
        summary: 'Approve, reject or return (exception.approve over the unit; 002 L279)',
        params: IdParams,
        body: DecisionBody,
        response: { 200: ExceptionOut },
      },
    },
    async (req) => decideException(actorCtx(req), req.params.id, req.body),
  );
}
