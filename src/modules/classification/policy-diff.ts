// How a classification policy differs from the one it is based on, as the annual report's table of
// differences from the Unified Standards lists them (METI's 表1 and 表2 set its policy beside the
// Unified Standards', 000 L611-751). Pure: two policies in, rows out. The policy model keeps no reason
// per change, so `reason` is the rule's own reference where the agency gave one, else empty.
import {
  type ClassificationPolicy,
  type ConfidentialityLevel,
  DIMENSION_NAMES,
  DIMENSIONS,
  HANDLING_ACTION_NAMES,
  HANDLING_ACTIONS,
  type HandlingRule,
  type Level,
  type RestrictionDef,
} from './policy-model.js';

export interface PolicyDifference {
  subject: string;
  change: string;
  reason: string;
}

const yesNo = (b: boolean | undefined) => (b ? '要' : '不要');
const interval = (m: number | null | undefined) => (m == null ? '随時' : `${m}か月`);
const FLAGS: [keyof ConfidentialityLevel, string, (v: never) => string][] = [
  ['requiresAccessScope', 'アクセス範囲の指定', yesNo],
  ['requiresStorageDesignation', '保管場所の指定', yesNo],
  ['serialNumbered', '通し番号', yesNo],
  ['requiresConfirmation', '格付の確認', yesNo],
  ['reviewIntervalMonths', '見直し周期', interval],
];

function levelChanges(dimension: string, base: Level, mine: Level): string[] {
  const out: string[] = [];
  if (base.nameJa !== mine.nameJa) out.push(`名称：${base.nameJa}→${mine.nameJa}`);
  if (base.criteriaJa !== mine.criteriaJa) out.push(`格付の基準：${mine.criteriaJa}`);
  if (base.marking !== mine.marking) out.push(`表示：${base.marking ?? 'なし'}→${mine.marking ?? 'なし'}`);
  if (dimension === 'confidentiality')
    for (const [field, label, show] of FLAGS) {
      const [a, b] = [(base as ConfidentialityLevel)[field], (mine as ConfidentialityLevel)[field]];
      if ((a ?? null) !== (b ?? null)) out.push(`${label}：${show(a as never)}→${show(b as never)}`);
    }
  return out;
}

function restrictionText(r: RestrictionDef): string {
  const forbids = (r.forbids ?? []).map((a) => HANDLING_ACTION_NAMES[a].ja);
  return forbids.length ? `${r.nameJa}（${forbids.join('・')}を禁止）` : r.nameJa;
}

/** 「課室情報セキュリティ責任者の許可」, 「禁止」, 「許可・届出不要」. */
export function ruleText(rule: Pick<HandlingRule, 'allowed' | 'requirements'>): string {
  if (!rule.allowed) return '禁止';
  if (rule.requirements.length === 0) return '許可・届出不要';
  return rule.requirements
    .map((q) => `${q.roleName}の${q.kind === 'permission' ? '許可' : '届出'}`)
    .join('、');
}

const sameRule = (a: HandlingRule, b: HandlingRule) =>
  a.allowed === b.allowed &&
  JSON.stringify(a.requirements.map((q) => [q.kind, q.roleKey]).sort()) ===
    JSON.stringify(b.requirements.map((q) => [q.kind, q.roleKey]).sort());

/** Levels, then restrictions, then the handling rules, each in the policy's own order. */
export function policyDifferences(
  base: ClassificationPolicy,
  mine: ClassificationPolicy,
): PolicyDifference[] {
  const rows: PolicyDifference[] = [];
  for (const dimension of DIMENSIONS) {
    const dim = DIMENSION_NAMES[dimension].ja;
    const before = new Map(base.levels[dimension].map((l) => [l.value, l]));
    const after = new Map(mine.levels[dimension].map((l) => [l.value, l]));
    for (const level of mine.levels[dimension]) {
      const old = before.get(level.value);
      if (!old)
        rows.push({
          subject: `${dim}：${level.nameJa}`,
          change: `区分を追加（${level.criteriaJa}）`,
          reason: '',
        });
      else {
        const changes = levelChanges(dimension, old, level);
        if (changes.length)
          rows.push({ subject: `${dim}：${level.nameJa}`, change: changes.join('／'), reason: '' });
      }
    }
    for (const level of base.levels[dimension])
      if (!after.has(level.value))
        rows.push({ subject: `${dim}：${level.nameJa}`, change: '区分を削除', reason: '' });
  }
  const baseRestrictions = new Map(base.restrictions.map((r) => [r.key, r]));
  const myRestrictions = new Set(mine.restrictions.map((r) => r.key));
  for (const r of mine.restrictions) {
    const old = baseRestrictions.get(r.key);
    const subject = `取扱制限：${r.nameJa}`;
    if (!old) rows.push({ subject, change: `追加：${restrictionText(r)}`, reason: '' });
    else if (restrictionText(old) !== restrictionText(r) || (old.param ?? null) !== (r.param ?? null))
      rows.push({ subject, change: `${restrictionText(old)}→${restrictionText(r)}`, reason: '' });
  }
  for (const r of base.restrictions)
    if (!myRestrictions.has(r.key))
      rows.push({ subject: `取扱制限：${r.nameJa}`, change: '削除', reason: '' });
  const baseRules = new Map(base.rules.map((r) => [`${r.action}/${r.confidentiality}`, r]));
  const order = (r: HandlingRule) => HANDLING_ACTIONS.indexOf(r.action) * 100 + r.confidentiality;
  for (const rule of [...mine.rules].sort((a, b) => order(a) - order(b))) {
    const old = baseRules.get(`${rule.action}/${rule.confidentiality}`);
    if (old && sameRule(old, rule)) continue;
    rows.push({
      subject: `${HANDLING_ACTION_NAMES[rule.action].ja}：機密性${rule.confidentiality}`,
      change: old ? `${ruleText(old)}→${ruleText(rule)}` : ruleText(rule),
      reason: old && old.rule === rule.rule ? '' : rule.rule,
    });
  }
  return rows;
}
