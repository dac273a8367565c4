import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorCtx } from '../../server/auth.js';
import { listProbeRuns, requestProbe } from './probe-service.js';
import {
  HostParams,
  ProbeRequestBody,
  ProbeRunOut,
  ProbeRunsOut,
  ProbeRunsQuery,
} from './probe-validation.js';

/** Measured probes of ledger hosts (system.manage over the system's unit, or its responsible people). */
export async function probeRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['systems: probes'];
  // Authorization is per system (its unit or its responsible people), decided in the service.
  const signedIn = { access: 'authenticated' } as const;

  r.post(
    '/systems/hosts/:hostId/probes',
    {
      config: signedIn,
      schema: {
        tags,
        summary: 'Probe a ledger host (opt-in, allowed ports, rate-limited); runs in the background',
        params: HostParams,
        body: ProbeRequestBody,
        response: { 202: ProbeRunOut },
      },
    },
    async (req, reply) =>
      reply.code(202).send(await requestProbe(actorCtx(req), req.params.hostId, req.body)),
  );
  r.get(
    '/systems/hosts/:hostId/probes',
    {
      config: signedIn,
      schema: {
        tags,
        summary: 'The probe runs of a host, newest first (paged)',
        params: HostParams,
        querystring: ProbeRunsQuery,
        response: { 200: ProbeRunsOut },
      },
    },
    async (req) => listProbeRuns(actorCtx(req), req.params.hostId, req.query),
  );
}
