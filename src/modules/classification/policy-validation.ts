// Requests and responses of the classification-policy routes (policy-routes.ts). The web app imports
// the inferred types; the definition schema also reads the shipped YAML files (policy-shipped.ts).
import { z } from 'zod';
import { str } from '../../server/validation.js';
import { HANDLING_ACTIONS } from './policy-model.js';
import { ENTRY_STATUSES } from './register-schema.js';

const text = (max: number) => str().trim().max(max);
const name = text(200).min(1);
const criteria = text(2000).min(1);
const levelValue = z.number().int().min(1).max(9);

const LevelIn = z.strictObject({
  value: levelValue,
  nameJa: text(100).min(1),
  nameEn: text(100).min(1),
  criteriaJa: criteria,
  criteriaEn: criteria,
  marking: text(50).min(1).nullable(),
});

const ConfidentialityLevelIn = LevelIn.extend({
  marking: text(50).min(1),
  requiresAccessScope: z.boolean(),
  requiresStorageDesignation: z.boolean(),
  serialNumbered: z.boolean(),
  requiresConfirmation: z.boolean(),
  reviewIntervalMonths: z.number().int().min(1).max(120).nullable(),
});

const RestrictionDefIn = z.strictObject({
  key: z
    .string()
    .regex(/^[a-z][a-z0-9_]{0,39}$/, 'lower-case ASCII letters, digits or _, starting with a letter'),
  nameJa: text(50).min(1),
  nameEn: text(100).min(1),
  param: z.enum(['date', 'text']).nullable().optional(),
  forbids: z.array(z.enum(HANDLING_ACTIONS)).max(HANDLING_ACTIONS.length).optional(),
});

const RequirementIn = z.strictObject({
  kind: z.enum(['permission', 'notification']),
  roleKey: text(64).min(1),
  roleName: text(100).min(1),
});

const HandlingRuleIn = z.strictObject({
  action: z.enum(HANDLING_ACTIONS),
  confidentiality: levelValue,
  allowed: z.boolean(),
  requirements: z.array(RequirementIn).max(10),
  rule: text(500).min(1),
});

/** What an agency may edit in its own copy: everything but the id and where it came from. */
export const PolicyDefinitionIn = z.strictObject({
  name,
  nameEn: text(200).optional(),
  descriptionJa: text(2000).optional(),
  descriptionEn: text(2000).optional(),
  levels: z.strictObject({
    confidentiality: z.array(ConfidentialityLevelIn).min(1).max(9),
    integrity: z.array(LevelIn).min(1).max(9),
    availability: z.array(LevelIn).min(1).max(9),
  }),
  restrictions: z.array(RestrictionDefIn).max(50),
  rules: z.array(HandlingRuleIn).max(HANDLING_ACTIONS.length * 9),
});
export type PolicyDefinitionIn = z.infer<typeof PolicyDefinitionIn>;

/** A whole policy as stored (the shipped YAML files and `classification_policies.definition`). */
export const ClassificationPolicyDoc = PolicyDefinitionIn.extend({
  id: z.string().min(1).max(64),
  basedOn: z.string().nullable().optional(),
});

export const UpdatePolicyBody = PolicyDefinitionIn;
export type UpdatePolicyBody = z.infer<typeof UpdatePolicyBody>;

export const CopyPolicyBody = z.strictObject({
  /** A shipped id (`unified-5th`, `meti-2011`) or the uuid of one of the agency's own policies. */
  from: str().trim().min(1).max(64),
  name,
  nameEn: text(200).min(1).optional(),
});
export type CopyPolicyBody = z.infer<typeof CopyPolicyBody>;

export const PolicyIdParams = z.strictObject({ policyId: str().trim().min(1).max(64) });
export const PolicyPathParams = z.strictObject({ id: str().trim().min(1).max(64) });

export const ClassificationPolicySummaryOut = z.object({
  id: z.string(),
  name: z.string(),
  nameEn: z.string().nullable(),
  basedOn: z.string().nullable(),
  /** Shipped with Mamoru (read-only) rather than the agency's own copy. */
  shipped: z.boolean(),
  /** The agency classifies new information under this policy. */
  active: z.boolean(),
  createdAt: z.string().nullable(),
  updatedAt: z.string().nullable(),
});
export type ClassificationPolicySummaryOut = z.infer<typeof ClassificationPolicySummaryOut>;

