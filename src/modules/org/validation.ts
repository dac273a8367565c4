import { z } from 'zod';
import { str } from '../../server/validation.js';
import { EMPLOYMENT_TYPES, PERSON_STATUSES, UNIT_KINDS } from './schema.js';

export const Id = z.uuid();
export const IdParams = z.strictObject({ id: Id });

const code = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9._-]+$/, 'letters, digits, ".", "_" or "-"');
const name = str().trim().min(1).max(200);

export const UnitOut = z.object({
  id: z.string(),
  parentId: z.string().nullable(),
  code: z.string(),
  nameJa: z.string(),
  nameEn: z.string().nullable(),
  kind: z.enum(UNIT_KINDS),
  depth: z.number().int(),
  path: z.string(),
  sortOrder: z.number().int(),
  abolished: z.boolean(),
  /** People in this unit itself (not below), excluding those who left. */
  peopleCount: z.number().int(),
});
export type UnitOut = z.infer<typeof UnitOut>;

export const CreateUnitBody = z.strictObject({
  parentId: Id,
  code,
  nameJa: name,
  nameEn: name.nullable().optional(),
  kind: z.enum(UNIT_KINDS).exclude(['root']),
  sortOrder: z.number().int().min(0).max(1_000_000).optional(),
});

export const UpdateUnitBody = z.strictObject({
  parentId: Id.optional(),
  nameJa: name.optional(),
  nameEn: name.nullable().optional(),
  kind: z.enum(UNIT_KINDS).exclude(['root']).optional(),
  sortOrder: z.number().int().min(0).max(1_000_000).optional(),
  abolished: z.boolean().optional(),
});

export const PersonOut = z.object({
  id: z.string(),
  staffNo: z.string(),
  name: z.string(),
  kana: z.string(),
  email: z.string().nullable(),
  unitId: z.string(),
  unitName: z.string(),
  unitNameEn: z.string().nullable(),
  employmentType: z.enum(EMPLOYMENT_TYPES),
  status: z.enum(PERSON_STATUSES),
  leftAt: z.string().nullable(),
});
export type PersonOut = z.infer<typeof PersonOut>;

export const AssignmentOut = z.object({
  id: z.string(),
  roleId: z.string(),
  roleKey: z.string(),
  roleNameJa: z.string(),
  roleNameEn: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  unitNameEn: z.string().nullable(),
});

export const PersonDetailOut = PersonOut.extend({
  roles: z.array(AssignmentOut),
  account: z
    .object({
      id: z.string(),
      login: z.string(),
      disabled: z.boolean(),
      locked: z.boolean(),
      totpEnabled: z.boolean(),
    })
    .nullable(),
});

export const ListPeopleQuery = z.strictObject({
  unitId: Id.optional(),
  /** Include people in units below `unitId` (default true). */
  subtree: z.enum(['true', 'false']).default('true'),
  q: str().trim().max(100).optional(),
  status: z.enum(PERSON_STATUSES).optional(),
  includeLeft: z.enum(['true', 'false']).default('false'),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type ListPeopleQuery = z.infer<typeof ListPeopleQuery>;

export const email = z.email().max(254);

export const CreatePersonBody = z.strictObject({
  staffNo: code,
  name,
  kana: str().trim().max(200).default(''),
  email: email.nullable().optional(),
  unitId: Id,
  employmentType: z.enum(EMPLOYMENT_TYPES).default('regular'),
  status: z.enum(PERSON_STATUSES).exclude(['left']).default('active'),
});

export const UpdatePersonBody = z.strictObject({
  name: name.optional(),
  kana: str().trim().max(200).optional(),
  email: email.nullable().optional(),
  unitId: Id.optional(),
  employmentType: z.enum(EMPLOYMENT_TYPES).optional(),
  status: z.enum(PERSON_STATUSES).optional(),
});

export const Page = <T extends z.ZodType>(item: T) =>
  z.object({
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
    items: z.array(item),
  });
