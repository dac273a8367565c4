import { and, asc, eq, ilike, isNotNull, lte, ne, or, type SQL } from 'drizzle-orm';
import { todayInJapan } from '../../lib/dates.js';
import type { ActorCtx } from '../../server/context.js';
import { AppError } from '../../server/errors.js';
import { escapeLike } from '../../server/policy.js';
import { orgUnits } from '../org/schema.js';
import { loadAdvisoryPolicy } from './advisory-policy-service.js';
import { certificateNeedsMigration } from './advisory-rules.js';
import { viewsAdvisories, visibleSystems } from './advisory-scope.js';
import { systemCertificates, systemSoftware, systems } from './schema.js';

// End-of-support trackers (Windows XP, Office 2003, IE6 on 2014-04-09, 001 L14566-14608) and migration
// deadlines such as SHA-1/RSA1024 → SHA-256/RSA2048 (001 L11831-11849), over the systems the actor sees.

/** Products with an end-of-support date and the systems still running them (retired systems aside). */
export async function endOfSupport(
  ctx: ActorCtx,
  q: { before?: string | undefined; q?: string | undefined },
) {
  if (!viewsAdvisories(ctx.actor)) throw new AppError('forbidden');
  const today = todayInJapan();
  const where: SQL[] = [visibleSystems(ctx.actor), isNotNull(systemSoftware.endOfSupport)];
  where.push(ne(systems.lifecycle, 'retired'));
  if (q.before) where.push(lte(systemSoftware.endOfSupport, q.before));
  if (q.q) {
    const like = `%${escapeLike(q.q)}%`;
    where.push(or(ilike(systemSoftware.vendor, like), ilike(systemSoftware.product, like))!);
  }
  const rows = await ctx.db
    .select({
      vendorKey: systemSoftware.vendorKey,
      productKey: systemSoftware.productKey,
      vendor: systemSoftware.vendor,
      product: systemSoftware.product,
      version: systemSoftware.version,
      endOfSupport: systemSoftware.endOfSupport,
      systemId: systems.id,
      code: systems.code,
      name: systems.name,
      unitName: orgUnits.nameJa,
    })
    .from(systemSoftware)
    .innerJoin(systems, eq(systems.id, systemSoftware.systemId))
    .innerJoin(orgUnits, eq(orgUnits.id, systems.unitId))
    .where(and(...where))
    .orderBy(
      asc(systemSoftware.endOfSupport),
      asc(systemSoftware.vendorKey),
      asc(systemSoftware.productKey),
      asc(systems.code),
    );
  const groups = new Map<
    string,
    {
      vendor: string;
      product: string;
      version: string;
      endOfSupport: string;
      passed: boolean;
      systems: { id: string; code: string; name: string; unitName: string }[];
    }
  >();
  for (const r of rows) {
    const key = `${r.vendorKey}\u0000${r.productKey}\u0000${r.version}\u0000${r.endOfSupport}`;
    let g = groups.get(key);
    if (!g) {
      g = {
        vendor: r.vendor,
        product: r.product,
        version: r.version,
        endOfSupport: r.endOfSupport!,
        passed: r.endOfSupport! < today,
        systems: [],
      };
      groups.set(key, g);
    }
    if (!g.systems.some((s) => s.id === r.systemId))
      g.systems.push({ id: r.systemId, code: r.code, name: r.name, unitName: r.unitName });
  }
  return { today, items: [...groups.values()] };
}

/** For each migration of the agency's policy: the certificates still to migrate and why. */
export async function cryptoMigrations(ctx: ActorCtx) {
  if (!viewsAdvisories(ctx.actor)) throw new AppError('forbidden');
  const today = todayInJapan();
  const policy = (await loadAdvisoryPolicy(ctx.db, ctx.actor.tenantId)).data;
  const certs = await ctx.db
    .select({
      id: systemCertificates.id,
      subject: systemCertificates.subject,
      signatureAlgorithm: systemCertificates.signatureAlgorithm,
      keyType: systemCertificates.keyType,
      keyBits: systemCertificates.keyBits,
      systemId: systems.id,
      systemCode: systems.code,
      systemName: systems.name,
      unitName: orgUnits.nameJa,
    })
    .from(systemCertificates)
    .innerJoin(systems, eq(systems.id, systemCertificates.systemId))
    .innerJoin(orgUnits, eq(orgUnits.id, systems.unitId))
    .where(and(visibleSystems(ctx.actor), ne(systems.lifecycle, 'retired')))
    .orderBy(asc(systems.code), asc(systemCertificates.subject));
  return {
    today,
    migrations: policy.migrations.map((m) => ({
      key: m.key,
      label: m.label,
      deadline: m.deadline,
      passed: m.deadline < today,
      certificates: certs.flatMap((c) => {
        const reasons = certificateNeedsMigration(m, c);
        return reasons.length ? [{ ...c, reasons }] : [];
      }),
    })),
  };
}
