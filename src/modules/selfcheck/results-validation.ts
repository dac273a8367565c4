// Response schemas of the self-check results.
import { z } from 'zod';

const Rate = z.number().nullable();
export const HeadlineOut = z.object({
  coverage: Rate,
  implementation: z.object({ nisc: Rate, pooled: Rate, meti_all_items: Rate }),
  attainment: z.object({ '100': Rate, '95': Rate, '90': Rate }),
});
export const SummaryOut = HeadlineOut.extend({
  /** People (each counted once), not questionnaires (000 L1030). */
  inScope: z.number().int(),
  captured: z.number().int().nullable(),
  allImplemented: z.number().int().nullable(),
  /** Fewer people than the agency's minimum group size: figures withheld from this viewer. */
  suppressed: z.boolean().optional(),
});
export const ItemFigureOut = z.object({
  item: z.string(),
  duty: z.number().int(),
  implemented: z.number().int(),
  rate: Rate,
});
export const FiguresOut = SummaryOut.extend({ items: z.array(ItemFigureOut) });
export const StaffAreaOut = z.object({
  area: z.string(),
  areaEn: z.string(),
  items: z.number().int(),
  duty: z.number().int(),
  implemented: z.number().int(),
  nisc: Rate,
  pooled: Rate,
  weakest: z.boolean(),
});
const ItemChangeOut = z.object({ item: z.string(), current: Rate, previous: Rate, change: Rate });

export const ResultsOut = z.object({
  campaignId: z.string(),
  title: z.string(),
  fiscalYear: z.number().int(),
  state: z.string(),
  naPasses: z.boolean(),
  frozen: z.boolean(),
  computedAt: z.string(),
  rootUnitId: z.string().nullable(),
  rootUnitIds: z.array(z.string()).optional(),
  /** The minimum group size applied to this view; null when the viewer may see small groups. */
  minGroupSize: z.number().int().nullable(),
  overall: FiguresOut,
  groups: z.record(z.string(), FiguresOut),
  roles: z.record(z.string(), SummaryOut),
  chapters: z.record(z.string(), z.record(z.string(), SummaryOut)),
  units: z.array(
    z.object({
      unitId: z.string(),
      code: z.string(),
      nameJa: z.string(),
      nameEn: z.string().nullable(),
      parentId: z.string().nullable(),
      depth: z.number().int(),
      figures: SummaryOut,
    }),
  ),
  crossUnit: z.object({ pooled: SummaryOut, mean: HeadlineOut }).nullable(),
  items: z.array(
    z.object({
      itemId: z.string(),
      chapterNo: z.string(),
      chapterTitle: z.string(),
      chapterTitleEn: z.string().nullable(),
      title: z.string(),
      titleEn: z.string().nullable(),
      area: z.string().nullable().optional(),
    }),
  ),
  /** Ordinary staff's 実施率 by the eight areas of the national report (001 L2883-2904). */
  staffAreas: z.array(StaffAreaOut).nullable().optional(),
  previous: z
    .object({
      campaignId: z.string(),
      title: z.string(),
      fiscalYear: z.number().int(),
      overall: HeadlineOut.extend({ items: z.array(ItemChangeOut) }),
      groups: z.record(z.string(), HeadlineOut),
      figures: z.object({ overall: HeadlineOut, groups: z.record(z.string(), HeadlineOut) }),
    })
    .nullable(),
});
