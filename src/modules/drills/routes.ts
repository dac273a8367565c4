import type { FastifyInstance } from 'fastify';

/** Drill administration and results (logged-in users). */
export async function drillRoutes(_app: FastifyInstance) {}
