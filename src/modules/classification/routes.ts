import type { FastifyInstance } from 'fastify';
import { classificationPolicyRoutes } from './policy-routes.js';
import { registerRoutes } from './register-routes.js';
import { requestRoutes } from './request-routes.js';

export async function classificationRoutes(app: FastifyInstance) {
  await app.register(classificationPolicyRoutes);
  await app.register(registerRoutes);
  await app.register(requestRoutes);
}
