// Hosts, software and certificates of a system. The system's managers and its own security officer
// and administrator edit them (issue #14 §1); each change is history and audit in one transaction.
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import type { ActorCtx } from '../../server/context.js';
import { AppError } from '../../server/errors.js';
import { loadSystem, requireCapability } from './ledger-access.js';
import { recordChange } from './ledger-history.js';
import { presentCertificate, presentHost, presentSoftware } from './ledger-present.js';
import type { CertificateBody, HostBody, SoftwareBody } from './ledger-validation.js';
import { componentKey, fieldChanges } from './rules.js';
import { systemCertificates, systemHosts, systemSoftware, systems } from './schema.js';

async function editable(ctx: ActorCtx, systemId: string) {
  const { system, can } = await loadSystem(ctx, systemId);
  requireCapability(can, 'editComponents');
  return system;
}

const touch = (tx: Db, id: string) =>
  tx.update(systems).set({ updatedAt: new Date() }).where(eq(systems.id, id));

/** A software or certificate row may name a host only of the same system. */
async function checkHost(db: Db, systemId: string, hostId: string | null | undefined) {
  if (!hostId) return;
  const [h] = await db
    .select({ id: systemHosts.id })
    .from(systemHosts)
    .where(and(eq(systemHosts.id, hostId), eq(systemHosts.systemId, systemId)));
  if (!h)
    throw new AppError('validation_failed', {
      errors: [
        {
          path: 'body.hostId',
          message: { ja: 'このシステムのホストではありません', en: 'is not a host of this system' },
        },
      ],
    });
}

const keysOf = (s: { vendor?: string | undefined; product?: string | undefined }) => ({
  ...(s.vendor !== undefined ? { vendorKey: componentKey(s.vendor) } : {}),
  ...(s.product !== undefined ? { productKey: componentKey(s.product) } : {}),
});

const summaryOfHost = (h: { role: string; name: string }) => ({ role: h.role, name: h.name });
const summaryOfSoftware = (s: { vendor: string; product: string; version: string }) => ({
  vendor: s.vendor,
  product: s.product,
  version: s.version,
});
const summaryOfCertificate = (c: { subject: string }) => ({ subject: c.subject });

// ---- hosts

export async function addHost(ctx: ActorCtx, systemId: string, input: HostBody) {
  const s = await editable(ctx, systemId);
  return ctx.db.transaction(async (tx) => {
    const [h] = await tx
      .insert(systemHosts)
      .values({ ...input, tenantId: s.tenantId, systemId: s.id })
      .returning();
    await touch(tx, s.id);
    await recordChange(tx, ctx, s, 'system.host_add', { host: { id: h!.id, ...input } });
    return presentHost(h!);
  });
}

async function loadHost(db: Db, systemId: string, id: string) {
  const [h] = await db
    .select()
    .from(systemHosts)
    .where(and(eq(systemHosts.id, id), eq(systemHosts.systemId, systemId)));
  if (!h) throw new AppError('not_found');
  return h;
}

export async function updateHost(ctx: ActorCtx, systemId: string, id: string, input: Partial<HostBody>) {
  const s = await editable(ctx, systemId);
  const h = await loadHost(ctx.db, s.id, id);
  const changes = fieldChanges(h as unknown as Record<string, unknown>, input);
  if (Object.keys(changes).length === 0) return presentHost(h);
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx.update(systemHosts).set(input).where(eq(systemHosts.id, h.id)).returning();
    await touch(tx, s.id);
    await recordChange(tx, ctx, s, 'system.host_update', {
      host: { id: h.id, ...summaryOfHost(h) },
      ...changes,
    });
    return presentHost(row!);
  });
}

export async function removeHost(ctx: ActorCtx, systemId: string, id: string) {
  const s = await editable(ctx, systemId);
  const h = await loadHost(ctx.db, s.id, id);
  await ctx.db.transaction(async (tx) => {
    await tx.delete(systemHosts).where(eq(systemHosts.id, h.id));
    await touch(tx, s.id);
    await recordChange(tx, ctx, s, 'system.host_remove', { host: { id: h.id, ...summaryOfHost(h) } });
  });
}

// ---- software

export async function addSoftware(ctx: ActorCtx, systemId: string, input: SoftwareBody) {
  const s = await editable(ctx, systemId);
  await checkHost(ctx.db, s.id, input.hostId);
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(systemSoftware)
      .values({
        ...input,
        vendorKey: componentKey(input.vendor),
        productKey: componentKey(input.product),
        tenantId: s.tenantId,
        systemId: s.id,
      })
      .returning();
    await touch(tx, s.id);
    await recordChange(tx, ctx, s, 'system.software_add', { software: { id: row!.id, ...input } });
    return presentSoftware(row!);
  });
}

