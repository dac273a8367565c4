import { z } from 'zod';
import { str } from '../../server/validation.js';
import { PROBE_KINDS } from './schema.js';

export const HostParams = z.object({ hostId: z.uuid() });

/** The request names what to measure, never where: the target comes from the ledger row. */
export const ProbeRequestBody = z.strictObject({
  kind: z.enum(PROBE_KINDS),
  /** One of the host's allowed ports (default: 443 for tls, 80 for http, 25 for mail). */
  port: z.number().int().min(1).max(65535).optional(),
});
export type ProbeRequestBody = z.infer<typeof ProbeRequestBody>;

export const ProbeRunsQuery = z.object({
  kind: z.enum(PROBE_KINDS).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  q: str().max(200).optional(),
});
export type ProbeRunsQuery = z.infer<typeof ProbeRunsQuery>;

export const ProbeRunOut = z.object({
  id: z.uuid(),
  hostId: z.uuid(),
  systemId: z.uuid(),
  kind: z.enum(PROBE_KINDS),
  target: z.string(),
  status: z.enum(['running', 'done', 'failed']),
  result: z.unknown().nullable(),
  error: z.string().nullable(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type ProbeRunOut = z.infer<typeof ProbeRunOut>;

export const ProbeRunsOut = z.object({
  items: z.array(ProbeRunOut),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
