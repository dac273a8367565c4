import { z } from 'zod';
import { str } from '../../server/validation.js';
import { NARRATIVE_MAX } from './narratives.js';
import { REPORT_STATES } from './schema.js';

// Requests and responses of the annual report's routes.

export const FyParams = z.object({ fiscalYear: z.coerce.number().int().min(2000).max(2100) });
export const NarrativeParams = FyParams.extend({ key: str().max(100) });

const yen = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).nullable();

export const FactsBody = z.object({
  staffQuota: z.number().int().min(0).max(10_000_000).nullable(),
  itBudgetYen: yen,
  securityBudgetYen: yen,
  responsibleDivision: str().trim().max(200),
  notes: str().max(NARRATIVE_MAX),
});
export type FactsBody = z.infer<typeof FactsBody>;

/** Text is kept exactly as given (line breaks, spaces, full-width characters, markup-like text). */
export const NarrativeBody = z.object({ body: str().max(NARRATIVE_MAX) });
export const ReturnBody = z.object({ comment: str().trim().min(1).max(2000) });

export const ExportQuery = z.object({ format: str().max(20) });

const NarrativeOut = z.object({
  key: z.string(),
  titleJa: z.string(),
  titleEn: z.string(),
  text: z.string(),
  version: z.number().int().nullable(),
  authorName: z.string().nullable(),
  createdAt: z.string().nullable(),
});

export const NarrativeVersionOut = z.object({
  version: z.number().int(),
  text: z.string(),
  authorName: z.string().nullable(),
  createdAt: z.string(),
});

export const ReportOut = z.object({
  fiscalYear: z.number().int(),
  state: z.enum(REPORT_STATES),
  facts: FactsBody,
  narratives: z.array(NarrativeOut),
  requestedAt: z.string().nullable(),
  requestedByName: z.string().nullable(),
  approvedAt: z.string().nullable(),
  approvedByName: z.string().nullable(),
  returnComment: z.string().nullable(),
  can: z.object({
    edit: z.boolean(),
    requestApproval: z.boolean(),
    approve: z.boolean(),
    return: z.boolean(),
    reopen: z.boolean(),
    submitStatement: z.boolean(),
  }),
  /** The document as it would be exported now (the frozen snapshot once approved). */
  doc: z.record(z.string(), z.unknown()),
});
export type ReportOut = z.infer<typeof ReportOut>;

export const StatementOut = z.object({ submissionId: z.string(), submittedAt: z.string() });
