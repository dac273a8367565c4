import { z } from 'zod';
import { str } from '../../server/validation.js';
import { ADVISORY_SOURCES, RESPONSE_STATUSES } from './advisory-rules.js';

const text = (max: number) => str().trim().max(max);
const day = z.iso.date();
const page = {
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
};

export const VersionRangeIn = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('exact'), version: text(100).min(1) }),
  z.strictObject({ type: z.literal('vers'), vers: text(500).min(6) }),
  z.strictObject({ type: z.literal('semver'), range: text(200).min(1) }),
  z.strictObject({ type: z.literal('before'), version: text(100).min(1), inclusive: z.boolean().optional() }),
  z.strictObject({ type: z.literal('all') }),
]);

export const AffectedProductIn = z.strictObject({
  vendor: text(200).default(''),
  product: text(200).default(''),
  cpe: text(500).min(8).nullable().default(null),
  ranges: z.array(VersionRangeIn).max(50).default([]),
});

export const CreateAdvisoryBody = z.strictObject({
  trackingId: text(100).min(1),
  title: text(500).min(1),
  summary: text(4000).default(''),
  published: day.nullable().default(null),
  cves: z
    .array(text(30).regex(/^CVE-\d{4}-\d{4,}$/))
    .max(100)
    .default([]),
  cvssVector: text(200).min(1).nullable().default(null),
  cvssScore: z.number().min(0).max(10).nullable().default(null),
  products: z.array(AffectedProductIn).min(1).max(500),
});
export type CreateAdvisoryBody = z.infer<typeof CreateAdvisoryBody>;

export const ImportQuery = z.strictObject({ format: z.enum(['csaf']).default('csaf') });

export const ListAdvisoriesQuery = z.strictObject({
  ...page,
  q: text(200).optional(),
  minScore: z.coerce.number().min(0).max(10).optional(),
  affected: z.enum(['true', 'false']).optional(),
});

const AffectedProductOut = z.object({
  vendor: z.string(),
  product: z.string(),
  cpe: z.string().nullable(),
  ranges: z.array(z.record(z.string(), z.unknown())),
});

export const AdvisoryOut = z.object({
  id: z.string(),
  source: z.enum(ADVISORY_SOURCES),
  trackingId: z.string(),
  title: z.string(),
  summary: z.string(),
  published: z.string().nullable(),
  cves: z.array(z.string()),
  cvssVector: z.string().nullable(),
  cvssScore: z.number().nullable(),
  severity: z.string().nullable(),
  products: z.array(AffectedProductOut),
  createdAt: z.string(),
  matchedAt: z.string().nullable(),
  /** Responses of the systems the caller may see: total and still open. */
  affectedSystems: z.number().int(),
  openResponses: z.number().int(),
});
export type AdvisoryOut = z.infer<typeof AdvisoryOut>;

export const AdvisoryListOut = z.object({ items: z.array(AdvisoryOut), total: z.number().int() });

export const ResponseOut = z.object({
  id: z.string(),
  advisoryId: z.string(),
  advisoryTitle: z.string(),
  trackingId: z.string(),
  cvssScore: z.number().nullable(),
  systemId: z.string(),
  systemCode: z.string(),
  systemName: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  components: z.array(
    z.object({ id: z.string(), vendor: z.string(), product: z.string(), version: z.string() }),
  ),
  status: z.enum(RESPONSE_STATUSES),
  reason: z.string(),
  targetDate: z.string(),
  overdue: z.boolean(),
  answeredAt: z.string().nullable(),
  notifiedAt: z.string().nullable(),
  /** The caller may answer this response (its system's responsible person, or system.manage over its unit). */
  canAnswer: z.boolean(),
});
export type ResponseOut = z.infer<typeof ResponseOut>;

export const AdvisoryDetailOut = AdvisoryOut.extend({ responses: z.array(ResponseOut) });

export const ResponseListOut = z.object({ items: z.array(ResponseOut), total: z.number().int() });

export const ListResponsesQuery = z.strictObject({
  ...page,
  status: z.enum(RESPONSE_STATUSES).optional(),
  overdue: z.enum(['true', 'false']).optional(),
  unitId: z.uuid().optional(),
  minScore: z.coerce.number().min(0).max(10).optional(),
  systemId: z.uuid().optional(),
  q: text(200).optional(),
});

export const AnswerBody = z.strictObject({
  status: z.enum(RESPONSE_STATUSES),
  reason: text(2000).default(''),
});

export const OverdueOut = z.object({
  today: z.string(),
  divisions: z.array(
    z.object({
      unitId: z.string(),
      unitName: z.string(),
      open: z.number().int(),
      overdue: z.number().int(),
      overdueCritical: z.number().int(),
    }),
  ),
  items: z.array(ResponseOut),
  total: z.number().int(),
});

export const PolicyData = z.strictObject({
  bands: z
    .array(z.strictObject({ minScore: z.number().min(0).max(10), days: z.number().int().min(0).max(3650) }))
    .min(1)
    .max(10),
  unscoredDays: z.number().int().min(0).max(3650),
  migrations: z
    .array(
      z.strictObject({
        key: text(50).min(1),
        label: text(200).min(1),
        weakHashes: z.array(text(30).min(1)).max(10),
        minRsaBits: z.number().int().min(0).max(16384),
        deadline: day,
      }),
    )
    .max(20),
});
export const PolicyOut = PolicyData.extend({ updatedAt: z.string().nullable() });

export const EosQuery = z.strictObject({ before: day.optional(), q: text(200).optional() });
export const EosOut = z.object({
  today: z.string(),
  items: z.array(
    z.object({
      vendor: z.string(),
      product: z.string(),
      version: z.string(),
      endOfSupport: z.string(),
      passed: z.boolean(),
      systems: z.array(
        z.object({ id: z.string(), code: z.string(), name: z.string(), unitName: z.string() }),
      ),
    }),
  ),
});

export const MigrationOut = z.object({
  today: z.string(),
  migrations: z.array(
    z.object({
      key: z.string(),
      label: z.string(),
      deadline: z.string(),
      passed: z.boolean(),
      certificates: z.array(
        z.object({
          id: z.string(),
          subject: z.string(),
          signatureAlgorithm: z.string().nullable(),
          keyType: z.string().nullable(),
          keyBits: z.number().nullable(),
          reasons: z.array(z.string()),
          systemId: z.string(),
          systemCode: z.string(),
          systemName: z.string(),
          unitName: z.string(),
        }),
      ),
    }),
  ),
});

export const CardOut = z.object({ overdueCritical: z.number().int(), open: z.number().int() });
