import type { FastifyInstance } from 'fastify';
import { authRoutes } from '../modules/accounts/auth-routes.js';
import { meRoutes } from '../modules/accounts/me-routes.js';
import { accountRoutes } from '../modules/accounts/routes.js';
import { auditRoutes } from '../modules/audit/routes.js';
import { centralRoutes } from '../modules/central/routes.js';
import { classificationRoutes } from '../modules/classification/routes.js';
import { drillRoutes } from '../modules/drills/routes.js';
import { trackingRoutes } from '../modules/drills/tracking-routes.js';
import { importRoutes } from '../modules/org/import-routes.js';
import { orgRoutes } from '../modules/org/routes.js';
import { orgSettingsRoutes } from '../modules/org/settings-routes.js';
import { roleRoutes } from '../modules/roles/routes.js';
import { answerRoutes } from '../modules/selfcheck/answer-routes.js';
import { campaignRoutes } from '../modules/selfcheck/campaign-routes.js';
import { catalogRoutes } from '../modules/selfcheck/catalog-routes.js';
import { policyRoutes } from '../modules/selfcheck/policy-routes.js';
import { probeRoutes } from '../modules/systems/probe-routes.js';
import { trainingRoutes } from '../modules/training/routes.js';
import { mailRoutes } from './mail-routes.js';
import { metaRoutes } from './meta-routes.js';

/** Every capability's routes, under /api. Later modules add theirs here. */
export async function apiRoutes(app: FastifyInstance) {
  await app.register(metaRoutes);
  await app.register(authRoutes, { prefix: '/v1' });
  await app.register(meRoutes, { prefix: '/v1' });
  await app.register(orgRoutes, { prefix: '/v1' });
  await app.register(orgSettingsRoutes, { prefix: '/v1' });
  await app.register(importRoutes, { prefix: '/v1' });
  await app.register(roleRoutes, { prefix: '/v1' });
  await app.register(accountRoutes, { prefix: '/v1' });
  await app.register(auditRoutes, { prefix: '/v1' });
  await app.register(catalogRoutes, { prefix: '/v1' });
  await app.register(policyRoutes, { prefix: '/v1' });
  await app.register(campaignRoutes, { prefix: '/v1' });
  await app.register(answerRoutes, { prefix: '/v1' });
  await app.register(centralRoutes, { prefix: '/v1' });
  await app.register(classificationRoutes, { prefix: '/v1' });
  await app.register(trainingRoutes, { prefix: '/v1' });
  await app.register(drillRoutes, { prefix: '/v1' });
  await app.register(trackingRoutes, { prefix: '/v1' });
  await app.register(mailRoutes, { prefix: '/v1' });
  await app.register(probeRoutes, { prefix: '/v1' });
}
