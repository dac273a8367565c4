import { z } from 'zod';
import { str } from '../../server/validation.js';
import { AGE_BUCKETS } from './finding-rules.js';
import { FINDING_BANDS, FINDING_SOURCES, FINDING_STATUSES, RETEST_RESULTS } from './finding-schema.js';

const day = z.iso.date();
const bool = z.enum(['true', 'false']).transform((v) => v === 'true');

export const ImportQuery = z.strictObject({
  format: z.enum(['csv', 'testssl', 'zap']),
  fileName: str().trim().min(1).max(255),
  dryRun: bool.default(true),
  /** refuse: a host or system not in the ledger refuses the file (default); list: skip them and list them. */
  unmatched: z.enum(['refuse', 'list']).default('refuse'),
  foundOn: day.optional(),
});

export const ProbeImportBody = z.strictObject({ dryRun: z.boolean().default(true) });

export const FindingListQuery = z.strictObject({
  status: z.enum([...FINDING_STATUSES, 'outstanding']).optional(),
  band: z.enum(FINDING_BANDS).optional(),
  source: z.enum(FINDING_SOURCES).optional(),
  systemId: z.uuid().optional(),
  unitId: z.uuid().optional(),
  overdue: bool.optional(),
  q: str().trim().max(200).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

/** Scanner and probe findings as SARIF 2.1.0 (default: outstanding ones). */
export const FindingExportQuery = z.strictObject({
  format: z.enum(['sarif']).default('sarif'),
  status: z.enum([...FINDING_STATUSES, 'outstanding', 'all']).default('outstanding'),
  systemId: z.uuid().optional(),
});

export const FindingOut = z.object({
  id: z.uuid(),
  systemId: z.uuid(),
  systemCode: z.string(),
  systemName: z.string(),
  unitId: z.uuid(),
  unitName: z.string(),
  hostId: z.uuid().nullable(),
  hostLabel: z.string(),
  source: z.enum(FINDING_SOURCES),
  title: z.string(),
  band: z.enum(FINDING_BANDS),
  cvssScore: z.number().nullable(),
  cvssVector: z.string().nullable(),
  foundOn: z.string(),
  targetDate: z.string(),
  ownerId: z.uuid().nullable(),
  ownerName: z.string().nullable(),
  status: z.enum(FINDING_STATUSES),
  retest: z.enum(RETEST_RESULTS).nullable(),
  retestedOn: z.string().nullable(),
  version: z.number().int(),
  overdue: z.boolean(),
  ageBucket: z.enum(AGE_BUCKETS),
});

export const FindingListOut = z.object({
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  items: z.array(FindingOut),
});

export const FindingDetailOut = FindingOut.extend({
  description: z.string(),
  recommendation: z.string(),
  evidence: z.record(z.string(), z.unknown()),
  acceptedReason: z.string().nullable(),
  fixedOn: z.string().nullable(),
  closedOn: z.string().nullable(),
  history: z.array(
    z.object({
      at: z.string(),
      action: z.string(),
      fromStatus: z.string().nullable(),
      toStatus: z.string().nullable(),
      note: z.string(),
      importId: z.uuid().nullable(),
      actorName: z.string().nullable(),
    }),
  ),
});

const Unassigned = z.object({
  where: z.string(),
  systemCode: z.string().optional(),
  host: z.string(),
  title: z.string(),
  reason: z.enum(['unknown_system', 'unknown_host', 'ambiguous_host']),
});

export const ImportOut = z.object({
  dryRun: z.boolean(),
  importId: z.uuid().nullable(),
  source: z.enum(FINDING_SOURCES),
  counts: z.object({
    new: z.number().int(),
    present: z.number().int(),
    reopened: z.number().int(),
    absent: z.number().int(),
    unassigned: z.number().int(),
    skipped: z.number().int(),
  }),
  items: z.array(
    z.object({
      action: z.enum(['new', 'present', 'reopened', 'absent']),
      findingId: z.uuid().nullable(),
      systemId: z.uuid(),
      systemCode: z.string(),
      hostLabel: z.string(),
      title: z.string(),
      band: z.enum(FINDING_BANDS),
      where: z.string().nullable(),
    }),
  ),
  unassigned: z.array(Unassigned),
});

export const SummaryOut = z.object({
  today: z.string(),
  total: z.number().int(),
  overdue: z.number().int(),
  units: z.array(
    z.object({
      unitId: z.uuid(),
      unitName: z.string(),
      total: z.number().int(),
      overdue: z.number().int(),
      high: z.number().int(),
      ages: z.object({
        '0-30': z.number().int(),
        '31-90': z.number().int(),
        '91-180': z.number().int(),
        '181+': z.number().int(),
      }),
    }),
  ),
});

export const CriticalOut = z.object({ open: z.number().int(), overdue: z.number().int() });

const note = str().trim().max(4000);

export const FixBody = z.strictObject({ note: note.default(''), version: z.number().int().optional() });
export const VerifyBody = z.strictObject({
  outcome: z.enum(['closed', 'reopened']).default('closed'),
  /** The date of the verifier's own re-test, when no later import re-tested the finding. */
  retestedOn: day.optional(),
  note: note.default(''),
  version: z.number().int().optional(),
});
export const ReopenBody = z.strictObject({ note: note.min(1), version: z.number().int().optional() });
export const AcceptBody = z.strictObject({ reason: note.min(1), version: z.number().int().optional() });

export const CreateFindingBody = z.strictObject({
  systemId: z.uuid(),
  hostId: z.uuid().nullable().optional(),
  title: str().trim().min(1).max(500),
  band: z.enum(FINDING_BANDS),
  cvssScore: z.number().min(0).max(10).nullable().optional(),
  cvssVector: str().trim().max(200).nullable().optional(),
  description: str().trim().max(20_000).default(''),
  recommendation: str().trim().max(20_000).default(''),
  foundOn: day.optional(),
});

const days = z.number().int().min(0).max(3650);
export const PolicyBody = z.strictObject({ highDays: days, mediumDays: days, lowDays: days, infoDays: days });
export const PolicyOut = z.object({
  highDays: z.number().int(),
  mediumDays: z.number().int(),
  lowDays: z.number().int(),
  infoDays: z.number().int(),
});
