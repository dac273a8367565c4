// API shapes, inferred from the findings module's zod schemas (type-only: nothing from the server is bundled).
import type { z } from 'zod';
import type {
  CriticalOut,
  FindingDetailOut,
  FindingListOut,
  FindingOut,
  ImportOut,
  SummaryOut,
} from '../../../../modules/systems/finding-validation.js';

export type Finding = z.infer<typeof FindingOut>;
export type FindingList = z.infer<typeof FindingListOut>;
export type FindingDetail = z.infer<typeof FindingDetailOut>;
export type FindingImport = z.infer<typeof ImportOut>;
export type FindingSummary = z.infer<typeof SummaryOut>;
export type CriticalFindings = z.infer<typeof CriticalOut>;
export type FindingStatus = Finding['status'];
export type FindingBand = Finding['band'];
