import { z } from 'zod';
import { str } from '../../server/validation.js';
import { Id } from '../org/validation.js';
import { AffectedProductIn } from '../systems/public.js';
import { ALERT_KINDS } from './schema.js';

const day = str().regex(/^\d{4}-\d{2}-\d{2}$/, 'yyyy-mm-dd');
const text = (max: number) => str().trim().max(max);
const paging = {
  q: text(200).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
};

export const AlertBody = z.strictObject({
  kind: z.enum(ALERT_KINDS),
  titleJa: text(300).min(1),
  titleEn: text(300).min(1).nullable().default(null),
  body: text(20000).min(1),
  products: z.array(AffectedProductIn).max(100).default([]),
  reportRequested: z.boolean().default(false),
  reportDueOn: day.nullable().default(null),
  /** null: every agency; otherwise the chosen agencies. */
  agencyIds: z.array(Id).min(1).max(500).nullable().default(null),
});
export type AlertBody = z.infer<typeof AlertBody>;

export const ALERT_STATUSES = ['draft', 'published', 'withdrawn'] as const;
export const AlertQuery = z.strictObject({ ...paging, status: z.enum(ALERT_STATUSES).optional() });
export type AlertQuery = z.infer<typeof AlertQuery>;

const Product = z.object({
  vendor: z.string(),
  product: z.string(),
  cpe: z.string().nullable(),
  ranges: z.array(z.record(z.string(), z.unknown())),
});

const alertFields = {
  id: z.string(),
  kind: z.enum(ALERT_KINDS),
  titleJa: z.string(),
  titleEn: z.string().nullable(),
  body: z.string(),
  products: z.array(Product),
  reportRequested: z.boolean(),
  reportDueOn: z.string().nullable(),
  publishedAt: z.string().nullable(),
  withdrawnAt: z.string().nullable(),
};

export const AlertOut = z.object({
  ...alertFields,
  status: z.enum(ALERT_STATUSES),
  agencyIds: z.array(z.string()).nullable(),
  createdAt: z.string(),
  publishedByName: z.string().nullable(),
  /** Counts over its deliveries. */
  counts: z.object({
    agencies: z.number().int(),
    acknowledged: z.number().int(),
    reported: z.number().int(),
    overdue: z.number().int(),
  }),
});
export type AlertOut = z.infer<typeof AlertOut>;

/** One agency's handling, as the central body sees it: states and the action report, nothing else. */
export const AgencyStatusOut = z.object({
  agencyId: z.string(),
  agencyCode: z.string(),
  agencyNameJa: z.string(),
  agencyNameEn: z.string().nullable(),
  receivedAt: z.string(),
  acknowledgedAt: z.string().nullable(),
  minutesToAcknowledge: z.number().int().nullable(),
  forwardedAt: z.string().nullable(),
  forwardedCount: z.number().int(),
  releasedAt: z.string().nullable(),
  reportedAt: z.string().nullable(),
  actionReport: z.string().nullable(),
  closedAt: z.string().nullable(),
  reportOpen: z.boolean(),
  overdue: z.boolean(),
});

export const AlertDetailOut = AlertOut.extend({ agencies: z.array(AgencyStatusOut) });

export const AgencyChoiceOut = z.object({
  items: z.array(
    z.object({ id: z.string(), code: z.string(), nameJa: z.string(), nameEn: z.string().nullable() }),
  ),
});

// The agency's side.

export const InboxQuery = z.strictObject({
  ...paging,
  state: z.enum(['unacknowledged', 'report_open', 'overdue', 'all']).default('all'),
});
export type InboxQuery = z.infer<typeof InboxQuery>;

export const DeliveryOut = z.object({
  id: z.string(),
  alert: z.object(alertFields),
  receivedAt: z.string(),
  acknowledgedAt: z.string().nullable(),
  acknowledgedByName: z.string().nullable(),
  forwardedAt: z.string().nullable(),
  forwardedCount: z.number().int(),
  releasedAt: z.string().nullable(),
  releasedUntil: z.string().nullable(),
  actionReport: z.string().nullable(),
  reportedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  reportOpen: z.boolean(),
  overdue: z.boolean(),
  can: z.object({
    acknowledge: z.boolean(),
    forward: z.boolean(),
    release: z.boolean(),
    report: z.boolean(),
  }),
});
export type DeliveryOut = z.infer<typeof DeliveryOut>;

export const ForwardBody = z.strictObject({
  /** Roles whose holders receive it when the alert names no product (or in addition to the system owners). */
  roleIds: z.array(Id).max(50).default([]),
});
export const ForwardQuery = z.strictObject({
  roleIds: z
    .union([Id, z.array(Id).max(50)])
    .optional()
    .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v])),
});

export const ForwardPreviewOut = z.object({
  /** The ledger's systems running a product the alert names. */
  systems: z.array(
    z.object({
      id: z.string(),
      code: z.string(),
      name: z.string(),
      components: z.array(z.object({ vendor: z.string(), product: z.string(), version: z.string() })),
    }),
  ),
  recipients: z.array(
    z.object({
      personId: z.string(),
      name: z.string(),
      hasEmail: z.boolean(),
      /** Why they receive it: a system they answer for, or a role they hold. */
      reason: z.enum(['system', 'role']),
    }),
  ),
  roles: z.array(z.object({ id: z.string(), nameJa: z.string(), nameEn: z.string() })),
});

export const ForwardOut = z.object({ forwardedCount: z.number().int() });

export const ReleaseBody = z.strictObject({
  /** The last day staff see it on the portal; null until withdrawn. Release with `release: false` to take it down. */
  release: z.boolean(),
  until: day.nullable().default(null),
});

export const ReportBody = z.strictObject({
  text: text(10000).min(1),
  /** The agency's handling is finished. */
  close: z.boolean().default(true),
});
