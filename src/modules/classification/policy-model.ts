// Classification policies as data (000 L574-800, 001 L23211): the levels with their criteria and markings, the
// handling restrictions, and the rule table "who must permit or be notified before information at
// level N leaves". Two policies ship (policy-data/); an agency copies one and edits it. Pure: no I/O.
import { STANDARD_ROLES } from '../roles/catalog.js';

/**
 * What a person wants to do with a piece of information. The first four are 表2 of METI's report
 * (000 L695-751) plus copying (000 L921-925); the last two are the related approvals of the Unified
 * Standards: processing on a terminal the agency did not issue (府省庁支給以外の端末, 001 L10859-10920)
 * and using a terms-of-service cloud service (約款による外部サービス, 001 L10993-11094).
 */
export const HANDLING_ACTIONS = [
  'transport',
  'provide',
  'process_outside',
  'copy',
  'private_device',
  'cloud_service',
] as const;
export type HandlingAction = (typeof HANDLING_ACTIONS)[number];

export const HANDLING_ACTION_NAMES: Record<HandlingAction, { ja: string; en: string }> = {
  transport: { ja: '情報の移送', en: 'Carrying or sending out' },
  provide: { ja: '情報の提供', en: 'Providing to others' },
  process_outside: { ja: '省外での情報処理', en: 'Processing outside the agency' },
  copy: { ja: '複製', en: 'Copying' },
  private_device: {
    ja: '府省庁支給以外の端末での処理',
    en: 'Processing on a device the agency did not issue',
  },
  cloud_service: { ja: '約款による外部サービスの利用', en: 'Using a terms-of-service cloud service' },
};

export type Dimension = 'confidentiality' | 'integrity' | 'availability';
export const DIMENSIONS: Dimension[] = ['confidentiality', 'integrity', 'availability'];
export const DIMENSION_NAMES: Record<Dimension, { ja: string; en: string }> = {
  confidentiality: { ja: '機密性', en: 'Confidentiality' },
  integrity: { ja: '完全性', en: 'Integrity' },
  availability: { ja: '可用性', en: 'Availability' },
};

export interface Level {
  value: number;
  nameJa: string;
  nameEn: string;
  criteriaJa: string;
  criteriaEn: string;
  /** Text written on documents and mail, e.g. `機密性3情報`; null: this level is not written (e.g. 完全性1). */
  marking: string | null;
}

export interface ConfidentialityLevel extends Level {
  marking: string;
  /** The division head must set who may access it (METI 機密性4/3, 000 L761-764). */
  requiresAccessScope: boolean;
  /** The head designates where it is kept: a locked safe, an access-restricted folder (000 L784-787). */
  requiresStorageDesignation: boolean;
  /** Items get serial numbers (METI 機密性4, 000 L790). */
  serialNumbered: boolean;
  /** The division head judges whether the creator's classification is right (METI, 000 L757-760). */
  requiresConfirmation: boolean;
  /** How often the classification is reviewed; null: only when circumstances change. */
  reviewIntervalMonths: number | null;
}

export type RestrictionParam = 'date' | 'text';

export interface RestrictionDef {
  /** ASCII key (`no_copy`), stable: entries and mail headers use it. */
  key: string;
  nameJa: string;
  nameEn: string;
  /** `date`: the restriction holds until that date (inclusive); `text`: free text written after the name. */
  param?: RestrictionParam | null;
  /** Actions an entry with this restriction may not undergo. */
  forbids?: HandlingAction[];
}

export type RequirementKind = 'permission' | 'notification';

export interface Requirement {
  kind: RequirementKind;
  /** Standard role key (roles/catalog.ts). */
  roleKey: string;
  /** The role's standard Japanese name, e.g. `課室情報セキュリティ責任者`. */
  roleName: string;
}

export interface HandlingRule {
  action: HandlingAction;
  confidentiality: number;
  allowed: boolean;
  requirements: Requirement[];
  /** Where the rule comes from, e.g. `METI 表2 情報の移送 機密性3 (000 L726-727)`. */
  rule: string;
}

