import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorCtx } from '../../server/auth.js';
import { Binary, sendDownload } from '../../server/files.js';
import { CONTRACT_CHECKS, SNS_CHECKLIST, SPEC_ITEMS } from './checklists.js';
import { cloudRoutes } from './cloud-routes.js';
import { contractRoutes } from './contract-routes.js';
import { dashboard } from './dashboard-service.js';
import { snsRoutes } from './sns-routes.js';
import { DOCX_TYPE, specAsDocx, specAsText } from './spec-service.js';
import { ChecklistsOut, DashboardOut, SpecBody, SpecTextOut } from './validation.js';

/** Cloud services, SNS accounts and outsourcing (issue #10 parts 4 and 5). */
export async function vendorRoutes(app: FastifyInstance) {
  await app.register(cloudRoutes);
  await app.register(snsRoutes);
  await app.register(contractRoutes);
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['vendors'];
  r.get(
    '/vendors/checklists',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'The SNS checklist, specification items and contract checks, with their sources',
        response: { 200: ChecklistsOut },
      },
    },
    async () => ({
      sns: [...SNS_CHECKLIST],
      spec: [...SPEC_ITEMS],
      checks: {
        contract: [...CONTRACT_CHECKS.contract],
        during: [...CONTRACT_CHECKS.during],
        delivery: [...CONTRACT_CHECKS.delivery],
      },
    }),
  );
  r.post(
    '/vendors/spec/text',
    {
      config: { access: 'vendor.view' },
      schema: {
        tags,
        summary: 'The ticked items as clauses to copy',
        body: SpecBody,
        response: { 200: SpecTextOut },
      },
    },
    async (req) => specAsText(req.body.items),
  );
  r.post(
    '/vendors/spec/docx',
    {
      config: { access: 'vendor.view' },
      schema: {
        tags,
        summary: 'The ticked items as clauses in a .docx',
        body: SpecBody,
        response: { 200: Binary },
      },
    },
    async (req, reply) =>
      sendDownload(reply, {
        body: await specAsDocx(req.body.items),
        type: DOCX_TYPE,
        filename: '情報セキュリティに関する事項.docx',
      }),
  );
  r.get(
    '/vendors/dashboard',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'Re-confirmations due, certificates expiring, contracts with open checks',
        response: { 200: DashboardOut },
      },
    },
    async (req) => dashboard(actorCtx(req)),
  );
}
