// What each capability contributes to a fiscal year's figures: the contract between the modules that
// own the data (each exports `annualFigures(db, tenantId, fiscalYear)` from its public.ts), the agency's
// annual report (which lays them out, 000 L60-1498) and the statement to the central body (which sends
// a subset of them, 001 L4252-4282). Zod schemas, because a statement is stored and read back as JSON.
//
// Conventions: rates are fractions 0..1, unrounded, null where the denominator is 0; counts are
// integers; dates are ISO strings; `link` is a path of the web app that shows the figure (with its
// filter), for the report's "every figure links to its source".
import { z } from 'zod';

const Rate = z.number().min(0).max(1).nullable();
const Count = z.number().int().min(0);
const Link = z.string().max(500);

/** 把握率, 実施率 (three definitions) and 到達率 100/95/90, as the self-check results compute them. */
export const HeadlineFigures = z.object({
  coverage: Rate,
  implementation: z.object({ nisc: Rate, pooled: Rate, meti_all_items: Rate }),
  attainment: z.object({ '100': Rate, '95': Rate, '90': Rate }),
});
export const SummaryFigures = HeadlineFigures.extend({
  inScope: Count,
  captured: Count.nullable(),
});

/** Self-check (000 L1002-1110, 001 ch. II): the fiscal year's campaign (the published one, else the latest). */
export const SelfcheckAnnual = z.object({
  campaignId: z.string(),
  title: z.string(),
  state: z.string(),
  /** The 実施率 definition the campaign's plan reports (nisc | pooled | meti_all_items). */
  definition: z.enum(['nisc', 'pooled', 'meti_all_items']),
  publishedAt: z.string().nullable(),
  overall: SummaryFigures,
  /** By metric group (managers, system, staff; 001 L2772-2802). */
  groups: z.record(z.string(), SummaryFigures),
  /** Ordinary staff's 実施率 by the eight areas of the national report (001 L2883-2904). */
  staffAreas: z
    .array(z.object({ area: z.string(), areaEn: z.string(), nisc: Rate, pooled: Rate }))
    .nullable(),
  /** Chapter rates by group. */
  chapters: z.array(
    z.object({ chapterNo: z.string(), title: z.string(), groups: z.record(z.string(), HeadlineFigures) }),
  ),
  /** Every item's rate over the whole agency; weakest first. `code` is the catalog's item number. */
  items: z.array(
    z.object({
      itemId: z.string(),
      code: z.string(),
      chapterNo: z.string(),
      title: z.string(),
      area: z.string().nullable(),
      duty: Count,
      implemented: Count,
      rate: Rate,
    }),
  ),
  /** This and up to two earlier fiscal years, oldest first (three-year trend). */
  trend: z.array(
    z.object({
      fiscalYear: z.number().int(),
      overall: HeadlineFigures,
      groups: z.record(z.string(), HeadlineFigures),
    }),
  ),
  /** The agency policy's differences from the Unified Standards (報告書「統一基準群との差異」, 000 L574-812). */
  differences: z.array(
    z.object({ code: z.string(), title: z.string(), change: z.string(), reason: z.string() }),
  ),
  link: Link,
});
export type SelfcheckAnnual = z.infer<typeof SelfcheckAnnual>;

/** Focused inspection of systems (重点検査, 000 L1123-1247): the rounds of the fiscal year. */
export const InspectionAnnual = z.object({
  rounds: z.array(
    z.object({
      roundId: z.string(),
      title: z.string(),
      itemSet: z.string(),
      targets: Count,
      submitted: Count,
      /** Hosts per grade A–D (表５). */
      grades: z.object({ A: Count, B: Count, C: Count, D: Count }),
      /** Per inspection item: how many applicable targets met it (001 ch. II inspection table). */
      items: z.array(
        z.object({
          code: z.string(),
          title: z.string(),
          /** The host role whose item set holds the item (web, mail, …): codes repeat across roles. */
          role: z.string().optional(),
          applicable: Count,
          met: Count,
          rate: Rate,
        }),
      ),
      link: Link,
    }),
  ),
});
export type InspectionAnnual = z.infer<typeof InspectionAnnual>;

/** Training (教育, 000 L1272-1348): completion of the courses assigned in the fiscal year. */
export const TrainingAnnual = z.object({
  courses: z.array(
    z.object({
      courseId: z.string(),
      title: z.string(),
      assigned: Count,
      completed: Count,
      rate: Rate,
      /** Completion by metric group where the course was assigned by role. */
      groups: z.record(z.string(), z.object({ assigned: Count, completed: Count, rate: Rate })),
      link: Link,
    }),
  ),
  overall: z.object({ assigned: Count, completed: Count, rate: Rate }),
});
export type TrainingAnnual = z.infer<typeof TrainingAnnual>;

/** Targeted-email drills (000 L978-1000, 001 ch. II): 開封率 as NISC defines it (link accessed or attachment opened). */
export const DrillAnnual = z.object({
  drills: z.array(
    z.object({
      drillId: z.string(),
      title: z.string(),
      sentAt: z.string().nullable(),
      recipients: Count,
      delivered: Count,
      opened: Count,
      /** NISC's 開封率: opened / delivered. */
      openRate: Rate,
      reported: Count,
      reportRate: Rate,
      /** メール表示率, a lower bound (images may be blocked); shown separately. */
      displayRate: Rate,
      link: Link,
    }),
  ),
});
export type DrillAnnual = z.infer<typeof DrillAnnual>;

