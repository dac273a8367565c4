import { z } from 'zod';
import { str } from '../../server/validation.js';
import { Id } from '../org/validation.js';
import { isAddress, isCpe23, isDomainName } from './rules.js';
import { BCP_STATUSES, HOST_ROLES, LIFECYCLE_STAGES } from './schema.js';

const text = (max: number) => str().trim().max(max);
const required = (max: number) => str().trim().min(1).max(max);
const day = str().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');

export const SystemCode = str()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'letters, digits, ".", "_", "-"');

export const CloudUseIn = z.strictObject({
  used: z.boolean(),
  confidentialData: z.boolean().default(false),
  storedInJapan: z.boolean().nullable().default(null),
  contractTerms: text(2000).default(''),
});

const SystemFields = z.strictObject({
  code: SystemCode,
  name: required(200),
  purpose: text(2000).default(''),
  unitId: Id,
  maintenanceUnitId: Id.nullable().default(null),
  securityOfficerId: Id.nullable().default(null),
  administratorId: Id.nullable().default(null),
  contractor: text(200).default(''),
  lifecycle: z.enum(LIFECYCLE_STAGES).default('operating'),
  internetFacing: z.boolean().default(false),
  /** A confidentiality level key of the classification policy in force: `c1`, `c2`, `c3`, … */
  maxClassification: str()
    .regex(/^c\d{1,2}$/)
    .nullable()
    .default(null),
  cloud: CloudUseIn.default({ used: false, confidentialData: false, storedInJapan: null, contractTerms: '' }),
  bcpStatus: z.enum(BCP_STATUSES).default('none'),
});
export const CreateSystemBody = SystemFields;
export type CreateSystemBody = z.infer<typeof CreateSystemBody>;

export const UpdateSystemBody = z.strictObject({
  /** The version the edit was made on; a stale one is refused with 409. */
  version: z.number().int().min(1),
  code: SystemCode.optional(),
  name: required(200).optional(),
  purpose: text(2000).optional(),
  unitId: Id.optional(),
  maintenanceUnitId: Id.nullable().optional(),
  securityOfficerId: Id.nullable().optional(),
  administratorId: Id.nullable().optional(),
  contractor: text(200).optional(),
  lifecycle: z.enum(LIFECYCLE_STAGES).optional(),
  internetFacing: z.boolean().optional(),
  maxClassification: str()
    .regex(/^c\d{1,2}$/)
    .nullable()
    .optional(),
  cloud: CloudUseIn.optional(),
  bcpStatus: z.enum(BCP_STATUSES).optional(),
});
export type UpdateSystemBody = z.infer<typeof UpdateSystemBody>;

export const VersionQuery = z.strictObject({ version: z.coerce.number().int().min(1) });

const address = str().trim().refine(isAddress, 'an IPv4 or IPv6 address');
const domain = str().trim().toLowerCase().refine(isDomainName, 'a DNS name such as www.example.go.jp');

// Zod 4 applies a default even inside .partial(), so the edit schemas are built without defaults.
const hostFields = {
  role: z.enum(HOST_ROLES),
  name: required(200),
  addresses: z.array(address).max(50),
  domains: z.array(domain).max(100),
  probeOptIn: z.boolean(),
  probePorts: z.array(z.number().int().min(1).max(65535)).max(20),
  note: text(2000),
};
export const HostBody = z.strictObject({
  ...hostFields,
  addresses: hostFields.addresses.default([]),
  domains: hostFields.domains.default([]),
  probeOptIn: hostFields.probeOptIn.default(false),
  probePorts: hostFields.probePorts.default([]),
  note: hostFields.note.default(''),
});
export type HostBody = z.infer<typeof HostBody>;
export const UpdateHostBody = z.strictObject(hostFields).partial();

export const cpe = str()
  .trim()
  .refine(isCpe23, 'a CPE 2.3 name: cpe:2.3:a:vendor:product:version:*:*:*:*:*:*:*');

const softwareFields = {
  hostId: Id.nullable(),
  vendor: required(200),
  product: required(200),
  version: text(100),
  cpe: cpe.nullable(),
  endOfSupport: day.nullable(),
};
export const SoftwareBody = z.strictObject({
  ...softwareFields,
  hostId: softwareFields.hostId.default(null),
  version: softwareFields.version.default(''),
  cpe: softwareFields.cpe.default(null),
  endOfSupport: softwareFields.endOfSupport.default(null),
});
export type SoftwareBody = z.infer<typeof SoftwareBody>;
export const UpdateSoftwareBody = z.strictObject(softwareFields).partial();

const certificateFields = {
  hostId: Id.nullable(),
  subject: required(500),
  issuer: text(500),
  notAfter: z.iso.datetime({ offset: true }).nullable(),
  keyType: text(20).nullable(),
  keyBits: z.number().int().min(1).max(65536).nullable(),
  signatureAlgorithm: text(100).nullable(),
};
export const CertificateBody = z.strictObject({
  ...certificateFields,
  hostId: certificateFields.hostId.default(null),
  issuer: certificateFields.issuer.default(''),
  notAfter: certificateFields.notAfter.default(null),
  keyType: certificateFields.keyType.default(null),
  keyBits: certificateFields.keyBits.default(null),
  signatureAlgorithm: certificateFields.signatureAlgorithm.default(null),
});
export type CertificateBody = z.infer<typeof CertificateBody>;
export const UpdateCertificateBody = z.strictObject(certificateFields).partial();

