// Response schemas of the self-check results.
import { z } from 'zod';

const Rate = z.number().nullable();
export const HeadlineOut = z.object({
  coverage: Rate,
  implementation: z.object({ nisc: Rate, pooled: Rate, meti_all_items: Rate }),
  attainment: z.object({ '100': Rate, '95': Rate, '90': Rate }),
});
export const SummaryOut = HeadlineOut.extend({
  inScope: z.number().int(),
  captured: z.number().int(),
  allImplemented: z.number().int(),
});
export const ItemFigureOut = z.object({
  item: z.string(),
  duty: z.number().int(),
  implemented: z.number().int(),
  rate: Rate,
});
export const FiguresOut = SummaryOut.extend({ items: z.array(ItemFigureOut) });
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
    }),
  ),
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
