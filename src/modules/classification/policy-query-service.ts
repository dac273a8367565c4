// Asking a policy things (000 L695-740): the rule query of the issue, a marking preview, and the header a
// mail gateway stamps on mail about an entry. Query values arrive as text and are checked against the
// policy's own levels and restrictions, so a bad one is a 400 naming the parameter.
import { and, eq } from 'drizzle-orm';
import { todayInJapan } from '../../lib/dates.js';
import type { ActorCtx } from '../../server/context.js';
import { AppError } from '../../server/errors.js';
import { authorize } from '../../server/policy.js';
import { orgUnits } from '../org/schema.js';
import {
  type ClassificationPolicy,
  DIMENSION_NAMES,
  type Dimension,
  type EntryRestriction,
  findLevel,
  type HandlingAction,
  handlingRequirements,
  type Marking,
  markingText,
} from './policy-model.js';
import { loadPolicy, markingForEntry } from './policy-service.js';
import { classificationEntries } from './register-schema.js';

function queryError(path: string, ja: string, en: string) {
  return new AppError('validation_failed', { errors: [{ path, message: { ja, en } }] });
}

/** A level given as query text, checked against the policy: a 400 naming the parameter otherwise. */
function parseLevel(policy: ClassificationPolicy, dimension: Dimension, raw: string): number {
  const value = /^[0-9]{1,2}$/.test(raw) ? Number(raw) : Number.NaN;
  if (findLevel(policy, dimension, value)) return value;
  const values = policy.levels[dimension].map((l) => l.value).join(', ');
  const name = DIMENSION_NAMES[dimension];
  throw queryError(
    `query.${dimension}`,
    `${name.ja}「${raw}」はポリシー ${policy.id} の区分にありません（${values}）。`,
    `${name.en} "${raw}" is not a level of policy ${policy.id} (${values}).`,
  );
}

/** `no_copy,embargo:2027-03-31` → restrictions the policy defines; a 400 naming `restrictions` otherwise. */
function parseRestrictions(policy: ClassificationPolicy, raw: string | undefined): EntryRestriction[] {
  if (!raw?.trim()) return [];
  return raw.split(',').map((part) => {
    const [key = '', ...rest] = part.trim().split(':');
    const param = rest.join(':').trim() || null;
    if (!policy.restrictions.some((d) => d.key === key))
      throw queryError(
        'query.restrictions',
        `取扱制限「${key}」はポリシー ${policy.id} にありません。`,
        `Policy ${policy.id} has no handling restriction "${key}".`,
      );
    return { key, param };
  });
}

/**
 * `GET /policies/:policyId/handling-requirements`: the cell of the rule table, with the standard role
 * names; restrictions given with the query (an entry's) may forbid the action outright.
 */
export async function queryHandlingRequirements(
  ctx: ActorCtx,
  policyId: string,
  query: { action: HandlingAction; confidentiality: string; restrictions?: string | undefined },
) {
  const policy = await loadPolicy(ctx.db, ctx.actor.tenantId, policyId);
  const level = parseLevel(policy, 'confidentiality', query.confidentiality);
  const restrictions = parseRestrictions(policy, query.restrictions);
  const answer = handlingRequirements(policy, query.action, level, restrictions, todayInJapan());
  return {
    allowed: answer.allowed,
    requirements: answer.requirements.map((q) => ({ kind: q.kind, role: q.roleName })),
    rule: answer.rule,
  };
}

/** `GET /classification/policies/:id/marking`: what a document or mail with these levels must show. */
export async function previewMarking(
  ctx: ActorCtx,
  policyId: string,
  query: {
    confidentiality: string;
    integrity?: string | undefined;
    availability?: string | undefined;
    restrictions?: string | undefined;
  },
): Promise<Marking> {
  const policy = await loadPolicy(ctx.db, ctx.actor.tenantId, policyId, 'params.id');
  return markingText(policy, {
    confidentiality: parseLevel(policy, 'confidentiality', query.confidentiality),
    integrity: query.integrity ? parseLevel(policy, 'integrity', query.integrity) : null,
    availability: query.availability ? parseLevel(policy, 'availability', query.availability) : null,
    restrictions: parseRestrictions(policy, query.restrictions),
  });
}

/**
 * For mail gateways (an API token limited to classification.overview): the marking of an entry, and
 * nothing of its title or content. Outside the token holder's scope or agency: 404.
 */
export async function entryMarkingHeader(ctx: ActorCtx, entryId: string) {
  authorize(ctx.actor, 'classification.overview');
  const [row] = await ctx.db
    .select({ entry: classificationEntries, unitPath: orgUnits.path })
    .from(classificationEntries)
    .innerJoin(orgUnits, eq(orgUnits.id, classificationEntries.unitId))
    .where(
      and(eq(classificationEntries.id, entryId), eq(classificationEntries.tenantId, ctx.actor.tenantId)),
    );
  if (!row) throw new AppError('not_found');
  authorize(
    ctx.actor,
    'classification.overview',
    { tenantId: row.entry.tenantId, unitPath: row.unitPath },
    { hide: true },
  );
  const e = row.entry;
  const policy = await loadPolicy(ctx.db, ctx.actor.tenantId, e.policyId);
  let marking: Marking;
  try {
    marking = markingForEntry(e, policy);
  } catch {
    // The agency edited the policy after classifying: the entry names a level or restriction it lost.
    throw new AppError('invalid_state', {
      detail: {
        ja: 'この情報の格付は、現在のポリシーにない区分または取扱制限を使っています。格付を見直してください。',
        en: 'This entry uses a level or restriction its policy no longer defines. Review its classification.',
      },
    });
  }
  return {
    entryId: e.id,
    policyId: e.policyId,
    confidentiality: e.confidentiality,
    status: e.status,
    ...marking,
  };
}
