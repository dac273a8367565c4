// Requests and responses of the audit samples (002 L453-470).
import { z } from 'zod';
import { str } from '../../server/validation.js';
import { UNIT_KINDS, type UnitKind } from '../org/schema.js';
import { SummaryOut } from './results-validation.js';
import { METRIC_DEFINITIONS } from './schema.js';

const count = z.number().int().min(0).max(100_000);

export const SampleBody = z.strictObject({
  seed: z.number().int().min(0).max(2_147_483_647),
  /** First the units: drawn with the seed among units of a kind, picked by the auditor, or the whole agency. */
  units: z
    .discriminatedUnion('mode', [
      z.strictObject({ mode: z.literal('all') }),
      z.strictObject({
        mode: z.literal('drawn'),
        kind: z.enum(UNIT_KINDS.filter((k): k is Exclude<UnitKind, 'root'> => k !== 'root')),
        count: z.number().int().min(1).max(500),
      }),
      z.strictObject({ mode: z.literal('picked'), unitIds: z.array(z.uuid()).min(1).max(500) }),
    ])
    .default({ mode: 'all' }),
  /** Then per role the number of people, e.g. { security_officer: 1, staff: 45 }. */
  roleCounts: z
    .record(str().trim().min(1).max(64), count)
    .refine((r) => Object.values(r).some((n) => n > 0), 'ask for at least one person'),
  /** Answers checked per person; null = all of them (as the Cabinet Office checked, 002 L463-466). */
  itemsPerMember: z.number().int().min(1).max(100).nullable().default(null),
});
export type SampleBody = z.infer<typeof SampleBody>;

export const SampleOut = z.object({
  id: z.string(),
  seed: z.number().int(),
  /** Samples drawn before role counts: the one number used for every role. */
  perRole: z.number().int().nullable(),
  roleCounts: z.record(z.string(), z.number().int()),
  unitMode: z.enum(['drawn', 'picked', 'all']),
  units: z.array(z.object({ id: z.string(), nameJa: z.string(), nameEn: z.string().nullable() })),
  itemsPerMember: z.number().int().nullable(),
  createdAt: z.string(),
});

const Compared = z.object({
  /** The agency's own figures (all its submitters). */
  agency: SummaryOut.nullable(),
  /** The sampled people's figures as they answered. */
  sample: SummaryOut.nullable(),
  /** The same, with every answer the auditor found untrue counted as not implemented. */
  verified: SummaryOut.nullable(),
});

export const SampleDetailOut = SampleOut.extend({
  summary: z.object({
    entries: z.number().int(),
    checked: z.number().int(),
    confirmed: z.number().int(),
    people: z.number().int(),
  }),
  /** 実施率 and 到達率 of the sample beside the agency's, by the campaign plan's metric definition. */
  rates: z.object({
    definition: z.enum(METRIC_DEFINITIONS),
    variant: z.enum(['nisc', 'pooled', 'meti_all_items']),
    naPasses: z.boolean(),
    overall: Compared,
    groups: z.record(z.string(), Compared),
  }),
  entries: z.array(
    z.object({
      id: z.string(),
      roleKey: z.string(),
      staffNo: z.string(),
      name: z.string(),
      unitName: z.string(),
      unitNameEn: z.string().nullable(),
      itemId: z.string(),
      itemTitle: z.string(),
      answer: z.string().nullable(),
      verified: z.boolean().nullable(),
      note: z.string(),
    }),
  ),
});
