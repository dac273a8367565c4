// The two classification policies shipped with Mamoru as data (policy-data/*.yaml), read once and
// checked: they ship with the code, so an invalid file is a bug and fails loudly.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { type ClassificationPolicy, validatePolicy } from './policy-model.js';
import { ClassificationPolicyDoc } from './policy-validation.js';

export const SHIPPED_POLICY_IDS = ['unified-5th', 'meti-2011'] as const;
export type ShippedPolicyId = (typeof SHIPPED_POLICY_IDS)[number];
export const DEFAULT_POLICY_ID: ShippedPolicyId = 'unified-5th';

export function isShippedPolicyId(id: string): id is ShippedPolicyId {
  return (SHIPPED_POLICY_IDS as readonly string[]).includes(id);
}

/** Path of a shipped policy file; the server build copies `*-data/` next to the compiled module. */
export function shippedPolicyUrl(id: ShippedPolicyId): URL {
  return new URL(`./policy-data/${id}.yaml`, import.meta.url);
}

/** Parses and checks a policy document (YAML text); throws with the first problems listed. */
export function parsePolicyYaml(source: string, label: string): ClassificationPolicy {
  const parsed = ClassificationPolicyDoc.safeParse(parse(source));
  if (!parsed.success) {
    const first = parsed.error.issues
      .slice(0, 5)
      .map((i) => `${i.path.join('.')}: ${i.message}`)
      .join('; ');
    throw new Error(`policy ${label} is malformed: ${first}`);
  }
  const policy = parsed.data as ClassificationPolicy;
  const errors = validatePolicy(policy);
  if (errors.length > 0)
    throw new Error(
      `policy ${label} is invalid: ${errors
        .slice(0, 5)
        .map((e) => `${e.path}: ${e.reason.en}`)
        .join('; ')}`,
    );
  return policy;
}

const cache = new Map<ShippedPolicyId, ClassificationPolicy>();

/** A shipped policy; callers get their own copy, so editing it cannot change what others read. */
export function shippedPolicy(id: ShippedPolicyId): ClassificationPolicy {
  let policy = cache.get(id);
  if (!policy) {
    const url = shippedPolicyUrl(id);
    policy = parsePolicyYaml(readFileSync(url, 'utf8'), url.pathname);
    if (policy.id !== id) throw new Error(`${url.pathname} declares id ${policy.id}, expected ${id}`);
    cache.set(id, policy);
  }
  return structuredClone(policy);
}

export function shippedPolicies(): ClassificationPolicy[] {
  return SHIPPED_POLICY_IDS.map(shippedPolicy);
}
