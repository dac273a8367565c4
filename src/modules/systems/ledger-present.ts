// Response shapes of the ledger: a system with its components, and list rows.
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { todayInJapan } from '../../lib/dates.js';
import { accounts } from '../accounts/schema.js';
import { orgUnits, people } from '../org/schema.js';
import type { LoadedSystem, SystemPermissions } from './ledger-access.js';
import type { SystemOut } from './ledger-validation.js';
import { isEndOfSupport, reviewedInFiscalYear } from './rules.js';
import { systemCertificates, systemHosts, systemSoftware } from './schema.js';

type Ref = { id: string; name: string } | null;

export async function unitNames(db: Db, tenantId: string, ids: (string | null)[]) {
  const wanted = [...new Set(ids.filter((x): x is string => x !== null))];
  if (wanted.length === 0) return new Map<string, string>();
  const rows = await db
    .select({ id: orgUnits.id, name: orgUnits.nameJa })
    .from(orgUnits)
    .where(and(eq(orgUnits.tenantId, tenantId), inArray(orgUnits.id, wanted)));
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function personNames(db: Db, tenantId: string, ids: (string | null)[]) {
  const wanted = [...new Set(ids.filter((x): x is string => x !== null))];
  if (wanted.length === 0) return new Map<string, string>();
  const rows = await db
    .select({ id: people.id, name: people.name })
    .from(people)
    .where(and(eq(people.tenantId, tenantId), inArray(people.id, wanted)));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Names of the people behind these accounts (reviewers, authors of changes). */
export async function accountNames(db: Db, ids: (string | null)[]) {
  const wanted = [...new Set(ids.filter((x): x is string => x !== null))];
  if (wanted.length === 0) return new Map<string, string>();
  const rows = await db
    .select({ id: accounts.id, name: people.name })
    .from(accounts)
    .innerJoin(people, eq(people.id, accounts.personId))
    .where(inArray(accounts.id, wanted));
  return new Map(rows.map((r) => [r.id, r.name]));
}

export const refOf = (names: Map<string, string>, id: string | null): Ref =>
  id ? { id, name: names.get(id) ?? '' } : null;

export type HostRow = typeof systemHosts.$inferSelect;
export type SoftwareRow = typeof systemSoftware.$inferSelect;
export type CertificateRow = typeof systemCertificates.$inferSelect;

export const presentHost = (h: HostRow) => ({
  id: h.id,
  role: h.role,
  name: h.name,
  addresses: h.addresses,
  domains: h.domains,
  probeOptIn: h.probeOptIn,
  probePorts: h.probePorts,
  note: h.note,
});

export const presentSoftware = (s: SoftwareRow, today = todayInJapan()) => ({
  id: s.id,
  hostId: s.hostId,
  vendor: s.vendor,
  product: s.product,
  version: s.version,
  vendorKey: s.vendorKey,
  productKey: s.productKey,
  cpe: s.cpe,
  endOfSupport: s.endOfSupport,
  pastEndOfSupport: isEndOfSupport(s.endOfSupport, today),
});

export const presentCertificate = (c: CertificateRow) => ({
  id: c.id,
  hostId: c.hostId,
  subject: c.subject,
  issuer: c.issuer,
  notAfter: c.notAfter?.toISOString() ?? null,
  keyType: c.keyType,
  keyBits: c.keyBits,
  signatureAlgorithm: c.signatureAlgorithm,
});

export async function components(db: Db, systemId: string) {
  const [hosts, software, certificates] = await Promise.all([
    db
      .select()
      .from(systemHosts)
      .where(eq(systemHosts.systemId, systemId))
      .orderBy(asc(systemHosts.role), asc(systemHosts.name)),
    db
      .select()
      .from(systemSoftware)
      .where(eq(systemSoftware.systemId, systemId))
      .orderBy(asc(systemSoftware.vendorKey), asc(systemSoftware.productKey), asc(systemSoftware.version)),
    db
      .select()
      .from(systemCertificates)
      .where(eq(systemCertificates.systemId, systemId))
      .orderBy(asc(systemCertificates.subject)),
  ]);
  return { hosts, software, certificates };
}

/** A system with its components and the caller's permissions on it. */
export async function presentSystem(db: Db, s: LoadedSystem, can: SystemPermissions): Promise<SystemOut> {
  const today = todayInJapan();
  const [units, persons, reviewers, parts] = await Promise.all([
    unitNames(db, s.tenantId, [s.unitId, s.maintenanceUnitId]),
    personNames(db, s.tenantId, [s.securityOfficerId, s.administratorId]),
    accountNames(db, [s.reviewedBy]),
    components(db, s.id),
  ]);
  return {
    id: s.id,
    code: s.code,
    name: s.name,
    purpose: s.purpose,
    unit: refOf(units, s.unitId),
    maintenanceUnit: refOf(units, s.maintenanceUnitId),
    securityOfficer: refOf(persons, s.securityOfficerId),
    administrator: refOf(persons, s.administratorId),
    contractor: s.contractor,
    lifecycle: s.lifecycle,
    internetFacing: s.internetFacing,
    maxClassification: s.maxClassification,
    cloud: s.cloud,
    bcpStatus: s.bcpStatus,
    reviewedOn: s.reviewedOn,
    reviewedBy: s.reviewedBy ? (reviewers.get(s.reviewedBy) ?? '') : null,
    reviewedThisYear: reviewedInFiscalYear(s.reviewedOn, today),
    version: s.version,
    updatedAt: s.updatedAt.toISOString(),
    hosts: parts.hosts.map(presentHost),
    software: parts.software.map((x) => presentSoftware(x, today)),
    certificates: parts.certificates.map(presentCertificate),
    can: { manage: can.manage, editComponents: can.editComponents, review: can.review },
  };
}
