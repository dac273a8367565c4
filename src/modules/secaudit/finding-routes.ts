import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { writeXlsx, XLSX_TYPE } from '../../lib/export.js';
import { actorCtx } from '../../server/auth.js';
import { Binary, sendDownload } from '../../server/files.js';
import { IdParams, Page } from '../org/validation.js';
import {
  createFinding,
  findingRows,
  findingSummary,
  getFinding,
  listFindings,
  respondFinding,
  returnFinding,
  updateFinding,
  verifyFinding,
} from './finding-service.js';
import {
  FindingBody,
  FindingDetailOut,
  FindingExportQuery,
  FindingOut,
  FindingQuery,
  FindingSummaryOut,
  NoteBody,
  RespondBody,
  UpdateFindingBody,
} from './validation.js';

const SEVERITY_JA = { high: '高', medium: '中', low: '低' } as const;
const STATE_JA = { open: '未対応', responded: '対応報告済', closed: '確認済（完了）' } as const;

/** Findings (指摘事項): the board, the auditee's response and the auditor's verification. */
export async function findingRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['secaudit'];
  // The audit team, secaudit.view holders and the audited unit's head: decided per finding in the service.
  const signedIn = { access: 'authenticated' } as const;

  r.get(
    '/secaudit/findings',
    {
      config: signedIn,
      schema: {
        tags,
        summary: 'The findings board of a fiscal year (carried-over included)',
        querystring: FindingQuery,
        response: { 200: Page(FindingOut).extend({ fiscalYear: z.number().int() }) },
      },
    },
    async (req) => listFindings(actorCtx(req), req.query),
  );
  r.get(
    '/secaudit/findings/summary',
    { config: signedIn, schema: { tags, response: { 200: FindingSummaryOut } } },
    async (req) => findingSummary(actorCtx(req)),
  );
  r.get(
    '/secaudit/findings/export.xlsx',
    { config: signedIn, schema: { tags, querystring: FindingExportQuery, response: { 200: Binary } } },
    async (req, reply) => {
      const { fiscalYear, items } = await findingRows(actorCtx(req), req.query);
      const body = await writeXlsx(
        `${fiscalYear}年度 指摘事項`,
        [
          '指摘年度',
          '繰越',
          '監査',
          '部局・課室',
          '条項',
          '指摘内容',
          '原因',
          '重要度',
          '改善提案',
          '状況',
          '回答',
          '改善計画',
          '期限',
          '期限超過',
          '完了日',
        ],
        items.map((x) => [
          x.fiscalYear,
          x.carriedOver ? '繰越' : '',
          x.engagementTitle,
          x.unitName,
          x.clause,
          x.condition,
          x.cause,
          SEVERITY_JA[x.severity],
          x.proposal,
          STATE_JA[x.state],
          x.response,
          x.responsePlan,
          x.dueOn,
          x.pastDue ? '超過' : '',
          x.closedAt?.slice(0, 10) ?? null,
        ]),
      );
      return sendDownload(reply, { body, type: XLSX_TYPE, filename: `findings-${fiscalYear}.xlsx` });
    },
  );
  r.post(
    '/secaudit/findings',
    {
      config: { access: 'secaudit.manage' },
      schema: { tags, body: FindingBody, response: { 201: FindingDetailOut } },
    },
    async (req, reply) => reply.code(201).send(await createFinding(actorCtx(req), req.body)),
  );
  r.get(
    '/secaudit/findings/:id',
    {
      config: signedIn,
      schema: {
        tags,
        params: IdParams,
        querystring: z.strictObject({ fiscalYear: z.coerce.number().int().min(2000).max(2100).optional() }),
        response: { 200: FindingDetailOut },
      },
    },
    async (req) => getFinding(actorCtx(req), req.params.id, req.query.fiscalYear),
  );
  r.patch(
    '/secaudit/findings/:id',
    {
      config: { access: 'secaudit.manage' },
      schema: { tags, params: IdParams, body: UpdateFindingBody, response: { 200: FindingDetailOut } },
    },
    async (req) => updateFinding(actorCtx(req), req.params.id, req.body),
  );
  r.post(
    '/secaudit/findings/:id/response',
    {
      config: signedIn,
      schema: {
        tags,
        summary: 'The audited unit’s head responds with a plan and due date',
        params: IdParams,
        body: RespondBody,
        response: { 200: FindingDetailOut },
      },
    },
    async (req) => respondFinding(actorCtx(req), req.params.id, req.body),
  );
  r.post(
    '/secaudit/findings/:id/return',
    {
      config: { access: 'secaudit.manage' },
      schema: { tags, params: IdParams, body: NoteBody, response: { 200: FindingDetailOut } },
    },
    async (req) => returnFinding(actorCtx(req), req.params.id, req.body.note),
  );
  r.post(
    '/secaudit/findings/:id/verify',
    {
      config: { access: 'secaudit.manage' },
      schema: {
        tags,
        summary: 'The auditor verifies the fix: closed',
        params: IdParams,
        body: NoteBody,
        response: { 200: FindingDetailOut },
      },
    },
    async (req) => verifyFinding(actorCtx(req), req.params.id, req.body.note),
  );
}
