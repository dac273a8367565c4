// What the register needs from the classification policy (C1's policy-model / policy-service).
import type { Db } from '../../db/client.js';
import { AppError } from '../../server/errors.js';
import {
  type ClassificationPolicy,
  type ConfidentialityLevel,
  type EntryRestriction,
  findLevel,
  markingText,
} from './policy-model.js';
import { activePolicy, findPolicy, loadPolicy } from './policy-service.js';

export type { ClassificationPolicy };

export async function currentPolicy(db: Db, tenantId: string): Promise<ClassificationPolicy> {
  return activePolicy(db, tenantId);
}

/** The policy an entry was classified under (cached per request by the caller when it loops). */
export async function entryPolicy(db: Db, tenantId: string, policyId: string): Promise<ClassificationPolicy> {
  return loadPolicy(db, tenantId, policyId);
}

/** The entry's policy, or null when it no longer exists; database failures are thrown. */
export async function entryPolicyIfAny(
  db: Db,
  tenantId: string,
  policyId: string,
): Promise<ClassificationPolicy | null> {
  return findPolicy(db, tenantId, policyId);
}

export function confidentialityLevel(
  policy: ClassificationPolicy,
  value: number,
): ConfidentialityLevel | undefined {
  return findLevel(policy, 'confidentiality', value) as ConfidentialityLevel | undefined;
}

/** The marking text, or null if the policy no longer knows the level or a restriction. */
export function safeMarking(
  policy: ClassificationPolicy,
  e: {
    confidentiality: number;
    integrity: number | null;
    availability: number | null;
    restrictions: EntryRestriction[];
  },
) {
  try {
    return markingText(policy, e);
  } catch {
    return null;
  }
}

/** Field errors for levels and restrictions the policy does not define. */
export function checkAgainstPolicy(
  policy: ClassificationPolicy,
  input: {
    confidentiality?: number;
    integrity?: number | null;
    availability?: number | null;
    restrictions?: EntryRestriction[];
  },
) {
  const errors: { path: string; message: { ja: string; en: string } }[] = [];
  if (input.confidentiality != null && !confidentialityLevel(policy, input.confidentiality))
    errors.push({
      path: 'body.confidentiality',
      message: {
        ja: `機密性${input.confidentiality}は格付の区分にありません。`,
        en: `Confidentiality ${input.confidentiality} is not a level of the policy.`,
      },
    });
  for (const dim of ['integrity', 'availability'] as const) {
    const v = input[dim];
    if (v != null && !findLevel(policy, dim, v))
      errors.push({
        path: `body.${dim}`,
        message: { ja: `区分 ${v} は定義されていません。`, en: `Level ${v} is not defined.` },
      });
  }
  (input.restrictions ?? []).forEach((r, i) => {
    const def = policy.restrictions.find((d) => d.key === r.key);
    if (!def)
      errors.push({
        path: `body.restrictions.${i}.key`,
        message: {
          ja: `取扱制限 ${r.key} は定義されていません。`,
          en: `Restriction ${r.key} is not defined.`,
        },
      });
    else if (def.param === 'date' && r.param && !/^\d{4}-\d{2}-\d{2}$/.test(r.param))
      errors.push({
        path: `body.restrictions.${i}.param`,
        message: { ja: '日付（YYYY-MM-DD）で指定してください。', en: 'Give a date (YYYY-MM-DD).' },
      });
  });
  if (errors.length) throw new AppError('validation_failed', { errors });
}