export interface ClassificationPolicy {
  id: string;
  name: string;
  nameEn?: string;
  /** The shipped policy an agency copy came from. */
  basedOn?: string | null;
  descriptionJa?: string;
  descriptionEn?: string;
  levels: {
    confidentiality: ConfidentialityLevel[];
    integrity: Level[];
    availability: Level[];
  };
  restrictions: RestrictionDef[];
  /** One rule per (action, confidentiality level): the whole table, including "allowed, nothing needed". */
  rules: HandlingRule[];
}

export interface EntryRestriction {
  key: string;
  param?: string | null;
}

export interface HandlingAnswer {
  allowed: boolean;
  requirements: Requirement[];
  rule: string;
}

export function findLevel(
  policy: ClassificationPolicy,
  dimension: Dimension,
  value: number,
): Level | undefined {
  return policy.levels[dimension].find((l) => l.value === value);
}

export function hasConfidentiality(policy: ClassificationPolicy, value: number): boolean {
  return findLevel(policy, 'confidentiality', value) !== undefined;
}

/** Whether a restriction is in force on `today` (ISO date): a `date` parameter is the last day it holds. */
export function restrictionInForce(
  def: RestrictionDef,
  param: string | null | undefined,
  today?: string,
): boolean {
  if (def.param !== 'date' || !param || !today) return true;
  return today <= param;
}

/**
 * What the policy requires before `action` on information at `confidentiality`. A restriction on the
 * entry that forbids the action overrides the table: not allowed, and `rule` names the restriction.
 * Throws RangeError for a level the policy does not have (callers check with hasConfidentiality).
 */
export function handlingRequirements(
  policy: ClassificationPolicy,
  action: HandlingAction,
  confidentiality: number,
  restrictions: EntryRestriction[] = [],
  today?: string,
): HandlingAnswer {
  const cell = policy.rules.find((r) => r.action === action && r.confidentiality === confidentiality);
  if (!cell)
    throw new RangeError(
      `policy ${policy.id} has no rule for ${action} at confidentiality ${confidentiality}`,
    );
  const defs = new Map(policy.restrictions.map((d) => [d.key, d]));
  const blocking = restrictions.filter((r) => {
    const def = defs.get(r.key);
    return def?.forbids?.includes(action) && restrictionInForce(def, r.param, today);
  });
  if (blocking.length > 0) {
    const names = blocking
      .map((r) => restrictionLabel(defs.get(r.key) as RestrictionDef, r.param))
      .join('、');
    return { allowed: false, requirements: [], rule: `取扱制限：${names}` };
  }
  return { allowed: cell.allowed, requirements: cell.requirements.map((q) => ({ ...q })), rule: cell.rule };
}

/** `持出禁止（2027-03-31まで）`, `再配付禁止（関係課室限り）`, `複製禁止`. */
export function restrictionLabel(def: RestrictionDef, param?: string | null): string {
  if (!param) return def.nameJa;
  return def.param === 'date' ? `${def.nameJa}（${param}まで）` : `${def.nameJa}（${param}）`;
}

export interface MarkingInput {
  confidentiality: number;
  integrity?: number | null;
  availability?: number | null;
  restrictions?: EntryRestriction[];
}

export interface Marking {
  /** Written on documents: `機密性3情報 取扱制限：複製禁止、持出禁止（2027-03-31まで）`. */
  document: string;
  /** Prefix for a mail subject: `【機密性3情報 取扱制限：複製禁止】`. */
  mailSubject: string;
  /** ASCII header for mail gateways: `X-Mamoru-Classification: C3; I2; policy=meti-2011; restrictions=no-copy`. */
  header: { name: string; value: string };
  /** The document text as an RFC 2047 encoded-word header, for gateways that stamp it verbatim. */
  markingHeader: { name: string; value: string };
}

export const CLASSIFICATION_HEADER = 'X-Mamoru-Classification';
export const MARKING_HEADER = 'X-Mamoru-Marking';

