import type { FastifyInstance } from 'fastify';
import { assignmentRoutes } from './assignment-routes.js';
import { completionRoutes } from './completion-routes.js';
import { courseRoutes } from './course-routes.js';
import { learnerRoutes } from './learner-routes.js';
import { surveyRoutes } from './survey-routes.js';

export async function trainingRoutes(app: FastifyInstance) {
  await app.register(courseRoutes);
  await app.register(learnerRoutes);
  await app.register(assignmentRoutes);
  await app.register(completionRoutes);
  await app.register(surveyRoutes);
}
