import type { FastifyInstance } from 'fastify';
import { engagementRoutes } from './engagement-routes.js';
import { findingRoutes } from './finding-routes.js';
import { planRoutes } from './plan-routes.js';

/** Security audits (監査): plans and calendar, engagements and working papers, findings. */
export async function secauditRoutes(app: FastifyInstance) {
  await app.register(planRoutes);
  await app.register(engagementRoutes);
  await app.register(findingRoutes);
}