/** Throws RangeError for a level or restriction the policy does not have. */
export function markingText(policy: ClassificationPolicy, input: MarkingInput): Marking {
  const parts: string[] = [];
  const tokens: string[] = [];
  const conf = findLevel(policy, 'confidentiality', input.confidentiality);
  if (!conf) throw new RangeError(`confidentiality ${input.confidentiality} not in policy ${policy.id}`);
  parts.push(conf.marking as string);
  tokens.push(`C${conf.value}`);
  for (const [dimension, letter] of [
    ['integrity', 'I'],
    ['availability', 'A'],
  ] as const) {
    const value = input[dimension];
    if (value == null) continue;
    const level = findLevel(policy, dimension, value);
    if (!level) throw new RangeError(`${dimension} ${value} not in policy ${policy.id}`);
    if (level.marking) parts.push(level.marking);
    tokens.push(`${letter}${level.value}`);
  }
  tokens.push(`policy=${asciiToken(policy.id)}`);

  const restrictions = input.restrictions ?? [];
  if (restrictions.length > 0) {
    const labels: string[] = [];
    const headerTokens: string[] = [];
    for (const r of restrictions) {
      const def = policy.restrictions.find((d) => d.key === r.key);
      if (!def) throw new RangeError(`restriction ${r.key} not in policy ${policy.id}`);
      labels.push(restrictionLabel(def, r.param));
      // Dates are ASCII; free text is not, so it appears only in the Japanese marking.
      const token = def.key.replaceAll('_', '-');
      headerTokens.push(def.param === 'date' && r.param ? `${token}(until ${r.param})` : token);
    }
    parts.push(`取扱制限：${labels.join('、')}`);
    tokens.push(`restrictions=${headerTokens.join(',')}`);
  }
  const document = parts.join(' ');
  return {
    document,
    mailSubject: `【${document}】`,
    header: { name: CLASSIFICATION_HEADER, value: tokens.join('; ') },
    markingHeader: { name: MARKING_HEADER, value: encodeRfc2047(document) },
  };
}

function asciiToken(s: string): string {
  return s.replace(/[^A-Za-z0-9._-]/g, '_');
}

/** RFC 2047 B-encoding in words of at most 75 characters, never splitting a character. */
export function encodeRfc2047(text: string): string {
  if (/^[\x20-\x7e]*$/.test(text)) return text;
  const words: string[] = [];
  let chunk = '';
  const flush = () => {
    if (chunk) words.push(`=?UTF-8?B?${Buffer.from(chunk, 'utf8').toString('base64')}?=`);
    chunk = '';
  };
  for (const ch of text) {
    // 75 - len("=?UTF-8?B??=") = 63 base64 chars → at most 45 bytes per word.
    if (Buffer.byteLength(chunk + ch, 'utf8') > 45) flush();
    chunk += ch;
  }
  flush();
  return words.join(' ');
}

export interface PolicyError {
  /** JSON-ish path into the policy, e.g. `rules[3].requirements[0].roleKey`. */
  path: string;
  reason: { ja: string; en: string };
}

const KEY_PATTERN = /^[a-z][a-z0-9_]{0,39}$/;

/**
 * Everything that makes a policy unusable: levels not numbered 1..n, a missing marking, unknown role
 * keys or names, restrictions with duplicate keys or forbidding unknown actions, and a rule table that
 * is not exactly one rule per (action, confidentiality level).
 */
