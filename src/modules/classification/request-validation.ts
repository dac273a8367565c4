import { z } from 'zod';
import { str } from '../../server/validation.js';
import { Id, Page } from '../org/validation.js';
import { HANDLING_ACTIONS } from './policy-model.js';
import { REQUEST_STATUSES, STEP_DECISIONS, STEP_KINDS } from './register-schema.js';
import { EntryOut } from './register-validation.js';

const text = (max: number) => str().trim().max(max);

export const CreateRequestBody = z.strictObject({
  /** The register entry concerned; may be omitted for private_device / cloud_service. */
  entryId: Id.optional(),
  action: z.enum(HANDLING_ACTIONS),
  /** Required without an entry: the level of the information to be handled. */
  confidentiality: z.number().int().min(1).max(9).optional(),
  /** The information system concerned; required when its security officer must permit or be told. */
  systemId: Id.optional(),
  /** For cloud_service: the registered service (vendors register); its responsible person decides. */
  cloudServiceId: Id.optional(),
  details: text(4000).min(1),
  destination: text(500).default(''),
  /** Until when an approval holds; default and maximum: see request-rules.ts. */
  validUntil: z.iso.datetime({ offset: true }).optional(),
});
export type CreateRequestBody = z.infer<typeof CreateRequestBody>;

export const RequirementsQuery = z.strictObject({
  entryId: Id.optional(),
  action: z.enum(HANDLING_ACTIONS),
  confidentiality: z.coerce.number().int().min(1).max(9).optional(),
  systemId: Id.optional(),
  cloudServiceId: Id.optional(),
});

export const DecideBody = z.strictObject({ comment: text(2000).optional() });
export const RejectBody = z.strictObject({ comment: text(2000).min(1) });

export const ListRequestsQuery = z.strictObject({
  /** mine: my requests; approver: waiting for my decision; unit: requests of units I confirm for. */
  queue: z.enum(['mine', 'approver', 'unit']).default('mine'),
  unitId: Id.optional(),
  entryId: Id.optional(),
  status: z.enum(REQUEST_STATUSES).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type ListRequestsQuery = z.infer<typeof ListRequestsQuery>;

const PersonRef = z.object({ id: z.string(), name: z.string() });

export const RequirementOut = z.object({
  kind: z.enum(STEP_KINDS),
  roleKey: z.string(),
  roleName: z.string(),
  /** Where the role is resolved: the nearest unit at or above the entry's unit where someone holds it. */
  unitId: z.string(),
  unitName: z.string(),
  approverCount: z.number().int(),
});

export const RequirementsOut = z.object({
  allowed: z.boolean(),
  rule: z.string(),
  confidentiality: z.number().int(),
  requirements: z.array(RequirementOut),
});
export type RequirementsOut = z.infer<typeof RequirementsOut>;

export const RequestStepOut = z.object({
  id: z.string(),
  position: z.number().int(),
  kind: z.enum(STEP_KINDS),
  roleKey: z.string(),
  roleName: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  decision: z.enum(STEP_DECISIONS).nullable(),
  decidedBy: PersonRef.nullable(),
  comment: z.string().nullable(),
  decidedAt: z.string().nullable(),
  /** The caller may approve or reject this step now. */
  canDecide: z.boolean(),
});

export const RequestOut = z.object({
  id: z.string(),
  entry: EntryOut.pick({
    id: true,
    title: true,
    confidentiality: true,
    serialNo: true,
    marking: true,
  }).nullable(),
  unitId: z.string(),
  unitName: z.string(),
  /** The information system named in the request (its security officer answers the system steps). */
  systemId: z.string().nullable(),
  action: z.enum(HANDLING_ACTIONS),
  confidentiality: z.number().int(),
  rule: z.string(),
  details: z.string(),
  destination: z.string(),
  requester: PersonRef,
  /** `expired`: approved, but validUntil has passed. */
  status: z.enum(REQUEST_STATUSES),
  validUntil: z.string(),
  decidedAt: z.string().nullable(),
  createdAt: z.string(),
  steps: z.array(RequestStepOut),
  can: z.object({ decide: z.boolean(), withdraw: z.boolean() }),
});
export type RequestOut = z.infer<typeof RequestOut>;

export const RequestPageOut = Page(RequestOut);
export type RequestPageOut = z.infer<typeof RequestPageOut>;

export const DashboardOut = z.object({
  pendingConfirmations: z.object({ count: z.number().int(), items: z.array(EntryOut) }),
  pendingRequests: z.object({ count: z.number().int(), items: z.array(RequestOut) }),
  reviewsDue: z.object({ count: z.number().int(), items: z.array(EntryOut) }),
});
export type DashboardOut = z.infer<typeof DashboardOut>;