async function loadSoftware(db: Db, systemId: string, id: string) {
  const [row] = await db
    .select()
    .from(systemSoftware)
    .where(and(eq(systemSoftware.id, id), eq(systemSoftware.systemId, systemId)));
  if (!row) throw new AppError('not_found');
  return row;
}

export async function updateSoftware(
  ctx: ActorCtx,
  systemId: string,
  id: string,
  input: Partial<SoftwareBody>,
) {
  const s = await editable(ctx, systemId);
  const sw = await loadSoftware(ctx.db, s.id, id);
  await checkHost(ctx.db, s.id, input.hostId);
  const changes = fieldChanges(sw as unknown as Record<string, unknown>, input);
  if (Object.keys(changes).length === 0) return presentSoftware(sw);
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .update(systemSoftware)
      .set({ ...input, ...keysOf(input) })
      .where(eq(systemSoftware.id, sw.id))
      .returning();
    await touch(tx, s.id);
    await recordChange(tx, ctx, s, 'system.software_update', {
      software: { id: sw.id, ...summaryOfSoftware(sw) },
      ...changes,
    });
    return presentSoftware(row!);
  });
}

export async function removeSoftware(ctx: ActorCtx, systemId: string, id: string) {
  const s = await editable(ctx, systemId);
  const sw = await loadSoftware(ctx.db, s.id, id);
  await ctx.db.transaction(async (tx) => {
    await tx.delete(systemSoftware).where(eq(systemSoftware.id, sw.id));
    await touch(tx, s.id);
    await recordChange(tx, ctx, s, 'system.software_remove', {
      software: { id: sw.id, ...summaryOfSoftware(sw) },
    });
  });
}

// ---- certificates

const certValues = <T extends { notAfter?: string | null | undefined }>(input: T) => {
  const { notAfter, ...rest } = input;
  return { ...rest, ...(notAfter !== undefined ? { notAfter: notAfter ? new Date(notAfter) : null } : {}) };
};

export async function addCertificate(ctx: ActorCtx, systemId: string, input: CertificateBody) {
  const s = await editable(ctx, systemId);
  await checkHost(ctx.db, s.id, input.hostId);
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(systemCertificates)
      .values({ ...certValues(input), tenantId: s.tenantId, systemId: s.id })
      .returning();
    await touch(tx, s.id);
    await recordChange(tx, ctx, s, 'system.certificate_add', { certificate: { id: row!.id, ...input } });
    return presentCertificate(row!);
  });
}

async function loadCertificate(db: Db, systemId: string, id: string) {
  const [row] = await db
    .select()
    .from(systemCertificates)
    .where(and(eq(systemCertificates.id, id), eq(systemCertificates.systemId, systemId)));
  if (!row) throw new AppError('not_found');
  return row;
}

export async function updateCertificate(
  ctx: ActorCtx,
  systemId: string,
  id: string,
  input: Partial<CertificateBody>,
) {
  const s = await editable(ctx, systemId);
  const c = await loadCertificate(ctx.db, s.id, id);
  await checkHost(ctx.db, s.id, input.hostId);
  const before = presentCertificate(c) as unknown as Record<string, unknown>;
  const after = { ...input, ...(input.notAfter ? { notAfter: new Date(input.notAfter).toISOString() } : {}) };
  const changes = fieldChanges(before, after);
  if (Object.keys(changes).length === 0) return presentCertificate(c);
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .update(systemCertificates)
      .set(certValues(input))
      .where(eq(systemCertificates.id, c.id))
      .returning();
    await touch(tx, s.id);
    await recordChange(tx, ctx, s, 'system.certificate_update', {
      certificate: { id: c.id, ...summaryOfCertificate(c) },
      ...changes,
    });
    return presentCertificate(row!);
  });
}

export async function removeCertificate(ctx: ActorCtx, systemId: string, id: string) {
  const s = await editable(ctx, systemId);
  const c = await loadCertificate(ctx.db, s.id, id);
  await ctx.db.transaction(async (tx) => {
    await tx.delete(systemCertificates).where(eq(systemCertificates.id, c.id));
    await touch(tx, s.id);
    await recordChange(tx, ctx, s, 'system.certificate_remove', {
      certificate: { id: c.id, ...summaryOfCertificate(c) },
    });
  });
}
