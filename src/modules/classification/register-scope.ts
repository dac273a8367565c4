// Access scopes and serial numbers of register entries (used by register-service.ts).
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { AppError } from '../../server/errors.js';
import { orgUnits, people } from '../org/schema.js';
import { formatSerial } from './register-rules.js';
import { classificationEntryAccess, classificationSerials } from './register-schema.js';

export type AccessScope = { personIds: string[]; unitIds: string[] };

export const fieldError = (path: string, ja: string, en: string) =>
  new AppError('validation_failed', { errors: [{ path, message: { ja, en } }] });

/** People and units named in an access scope must belong to the agency. */
export async function checkScope(db: Db, tenantId: string, scope: AccessScope | undefined) {
  if (!scope) return;
  if (scope.personIds.length) {
    const found = await db
      .select({ id: people.id })
      .from(people)
      .where(and(inArray(people.id, scope.personIds), eq(people.tenantId, tenantId)));
    if (found.length !== new Set(scope.personIds).size)
      throw fieldError(
        'body.accessScope.personIds',
        '所属機関にいない職員が含まれています。',
        'Unknown person.',
      );
  }
  if (scope.unitIds.length) {
    const found = await db
      .select({ id: orgUnits.id })
      .from(orgUnits)
      .where(and(inArray(orgUnits.id, scope.unitIds), eq(orgUnits.tenantId, tenantId)));
    if (found.length !== new Set(scope.unitIds).size)
      throw fieldError('body.accessScope.unitIds', '存在しない組織が含まれています。', 'Unknown unit.');
  }
}

export function requireScopeIfNeeded(requires: boolean, scope: AccessScope | null) {
  if (requires && (!scope || scope.personIds.length + scope.unitIds.length === 0))
    throw fieldError(
      'body.accessScope',
      'この格付ではアクセスを認める者の範囲（職員または組織）を指定してください。',
      'This level requires an access scope: name the people or units allowed access.',
    );
}

export async function currentScope(db: Db, entryId: string): Promise<AccessScope> {
  const rows = await db
    .select()
    .from(classificationEntryAccess)
    .where(eq(classificationEntryAccess.entryId, entryId));
  return {
    personIds: rows.flatMap((r) => (r.personId ? [r.personId] : [])),
    unitIds: rows.flatMap((r) => (r.unitId ? [r.unitId] : [])),
  };
}

export async function replaceScope(tx: Db, entryId: string, scope: AccessScope) {
  await tx.delete(classificationEntryAccess).where(eq(classificationEntryAccess.entryId, entryId));
  const rows = [
    ...[...new Set(scope.personIds)].map((personId) => ({ entryId, personId })),
    ...[...new Set(scope.unitIds)].map((unitId) => ({ entryId, unitId })),
  ];
  if (rows.length) await tx.insert(classificationEntryAccess).values(rows);
}

/**
 * The next serial number of the agency, taken in the caller's transaction: the counter row stays locked
 * until commit, so concurrent creations get distinct, contiguous numbers and a rolled-back one frees its
 * number with it.
 */
export async function issueSerial(tx: Db, tenantId: string): Promise<string> {
  const [row] = await tx
    .insert(classificationSerials)
    .values({ tenantId, lastIssued: 1 })
    .onConflictDoUpdate({
      target: classificationSerials.tenantId,
      set: { lastIssued: sql`${classificationSerials.lastIssued} + 1` },
    })
    .returning({ n: classificationSerials.lastIssued });
  return formatSerial(new Date(), row!.n);
}
