import { z } from 'zod';
import { str } from '../../server/validation.js';

const Rate = z.number().nullable();
const Count = z.number().int();
const FiscalYear = z.coerce.number().int().min(2000).max(2100);

export const FiscalYearQuery = z.strictObject({ fiscalYear: FiscalYear });
export const ListQuery = z.strictObject({
  kind: str().max(64).optional(),
  fiscalYear: FiscalYear.optional(),
});
export const ExportQuery = FiscalYearQuery.extend({
  format: z.enum(['html', 'docx', 'xlsx', 'pdf']),
  locale: z.enum(['ja', 'en']).optional(),
});

const TenantRef = z.object({ code: z.string(), nameJa: z.string(), nameEn: z.string().nullable() });

export const SubmissionOut = z.object({
  id: z.string(),
  agencyCode: z.string(),
  agencyNameJa: z.string(),
  agencyNameEn: z.string().nullable(),
  /** A 独法's statement forwarded by its ministry: the ministry. */
  via: TenantRef.nullable(),
  kind: z.string(),
  fiscalYear: Count,
  title: z.string(),
  version: Count,
  latest: z.boolean(),
  forwardedFromId: z.string().nullable(),
  submittedAt: z.string(),
});
export const SubsidiarySubmissionOut = SubmissionOut.extend({ forwardedAt: z.string().nullable() });
export const SubmissionDetailOut = SubmissionOut.omit({ latest: true }).extend({ payload: z.unknown() });

export const Triple = z.object({ coverage: Rate, nisc: Rate, attainment100: Rate });
export const RatesOut = Triple.extend({ attainment95: Rate, attainment90: Rate });

export const CommonItemsIn = z.strictObject({
  fiscalYear: z.number().int().min(2000).max(2100),
  items: z.array(z.strictObject({ code: str().min(1).max(64), note: str().max(500).default('') })).max(500),
});
export const CommonItemsOut = z.object({
  fiscalYear: Count,
  items: z.array(z.object({ code: z.string(), note: z.string(), designatedAt: z.string() })),
});

const ChapterRates = z.record(z.string(), z.record(z.string(), Rate));
export const ComparableOut = z.object({
  selfcheck: z.object({ overall: RatesOut, groups: z.record(z.string(), RatesOut) }),
  staffAreas: z.record(z.string(), Rate),
  chapters: ChapterRates,
  inspectionRate: Rate,
  drillOpenRate: Rate,
  drillReportRate: Rate,
  trainingRate: Rate,
});
export const GovernmentAverageOut = z.object({
  fiscalYear: Count,
  agencies: Count,
  mean: ComparableOut,
  own: ComparableOut.nullable(),
  ownVersion: Count.nullable(),
  ownSubmittedAt: z.string().nullable(),
});

const Grades = z.object({ A: Count, B: Count, C: Count, D: Count });
export const NationalOut = z.object({
  fiscalYear: Count,
  agencies: z.array(
    TenantRef.extend({
      via: TenantRef.nullable(),
      submissionId: z.string(),
      version: Count,
      submittedAt: z.string(),
      definition: z.string().nullable(),
    }),
  ),
  selfcheck: z.object({
    groups: z.array(z.string()),
    rows: z.array(
      z.object({ agencyCode: z.string(), overall: RatesOut, groups: z.record(z.string(), RatesOut) }),
    ),
    mean: z.object({ overall: RatesOut, groups: z.record(z.string(), RatesOut) }),
  }),
  staffAreas: z.object({
    areas: z.array(z.object({ ja: z.string(), en: z.string() })),
    rows: z.array(z.object({ agencyCode: z.string(), values: z.record(z.string(), Rate) })),
    mean: z.record(z.string(), Rate),
  }),
  chapters: z.object({
    chapters: z.array(z.object({ chapterNo: z.string(), title: z.string() })),
    rows: z.array(z.object({ agencyCode: z.string(), values: ChapterRates })),
    mean: ChapterRates,
  }),
  inspection: z.object({
    rows: z.array(z.object({ agencyCode: z.string(), grades: Grades, rate: Rate })),
    items: z.array(
      z.object({
        code: z.string(),
        title: z.string(),
        agencies: Count,
        meanRate: Rate,
        applicable: Count,
        met: Count,
      }),
    ),
    gradeTotals: Grades,
    meanRate: Rate,
  }),
  drills: z.object({
    rows: z.array(
      z.object({
        agencyCode: z.string(),
        drills: Count,
        delivered: Count,
        opened: Count,
        openRate: Rate,
        reportRate: Rate,
      }),
    ),
    meanOpenRate: Rate,
    meanReportRate: Rate,
  }),
  training: z.object({
    rows: z.array(z.object({ agencyCode: z.string(), assigned: Count, completed: Count, rate: Rate })),
    meanRate: Rate,
  }),
  incidents: z.object({
    types: z.array(z.object({ type: z.string(), label: z.string() })),
    rows: z.array(z.object({ agencyCode: z.string(), counts: z.record(z.string(), Count), total: Count })),
    totals: z.record(z.string(), Count),
    total: Count,
  }),
  trends: z.array(
    z.object({
      fiscalYear: Count,
      agencies: Count,
      mean: RatesOut,
      drillOpenRate: Rate,
      trainingRate: Rate,
    }),
  ),
  weakestItems: z.array(
    z.object({ code: z.string(), title: z.string(), meanRate: z.number(), agencies: Count }),
  ),
});
