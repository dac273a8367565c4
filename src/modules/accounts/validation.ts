import { z } from 'zod';
import { PERMISSIONS, TOKEN_SCOPES } from '../../server/policy.js';
import { str } from '../../server/validation.js';
import { TENANT_KINDS } from '../org/schema.js';
import { LOCALES } from './schema.js';

export const LoginBody = z.strictObject({
  login: str().trim().min(1).max(100),
  password: str().min(1).max(200),
});
export const SessionStatus = z.enum(['anonymous', 'totp_required', 'password_change_required', 'ok']);
export const LoginOut = z.object({ status: SessionStatus, csrfToken: z.string() });
export const TotpBody = z.strictObject({
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, '6 digits'),
});

export const MeOut = z.object({
  account: z.object({
    id: z.string(),
    login: z.string(),
    locale: z.enum(LOCALES).nullable(),
    totpEnabled: z.boolean(),
    mustChangePassword: z.boolean(),
  }),
  person: z.object({
    id: z.string(),
    staffNo: z.string(),
    name: z.string(),
    kana: z.string(),
    email: z.string().nullable(),
    unitId: z.string(),
    unitNameJa: z.string(),
    unitNameEn: z.string().nullable(),
  }),
  tenant: z.object({
    id: z.string(),
    code: z.string(),
    kind: z.enum(TENANT_KINDS),
    nameJa: z.string(),
    nameEn: z.string().nullable(),
  }),
  roles: z.array(
    z.object({
      roleId: z.string(),
      roleKey: z.string(),
      roleNameJa: z.string(),
      roleNameEn: z.string(),
      unitId: z.string(),
      unitNameJa: z.string(),
      unitNameEn: z.string().nullable(),
    }),
  ),
  /** Each permission the user holds, with the units whose subtrees it covers (for showing or hiding actions). */
  permissions: z.array(z.object({ permission: z.enum(PERMISSIONS), unitIds: z.array(z.string()) })),
  csrfToken: z.string().nullable(),
});
export type MeOut = z.infer<typeof MeOut>;

export const SessionOut = z.object({ status: SessionStatus, me: MeOut.nullable() });

export const UpdateMeBody = z.strictObject({ locale: z.enum(LOCALES).nullable() });
export const ChangePasswordBody = z.strictObject({
  currentPassword: str().min(1).max(200),
  newPassword: str().min(1).max(200),
});
export const TotpSetupOut = z.object({ secret: z.string(), otpauthUri: z.string() });
export const PasswordBody = z.strictObject({ password: str().min(1).max(200) });

export const TokenOut = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  scopes: z.array(z.string()),
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export const CreateTokenBody = z.strictObject({
  name: str().trim().min(1).max(100),
  /** Permissions the owner holds, and `self` for routes open to any signed-in user. */
  scopes: z.array(z.enum(TOKEN_SCOPES)).min(1).max(TOKEN_SCOPES.length),
  expiresInDays: z.number().int().min(1).max(3650).nullable().default(365),
});
export const CreatedTokenOut = TokenOut.extend({ token: z.string() });

export const AccountOut = z.object({
  id: z.string(),
  login: z.string(),
  personId: z.string(),
  personName: z.string(),
  staffNo: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  unitNameEn: z.string().nullable(),
  disabled: z.boolean(),
  /** Some client address (or every unknown one) must wait before trying this account again. */
  throttled: z.boolean(),
  throttledUntil: z.string().nullable(),
  totpEnabled: z.boolean(),
  mustChangePassword: z.boolean(),
  lastLoginAt: z.string().nullable(),
});
export type AccountOut = z.infer<typeof AccountOut>;
export const AccountDetailOut = AccountOut.extend({
  /** Recent failures: per client address (`pair`) and across all addresses (`account`). */
  throttles: z.array(
    z.object({
      scope: z.enum(['pair', 'account']),
      address: z.string().nullable(),
      failures: z.number().int(),
      lastFailureAt: z.string().nullable(),
      blockedUntil: z.string().nullable(),
    }),
  ),
});
export const ListAccountsQuery = z.strictObject({
  q: str().trim().max(100).optional(),
  throttled: z.enum(['true', 'false']).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export const CreateAccountBody = z.strictObject({
  personId: z.uuid(),
  login: z
    .string()
    .trim()
    .min(2)
    .max(64)
    .regex(/^[A-Za-z0-9._@-]+$/, 'letters, digits, ".", "_", "@" or "-"'),
});
export const UpdateAccountBody = z.strictObject({ disabled: z.boolean() });
export const TemporaryPasswordOut = z.object({ account: AccountOut, temporaryPassword: z.string() });
