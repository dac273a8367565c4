import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorCtx } from '../../server/auth.js';
import {
  getOrgSettings,
  OrgSettingsOut,
  UpdateOrgSettingsBody,
  updateOrgSettings,
} from './settings-service.js';

export async function orgSettingsRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['org'];
  r.get(
    '/org/settings',
    {
      config: { access: 'org.read' },
      schema: { tags, summary: "The agency's settings", response: { 200: OrgSettingsOut } },
    },
    async (req) => getOrgSettings(actorCtx(req)),
  );
  r.patch(
    '/org/settings',
    {
      config: { access: 'org.manage' },
      schema: {
        tags,
        summary: 'Change the agency settings (org.manage agency-wide; audited)',
        body: UpdateOrgSettingsBody,
        response: { 200: OrgSettingsOut },
      },
    },
    async (req) => updateOrgSettings(actorCtx(req), req.body),
  );
}
