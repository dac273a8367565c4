import type { PolicyDefinition } from '../api.js';
import type { ClassificationPolicy, HandlingAction, HandlingRule } from '../types.js';

/** The editable part of a policy (what PUT /classification/policies/:id takes). */
export function definitionOf(p: ClassificationPolicy): PolicyDefinition {
  return {
    name: p.name,
    nameEn: p.nameEn ?? undefined,
    descriptionJa: p.descriptionJa ?? undefined,
    descriptionEn: p.descriptionEn ?? undefined,
    levels: {
      confidentiality: p.levels.confidentiality.map((l) => ({ ...l })),
      integrity: p.levels.integrity.map((l) => ({ ...l })),
      availability: p.levels.availability.map((l) => ({ ...l })),
    },
    restrictions: p.restrictions.map((r) => ({ ...r, forbids: [...r.forbids] })),
    rules: p.rules.map((r) => ({ ...r, requirements: r.requirements.map((q) => ({ ...q })) })),
  };
}

export function ruleAt(rules: HandlingRule[], action: HandlingAction, confidentiality: number) {
  return rules.find((r) => r.action === action && r.confidentiality === confidentiality);
}

/** Replaces the rule of one cell, keeping the table's order. */
export function withRule(def: PolicyDefinition, rule: HandlingRule): PolicyDefinition {
  const i = def.rules.findIndex(
    (r) => r.action === rule.action && r.confidentiality === rule.confidentiality,
  );
  const rules = [...def.rules];
  if (i >= 0) rules[i] = rule;
  else rules.push(rule);
  return { ...def, rules };
}