/** Incidents of the fiscal year (001 L4252-4282 item (4); 001 ch. II counts by type). */
export const IncidentAnnual = z.object({
  byType: z.array(z.object({ type: z.string(), label: z.string(), count: Count })),
  list: z.array(
    z.object({
      incidentId: z.string(),
      reference: z.string(),
      occurredOn: z.string().nullable(),
      reportedAt: z.string(),
      type: z.string().nullable(),
      title: z.string(),
      severity: z.string().nullable(),
      status: z.string(),
      link: Link,
    }),
  ),
});
export type IncidentAnnual = z.infer<typeof IncidentAnnual>;

/** Security audits (監査, 000 L432-562): the year's plan and its findings. */
export const AuditAnnual = z.object({
  plan: z
    .object({
      id: z.string(),
      title: z.string(),
      state: z.string(),
      approvedAt: z.string().nullable(),
      link: Link,
    })
    .nullable(),
  engagements: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      scope: z.string(),
      /** The engagement kind (policy_vs_standards, selfcheck, system, …; 000 L464-484). */
      kind: z.string().optional(),
      state: z.string(),
      link: Link,
    }),
  ),
  findings: z.object({
    total: Count,
    open: Count,
    closed: Count,
    bySeverity: z.record(z.string(), Count),
    link: Link.optional(),
  }),
});
export type AuditAnnual = z.infer<typeof AuditAnnual>;

/** The information-system ledger (000 L829-851) and technical measures (advisories, findings, exceptions). */
export const SystemsAnnual = z.object({
  systems: Count,
  byStatus: z.record(z.string(), Count),
  hosts: Count,
  /** Systems whose yearly review was done in the fiscal year. */
  reviewed: Count,
  consolidationTarget: Count.nullable(),
  endOfSupport: Count,
  weakCrypto: Count,
  advisories: z.object({ matched: Count, resolved: Count, overdue: Count }),
  findings: z.object({ opened: Count, closed: Count, open: Count, bySeverity: z.record(z.string(), Count) }),
  exceptions: z.object({ granted: Count, active: Count }),
  link: Link,
});
export type SystemsAnnual = z.infer<typeof SystemsAnnual>;

/** Outsourcing and external services (調達・外部委託, 000 L1368-1430). */
export const VendorsAnnual = z.object({
  contracts: Count,
  contractsChecked: Count,
  cloudServices: Count,
  cloudReconfirmed: Count,
  snsAccounts: Count,
  link: Link,
});
export type VendorsAnnual = z.infer<typeof VendorsAnnual>;

/** The organisation (推進体制, 000 L375-431): people and the holders of the security roles. */
export const OrgAnnual = z.object({
  people: Count,
  units: Count,
  roles: z.array(
    z.object({
      key: z.string(),
      name: z.string(),
      standardName: z.string().nullable(),
      holders: Count,
      names: z.array(z.string()),
      /** Every staff member holds it without an assignment (行政事務従事者): `holders` is the headcount, no names. */
      allStaff: z.boolean().optional(),
    }),
  ),
});
export type OrgAnnual = z.infer<typeof OrgAnnual>;

/** The classification policy in force and its differences from the Unified Standards' baseline. */
export const ClassificationAnnual = z.object({
  policy: z
    .object({
      id: z.string(),
      name: z.string(),
      basedOn: z.string().nullable(),
      inForceSince: z.string().nullable(),
    })
    .nullable(),
  differences: z.array(z.object({ subject: z.string(), change: z.string(), reason: z.string() })),
  registerEntries: Count,
  link: Link,
});
export type ClassificationAnnual = z.infer<typeof ClassificationAnnual>;

/** Everything a fiscal year has; null where the capability was not used that year. */
export interface AnnualFigures {
  tenantId: string;
  fiscalYear: number;
  org: OrgAnnual;
  selfcheck: SelfcheckAnnual | null;
  classification: ClassificationAnnual | null;
  inspections: InspectionAnnual | null;
  training: TrainingAnnual | null;
  drills: DrillAnnual | null;
  incidents: IncidentAnnual | null;
  audits: AuditAnnual | null;
  systems: SystemsAnnual | null;
  vendors: VendorsAnnual | null;
}

/** The five narrative items of the statement to the central body (001 L4252-4282). */
export const STATEMENT_ITEMS = [
  { key: 'statement.education', ja: '教育・啓発に関する取組状況', en: 'Education and awareness' },
  { key: 'statement.selfcheck_audit', ja: '自己点検・監査の結果', en: 'Self-check and audit results' },
  {
    key: 'statement.inspection',
    ja: '情報システムに関する重点検査の結果',
    en: 'Focused inspection of systems',
  },
  {
    key: 'statement.incidents',
    ja: '発生した情報セキュリティインシデント',
    en: 'Security incidents of the year',
  },
  {
    key: 'statement.ciso_meeting',
    ja: 'CISO等連絡会議での申し合わせ事項等',
    en: 'Agreements of the CISO liaison meeting',
  },
] as const;

type StatementKey = (typeof STATEMENT_ITEMS)[number]['key'];

/**
 * The fiscal-year statement an agency submits to the central body (kind 'annual.statement'): the
 * figures of 001 ch. II and the five narrative items. The central body sees exactly this, nothing else.
 */
export const AnnualStatement = z.object({
  fiscalYear: z.number().int(),
  agencyCode: z.string(),
  agencyName: z.string(),
  /** For an incorporated administrative agency (独法): the ministry it submits through. */
  parentAgencyCode: z.string().nullable(),
  selfcheck: SelfcheckAnnual.omit({ differences: true }).nullable(),
  inspections: InspectionAnnual.nullable(),
  training: TrainingAnnual.nullable(),
  drills: DrillAnnual.nullable(),
  incidents: IncidentAnnual.nullable(),
  narrative: z.object(
    Object.fromEntries(STATEMENT_ITEMS.map((i) => [i.key, z.string().max(20_000)])) as Record<
      StatementKey,
      z.ZodString
    >,
  ),
});
export type AnnualStatement = z.infer<typeof AnnualStatement>;
