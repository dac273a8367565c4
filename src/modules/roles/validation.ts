import { z } from 'zod';
import { PERMISSIONS } from '../../server/policy.js';
import { str } from '../../server/validation.js';
import { METRIC_GROUPS } from './schema.js';

export const RoleOut = z.object({
  id: z.string(),
  key: z.string(),
  nameJa: z.string(),
  nameEn: z.string(),
  standardName: z.string().nullable(),
  metricGroup: z.enum(METRIC_GROUPS).nullable(),
  permissions: z.array(z.string()),
  descriptionJa: z.string(),
  descriptionEn: z.string(),
  sortOrder: z.number().int(),
  holders: z.number().int(),
});
export type RoleOut = z.infer<typeof RoleOut>;

const name = str().trim().min(1).max(100);
const description = str().trim().max(1000);
const permissions = z.array(z.enum(PERMISSIONS)).max(PERMISSIONS.length);

export const CreateRoleBody = z.strictObject({
  key: z
    .string()
    .trim()
    .min(2)
    .max(64)
    .regex(/^[a-z][a-z0-9_]*$/, 'lower-case letters, digits and "_"'),
  nameJa: name,
  nameEn: name,
  metricGroup: z.enum(METRIC_GROUPS).nullable().default(null),
  permissions: permissions.default([]),
  descriptionJa: description.default(''),
  descriptionEn: description.default(''),
  sortOrder: z.number().int().min(0).max(100_000).optional(),
});

export const UpdateRoleBody = z.strictObject({
  nameJa: name.optional(),
  nameEn: name.optional(),
  metricGroup: z.enum(METRIC_GROUPS).nullable().optional(),
  permissions: permissions.optional(),
  descriptionJa: description.optional(),
  descriptionEn: description.optional(),
  sortOrder: z.number().int().min(0).max(100_000).optional(),
});

export const AssignBody = z.strictObject({ roleId: z.uuid(), unitId: z.uuid() });
export const AssignmentCreatedOut = z.object({
  id: z.string(),
  personId: z.string(),
  roleId: z.string(),
  unitId: z.string(),
});
export const RoleHoldersQuery = z.strictObject({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
