import type { FastifyInstance } from 'fastify';

/** The tracking endpoints recipients' mail and browsers call: no login (access 'public'). */
export async function trackingRoutes(_app: FastifyInstance) {}
