import { z } from 'zod';
import { str } from '../../server/validation.js';
import { Id, Page } from '../org/validation.js';
import { ENTRY_EVENT_KINDS, ENTRY_FORMS, ENTRY_STATUSES } from './register-schema.js';

const text = (max: number) => str().trim().max(max);
const level = z.number().int().min(1).max(9);

export const RestrictionIn = z.strictObject({
  key: str().trim().min(1).max(40),
  param: text(200).nullable().optional(),
});

/** Who may access a scope-restricted entry (機密性3/4: set by the division head, 000 L761-764). */
export const AccessScopeIn = z.strictObject({
  personIds: z.array(Id).max(500).default([]),
  unitIds: z.array(Id).max(100).default([]),
});

export const CreateEntryBody = z.strictObject({
  /** The division holding it; default the proposer's own unit. */
  unitId: Id.optional(),
  title: text(300).min(1),
  description: text(4000).default(''),
  /** Default: the proposer. */
  ownerPersonId: Id.optional(),
  form: z.enum(ENTRY_FORMS),
  storageLocation: text(500).default(''),
  confidentiality: level,
  integrity: level.nullable().optional(),
  availability: level.nullable().optional(),
  restrictions: z.array(RestrictionIn).max(20).default([]),
  retentionUntil: z.iso.date().nullable().optional(),
  retentionNote: text(500).default(''),
  accessScope: AccessScopeIn.optional(),
  /** The information systems that hold it (ledger ids). */
  systemIds: z.array(Id).max(50).optional(),
});
export type CreateEntryBody = z.infer<typeof CreateEntryBody>;

/** Editing a proposed or returned entry re-proposes it. */
export const UpdateEntryBody = z.strictObject({
  title: text(300).min(1).optional(),
  description: text(4000).optional(),
  ownerPersonId: Id.optional(),
  form: z.enum(ENTRY_FORMS).optional(),
  storageLocation: text(500).optional(),
  confidentiality: level.optional(),
  integrity: level.nullable().optional(),
  availability: level.nullable().optional(),
  restrictions: z.array(RestrictionIn).max(20).optional(),
  retentionUntil: z.iso.date().nullable().optional(),
  retentionNote: text(500).optional(),
  accessScope: AccessScopeIn.optional(),
  systemIds: z.array(Id).max(50).optional(),
});
export type UpdateEntryBody = z.infer<typeof UpdateEntryBody>;

export const ConfirmEntryBody = z.strictObject({
  comment: text(2000).optional(),
  /** The head may set the storage and the access scope when confirming (000 L784-790). */
  storageLocation: text(500).optional(),
  accessScope: AccessScopeIn.optional(),
});
export const ReturnEntryBody = z.strictObject({ comment: text(2000).min(1) });
export const ReviewEntryBody = z.strictObject({
  comment: text(2000).optional(),
  /** Default: today + the level's review interval. */
  nextReviewOn: z.iso.date().optional(),
});
export const ArchiveEntryBody = z.strictObject({ comment: text(2000).optional() });

export const ListEntriesQuery = z.strictObject({
  unitId: Id.optional(),
  /** Include entries of units below `unitId` (default true). */
  subtree: z.enum(['true', 'false']).default('true'),
  confidentiality: z.coerce.number().int().min(1).max(9).optional(),
  restriction: str().trim().max(40).optional(),
  status: z.enum(ENTRY_STATUSES).optional(),
  /** Only confirmed entries whose review date has come. */
  reviewDue: z.enum(['true', 'false']).optional(),
  q: str().trim().max(100).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type ListEntriesQuery = z.infer<typeof ListEntriesQuery>;

export const ExportEntriesQuery = z.strictObject({
  unitId: Id,
  subtree: z.enum(['true', 'false']).default('false'),
});

const PersonRef = z.object({ id: z.string(), name: z.string() });

/** What the caller may do with an entry (the UI hides the rest). */
export const EntryAbilitiesOut = z.object({
  edit: z.boolean(),
  confirm: z.boolean(),
  review: z.boolean(),
  archive: z.boolean(),
  request: z.boolean(),
});

export const EntryOut = z.object({
  id: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  policyId: z.string(),
  title: z.string(),
  description: z.string(),
  owner: PersonRef,
  form: z.enum(ENTRY_FORMS),
  storageLocation: z.string(),
  confidentiality: z.number().int(),
  integrity: z.number().int().nullable(),
  availability: z.number().int().nullable(),
  restrictions: z.array(z.object({ key: z.string(), param: z.string().nullable() })),
  retentionUntil: z.string().nullable(),
  retentionNote: z.string(),
  scopeRestricted: z.boolean(),
  status: z.enum(ENTRY_STATUSES),
  serialNo: z.string().nullable(),
  correctionComment: z.string().nullable(),
  reviewDueOn: z.string().nullable(),
  reviewDue: z.boolean(),
  /** `機密性3情報 取扱制限：複製禁止` (C1's markingText); null if the policy no longer has the level. */
  marking: z.string().nullable(),
  proposedBy: PersonRef,
  proposedAt: z.string(),
  confirmedBy: PersonRef.nullable(),
  confirmedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  can: EntryAbilitiesOut,
});
export type EntryOut = z.infer<typeof EntryOut>;

export const EntryHistoryOut = z.object({
  kind: z.enum(ENTRY_EVENT_KINDS),
  at: z.string(),
  person: PersonRef.nullable(),
  changes: z.record(z.string(), z.tuple([z.unknown(), z.unknown()])),
  comment: z.string().nullable(),
});

export const AccessScopeOut = z.object({
  people: z.array(PersonRef),
  units: z.array(z.object({ id: z.string(), name: z.string() })),
});

export const EntryDetailOut = EntryOut.extend({
  accessScope: AccessScopeOut,
  /** The information systems that hold the entry (request-systems.ts). */
  systems: z.array(z.object({ id: z.string(), code: z.string(), name: z.string() })),
  history: z.array(EntryHistoryOut),
  markingDetail: z
    .object({
      document: z.string(),
      mailSubject: z.string(),
      header: z.object({ name: z.string(), value: z.string() }),
    })
    .nullable(),
});
export type EntryDetailOut = z.infer<typeof EntryDetailOut>;

export const EntryPageOut = Page(EntryOut);
export type EntryPageOut = z.infer<typeof EntryPageOut>;

/** Counts only: never titles (000 L905-930 — the CISO sees the 機密性4/3 holdings across the agency). */
export const OverviewOut = z.object({
  items: z.array(
    z.object({
      unitId: z.string(),
      unitName: z.string(),
      confidentiality: z.number().int(),
      status: z.enum(ENTRY_STATUSES),
      count: z.number().int(),
    }),
  ),
  total: z.number().int(),
});
export type OverviewOut = z.infer<typeof OverviewOut>;

export const OverviewQuery = z.strictObject({ unitId: Id.optional() });