export const ComponentParams = z.strictObject({ id: Id, componentId: Id });

const bool = z.enum(['true', 'false']).optional();
export const ListSystemsQuery = z.strictObject({
  /** Name, code, or a product installed on the system. */
  q: text(100).optional(),
  role: z.enum(HOST_ROLES).optional(),
  /** The owning division and everything below it. */
  unitId: Id.optional(),
  internetFacing: bool,
  lifecycle: z.enum(LIFECYCLE_STAGES).optional(),
  /** Runs software past its end of support. */
  endOfSupport: bool,
  /** Not confirmed in the current fiscal year. */
  unreviewed: bool,
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type ListSystemsQuery = z.infer<typeof ListSystemsQuery>;

const Ref = z.object({ id: z.string(), name: z.string() }).nullable();

export const HostOut = z.object({
  id: z.string(),
  role: z.enum(HOST_ROLES),
  name: z.string(),
  addresses: z.array(z.string()),
  domains: z.array(z.string()),
  probeOptIn: z.boolean(),
  probePorts: z.array(z.number()),
  note: z.string(),
});
export const SoftwareOut = z.object({
  id: z.string(),
  hostId: z.string().nullable(),
  vendor: z.string(),
  product: z.string(),
  version: z.string(),
  vendorKey: z.string(),
  productKey: z.string(),
  cpe: z.string().nullable(),
  endOfSupport: z.string().nullable(),
  pastEndOfSupport: z.boolean(),
});
export const CertificateOut = z.object({
  id: z.string(),
  hostId: z.string().nullable(),
  subject: z.string(),
  issuer: z.string(),
  notAfter: z.string().nullable(),
  keyType: z.string().nullable(),
  keyBits: z.number().nullable(),
  signatureAlgorithm: z.string().nullable(),
});

export const SystemOut = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  purpose: z.string(),
  unit: Ref,
  maintenanceUnit: Ref,
  securityOfficer: Ref,
  administrator: Ref,
  contractor: z.string(),
  lifecycle: z.enum(LIFECYCLE_STAGES),
  internetFacing: z.boolean(),
  maxClassification: z.string().nullable(),
  cloud: z.object({
    used: z.boolean(),
    confidentialData: z.boolean(),
    storedInJapan: z.boolean().nullable(),
    contractTerms: z.string(),
  }),
  bcpStatus: z.enum(BCP_STATUSES),
  reviewedOn: z.string().nullable(),
  reviewedBy: z.string().nullable(),
  reviewedThisYear: z.boolean(),
  version: z.number().int(),
  updatedAt: z.string(),
  hosts: z.array(HostOut),
  software: z.array(SoftwareOut),
  certificates: z.array(CertificateOut),
  /** What the caller may do, for the screen to show or hide actions. */
  can: z.object({ manage: z.boolean(), editComponents: z.boolean(), review: z.boolean() }),
});
export type SystemOut = z.infer<typeof SystemOut>;

export const SystemListItem = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  unit: Ref,
  securityOfficer: Ref,
  lifecycle: z.enum(LIFECYCLE_STAGES),
  internetFacing: z.boolean(),
  hostRoles: z.array(z.enum(HOST_ROLES)),
  hostCount: z.number().int(),
  softwareCount: z.number().int(),
  endOfSupportCount: z.number().int(),
  reviewedOn: z.string().nullable(),
  reviewedThisYear: z.boolean(),
});
export type SystemListItem = z.infer<typeof SystemListItem>;
export const SystemListOut = z.object({
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  items: z.array(SystemListItem),
  /** The caller may create systems and import. */
  canManage: z.boolean(),
});

export const ChangeOut = z.object({
  id: z.number(),
  at: z.string(),
  actor: z.string().nullable(),
  action: z.string(),
  changes: z.record(z.string(), z.unknown()),
});
export const HistoryOut = z.object({ items: z.array(ChangeOut) });

export const SettingsBody = z.strictObject({
  webServerTarget: z.number().int().min(0).max(1_000_000).nullable().optional(),
  mailServerTarget: z.number().int().min(0).max(1_000_000).nullable().optional(),
});
export const CountsOut = z.object({
  web: z.number().int(),
  mail: z.number().int(),
  /** The counts cover the whole agency (else only the caller's subtree; no comparison with the targets). */
  agencyWide: z.boolean(),
  webServerTarget: z.number().int().nullable(),
  mailServerTarget: z.number().int().nullable(),
  webOverTarget: z.number().int().nullable(),
  mailOverTarget: z.number().int().nullable(),
});

export const ImportQuery = z.strictObject({ dryRun: z.enum(['true', 'false']).default('false') });
export const ImportSummaryOut = z.object({
  dryRun: z.boolean(),
  created: z.array(z.string()),
  updated: z.array(z.string()),
  unchanged: z.array(z.string()),
  hosts: z.number().int(),
  software: z.number().int(),
  certificates: z.number().int(),
});
export type ImportSummaryOut = z.infer<typeof ImportSummaryOut>;
