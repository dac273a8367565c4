import type { FastifyInstance } from 'fastify';

export async function classificationRoutes(_app: FastifyInstance) {}
