import { z } from 'zod';
import { str } from '../../server/validation.js';
import { Id } from '../org/validation.js';
import { EXCEPTION_STATES } from './schema.js';

const day = str().regex(/^\d{4}-\d{2}-\d{2}$/, 'yyyy-mm-dd');
const text = (max: number) => str().trim().max(max);

export const ExceptionBody = z.strictObject({
  clause: text(500).min(1),
  catalogItemId: text(64).min(1).nullable().optional(),
  reason: text(4000).min(1),
  scopePeople: text(2000).default(''),
  scopeSystems: text(2000).default(''),
  scopeInformation: text(2000).default(''),
  fromOn: day,
  toOn: day,
  measures: text(4000).min(1),
  /** A renewal: the approved exception this one continues. */
  renewsId: Id.nullable().optional(),
});
export type ExceptionBody = z.infer<typeof ExceptionBody>;

export const DecisionBody = z.strictObject({
  decision: z.enum(['approve', 'reject', 'return']),
  note: text(2000).optional(),
});

export const EXCEPTION_STATUSES = [
  'requested',
  'returned',
  'rejected',
  'withdrawn',
  'upcoming',
  'active',
  'expired',
] as const;

export const ExceptionQuery = z.strictObject({
  status: z.enum(EXCEPTION_STATUSES).optional(),
  q: text(200).optional(),
  mine: z.enum(['true', 'false']).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type ExceptionQuery = z.infer<typeof ExceptionQuery>;

export const ExceptionOut = z.object({
  id: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  requesterId: z.string(),
  requesterName: z.string(),
  clause: z.string(),
  catalogItemId: z.string().nullable(),
  reason: z.string(),
  scopePeople: z.string(),
  scopeSystems: z.string(),
  scopeInformation: z.string(),
  fromOn: z.string(),
  toOn: z.string(),
  measures: z.string(),
  state: z.enum(EXCEPTION_STATES),
  status: z.enum(EXCEPTION_STATUSES),
  decidedByName: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decisionNote: z.string().nullable(),
  renewsId: z.string().nullable(),
  renewedById: z.string().nullable(),
  /** What the caller may do with it. */
  can: z.object({ decide: z.boolean(), revise: z.boolean(), withdraw: z.boolean(), renew: z.boolean() }),
});
export type ExceptionOut = z.infer<typeof ExceptionOut>;

export const ExceptionSummaryOut = z.object({
  active: z.number().int(),
  expiringIn30Days: z.number().int(),
  expired: z.number().int(),
  pending: z.number().int(),
});