export function validatePolicy(
  policy: ClassificationPolicy,
  knownRoles: { key: string; standardName: string | null; nameJa: string }[] = STANDARD_ROLES,
): PolicyError[] {
  const errors: PolicyError[] = [];
  const err = (path: string, ja: string, en: string) => errors.push({ path, reason: { ja, en } });

  if (!policy.name?.trim()) err('name', '名称がありません。', 'The name is missing.');
  for (const dimension of DIMENSIONS) {
    const levels = policy.levels?.[dimension] ?? [];
    if (levels.length === 0) err(`levels.${dimension}`, '区分がありません。', 'No levels are defined.');
    levels.forEach((level, i) => {
      const path = `levels.${dimension}[${i}]`;
      if (level.value !== i + 1)
        err(
          `${path}.value`,
          `区分は1から順に並べてください（${i + 1} が必要です）。`,
          `Levels must be numbered 1, 2, … in order (expected ${i + 1}).`,
        );
      if (!level.nameJa?.trim()) err(`${path}.nameJa`, '名称がありません。', 'The name is missing.');
      if (!level.criteriaJa?.trim())
        err(`${path}.criteriaJa`, '格付の基準がありません。', 'The criteria are missing.');
      if (dimension === 'confidentiality' && !level.marking?.trim())
        err(`${path}.marking`, '表示する文言がありません。', 'The marking text is missing.');
    });
  }

  const restrictionKeys = new Set<string>();
  (policy.restrictions ?? []).forEach((def, i) => {
    const path = `restrictions[${i}]`;
    if (!KEY_PATTERN.test(def.key ?? ''))
      err(
        `${path}.key`,
        'キーは英小文字で始まる英小文字・数字・_ の40文字以内にしてください。',
        'The key must be lower-case ASCII letters, digits or _ (starting with a letter, at most 40).',
      );
    else if (restrictionKeys.has(def.key))
      err(`${path}.key`, `キー ${def.key} が重複しています。`, `The key ${def.key} is used twice.`);
    restrictionKeys.add(def.key);
    if (!def.nameJa?.trim()) err(`${path}.nameJa`, '名称がありません。', 'The name is missing.');
    for (const action of def.forbids ?? [])
      if (!HANDLING_ACTIONS.includes(action))
        err(`${path}.forbids`, `不明な取扱い ${action} です。`, `Unknown action ${action}.`);
  });

  const roles = new Map(knownRoles.map((r) => [r.key, r]));
  const confValues = new Set((policy.levels?.confidentiality ?? []).map((l) => l.value));
  const seen = new Set<string>();
  (policy.rules ?? []).forEach((rule, i) => {
    const path = `rules[${i}]`;
    if (!HANDLING_ACTIONS.includes(rule.action))
      err(`${path}.action`, `不明な取扱い ${rule.action} です。`, `Unknown action ${rule.action}.`);
    if (!confValues.has(rule.confidentiality))
      err(
        `${path}.confidentiality`,
        `機密性${rule.confidentiality}の区分がありません。`,
        `There is no confidentiality level ${rule.confidentiality}.`,
      );
    const cell = `${rule.action}/${rule.confidentiality}`;
    if (seen.has(cell)) err(path, `${cell} の規則が重複しています。`, `There are two rules for ${cell}.`);
    seen.add(cell);
    if (!rule.rule?.trim()) err(`${path}.rule`, '根拠がありません。', 'The reference is missing.');
    if (!rule.allowed && rule.requirements.length > 0)
      err(
        `${path}.requirements`,
        '禁止の規則には許可・届出を付けられません。',
        'A prohibiting rule cannot also list permissions or notifications.',
      );
    rule.requirements.forEach((q, j) => {
      const qPath = `${path}.requirements[${j}]`;
      if (q.kind !== 'permission' && q.kind !== 'notification')
        err(`${qPath}.kind`, `不明な種類 ${q.kind} です。`, `Unknown kind ${q.kind}.`);
      const role = roles.get(q.roleKey);
      if (!role) err(`${qPath}.roleKey`, `不明な役割 ${q.roleKey} です。`, `Unknown role ${q.roleKey}.`);
      else if (q.roleName !== (role.standardName ?? role.nameJa))
        err(
          `${qPath}.roleName`,
          `役割名は「${role.standardName ?? role.nameJa}」にしてください。`,
          `The role name must be 「${role.standardName ?? role.nameJa}」.`,
        );
    });
  });
  for (const action of HANDLING_ACTIONS)
    for (const value of confValues)
      if (!seen.has(`${action}/${value}`))
        err(
          'rules',
          `${HANDLING_ACTION_NAMES[action].ja}・機密性${value}の規則がありません。`,
          `No rule for ${action} at confidentiality ${value}.`,
        );
  return errors;
}