export const ClassificationPolicyListOut = z.object({
  activePolicyId: z.string(),
  items: z.array(ClassificationPolicySummaryOut),
});
export type ClassificationPolicyListOut = z.infer<typeof ClassificationPolicyListOut>;

const LevelOut = z.object({
  value: z.number().int(),
  nameJa: z.string(),
  nameEn: z.string(),
  criteriaJa: z.string(),
  criteriaEn: z.string(),
  marking: z.string().nullable(),
});
const ConfidentialityLevelOut = LevelOut.extend({
  marking: z.string(),
  requiresAccessScope: z.boolean(),
  requiresStorageDesignation: z.boolean(),
  serialNumbered: z.boolean(),
  requiresConfirmation: z.boolean(),
  reviewIntervalMonths: z.number().int().nullable(),
});
export const RestrictionDefOut = z.object({
  key: z.string(),
  nameJa: z.string(),
  nameEn: z.string(),
  param: z.enum(['date', 'text']).nullable(),
  forbids: z.array(z.enum(HANDLING_ACTIONS)),
});
const RequirementOut = z.object({
  kind: z.enum(['permission', 'notification']),
  roleKey: z.string(),
  roleName: z.string(),
});
export const HandlingRuleOut = z.object({
  action: z.enum(HANDLING_ACTIONS),
  confidentiality: z.number().int(),
  allowed: z.boolean(),
  requirements: z.array(RequirementOut),
  rule: z.string(),
});

export const ClassificationPolicyOut = ClassificationPolicySummaryOut.extend({
  descriptionJa: z.string().nullable(),
  descriptionEn: z.string().nullable(),
  /** The caller may edit it (an agency copy, and the caller holds classification.manage agency-wide). */
  editable: z.boolean(),
  levels: z.object({
    confidentiality: z.array(ConfidentialityLevelOut),
    integrity: z.array(LevelOut),
    availability: z.array(LevelOut),
  }),
  restrictions: z.array(RestrictionDefOut),
  rules: z.array(HandlingRuleOut),
  /** The actions of the rule table in display order, with their names. */
  actions: z.array(z.object({ key: z.enum(HANDLING_ACTIONS), nameJa: z.string(), nameEn: z.string() })),
});
export type ClassificationPolicyOut = z.infer<typeof ClassificationPolicyOut>;

export const ClassificationSettingsBody = z.strictObject({
  activePolicyId: str().trim().min(1).max(64),
});
export type ClassificationSettingsBody = z.infer<typeof ClassificationSettingsBody>;

export const ClassificationSettingsOut = z.object({
  activePolicyId: z.string(),
  activePolicyName: z.string(),
  updatedAt: z.string().nullable(),
});
export type ClassificationSettingsOut = z.infer<typeof ClassificationSettingsOut>;

/** `confidentiality` stays a string here so a bad value is reported by the service against the policy's levels. */
export const HandlingRequirementsQuery = z.strictObject({
  action: z.enum(HANDLING_ACTIONS),
  confidentiality: str().max(10),
  /** Optional: the entry's handling restrictions, comma-separated keys (`no_copy,no_takeout`). */
  restrictions: str().max(500).optional(),
});

/** A marking preview: levels as in the rule query, restrictions as `key` or `key:param`, comma-separated. */
export const MarkingQuery = z.strictObject({
  confidentiality: str().max(10),
  integrity: str().max(10).optional(),
  availability: str().max(10).optional(),
  restrictions: str().max(500).optional(),
});

/** The exact shape: `role` is the standard Japanese role name. */
export const HandlingRequirementsOut = z.object({
  allowed: z.boolean(),
  requirements: z.array(z.object({ kind: z.enum(['permission', 'notification']), role: z.string() })),
  rule: z.string(),
});
export type HandlingRequirementsOut = z.infer<typeof HandlingRequirementsOut>;

export const MarkingOut = z.object({
  document: z.string(),
  mailSubject: z.string(),
  header: z.object({ name: z.string(), value: z.string() }),
  markingHeader: z.object({ name: z.string(), value: z.string() }),
});
export type MarkingOut = z.infer<typeof MarkingOut>;

/** What a mail gateway gets for an entry: the marking only, never the entry's title or content. */
export const EntryMarkingOut = MarkingOut.extend({
  entryId: z.string(),
  policyId: z.string(),
  confidentiality: z.number().int(),
  status: z.enum(ENTRY_STATUSES),
});
export type EntryMarkingOut = z.infer<typeof EntryMarkingOut>;
