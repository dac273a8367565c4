import { and, count, eq, inArray, lt, ne } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { fiscalYearSpan } from '../../lib/dates.js';
import type { ClassificationAnnual } from '../report/figures-model.js';
import { policyDifferences } from './policy-diff.js';
import { classificationSettings } from './policy-schema.js';
import { loadPolicy } from './policy-service.js';
import { DEFAULT_POLICY_ID, isShippedPolicyId, shippedPolicy } from './policy-shipped.js';
import { classificationEntries } from './register-schema.js';

// What other modules may know of classification: whether entries exist in a tenant (incidents), and the
// fiscal year's figures for the annual report. They never read the register's content, which its own
// access rule guards.

/** The ids among these that are register entries of the tenant. */
export async function existingRegisterEntries(
  db: Db,
  tenantId: string,
  ids: readonly string[],
): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .select({ id: classificationEntries.id })
    .from(classificationEntries)
    .where(and(eq(classificationEntries.tenantId, tenantId), inArray(classificationEntries.id, [...ids])));
  return new Set(rows.map((r) => r.id));
}

/**
 * The classification policy in force, what it is based on and how it differs from that (the report's
 * table of differences, 000 L611-751), and the register's size at the fiscal year's end (JST). Null when
 * the agency has neither chosen a policy nor classified anything: the capability is not in use.
 */
export async function annualFigures(
  db: Db,
  tenantId: string,
  fiscalYear: number,
): Promise<ClassificationAnnual | null> {
  const [settings] = await db
    .select()
    .from(classificationSettings)
    .where(eq(classificationSettings.tenantId, tenantId));
  const [entries] = await db
    .select({ n: count() })
    .from(classificationEntries)
    .where(
      and(
        eq(classificationEntries.tenantId, tenantId),
        ne(classificationEntries.status, 'archived'),
        lt(classificationEntries.createdAt, fiscalYearSpan(fiscalYear).end),
      ),
    );
  const registerEntries = entries?.n ?? 0;
  if (!settings && registerEntries === 0) return null;
  const policy = await loadPolicy(db, tenantId, settings?.activePolicyId ?? DEFAULT_POLICY_ID);
  // A copy is compared with the shipped policy it came from; a shipped policy with the Unified Standards.
  const basedOn = isShippedPolicyId(policy.id)
    ? policy.id === DEFAULT_POLICY_ID
      ? null
      : DEFAULT_POLICY_ID
    : (policy.basedOn ?? DEFAULT_POLICY_ID);
  const base = basedOn && isShippedPolicyId(basedOn) ? shippedPolicy(basedOn) : null;
  return {
    policy: {
      id: policy.id,
      name: policy.name,
      basedOn,
      inForceSince: settings?.updatedAt.toISOString() ?? null,
    },
    differences: base ? policyDifferences(base, policy) : [],
    registerEntries,
    link: `/classification/policies/${policy.id}`,
  };
}
