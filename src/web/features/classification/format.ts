// Pure helpers of the classification pages: labels of levels and restrictions in the UI language,
// badge colours, and what a level asks of the form. No React, no I/O (tested in format.test.ts).
import type {
  ClassificationPolicy,
  ConfidentialityLevel,
  EntryStatus,
  HandlingAction,
  RequestStatus,
  RestrictionDef,
} from './types.js';

/** The handling actions in the order of METI's 表2 (000 L695-751), then the related approvals. */
export const HANDLING_ACTIONS = [
  'transport',
  'provide',
  'process_outside',
  'copy',
  'private_device',
  'cloud_service',
] as const satisfies readonly HandlingAction[];
// Fails to compile when the server adds an action this list lacks.
type MissingAction = Exclude<HandlingAction, (typeof HANDLING_ACTIONS)[number]>;
export const actionsComplete: [MissingAction] extends [never] ? true : never = true;

/** Actions that need no register entry: they concern a device or a service, not one piece of information. */
export const ENTRYLESS_ACTIONS: readonly HandlingAction[] = ['private_device', 'cloud_service'];

export const ENTRY_STATUS_COLORS: Record<EntryStatus, string> = {
  proposed: 'blue',
  returned: 'orange',
  confirmed: 'green',
  archived: 'gray',
};

export const REQUEST_STATUS_COLORS: Record<RequestStatus, string> = {
  pending: 'blue',
  approved: 'green',
  rejected: 'red',
  withdrawn: 'gray',
  notified: 'teal',
  expired: 'gray',
};

/** Higher confidentiality, warmer colour: 1 grey, 2 yellow, 3 orange, 4 and above red. */
export function confidentialityColor(value: number): string {
  return value >= 4 ? 'red' : value === 3 ? 'orange' : value === 2 ? 'yellow' : 'gray';
}

type Named = { nameJa: string; nameEn?: string | null | undefined };
const nameIn = (x: Named, lang: string) => (lang === 'en' && x.nameEn ? x.nameEn : x.nameJa);

/** A level's name from the policy (`機密性3情報`), or a generic one when the policy lacks the level. */
export function levelName(
  policy: ClassificationPolicy | null | undefined,
  dimension: 'confidentiality' | 'integrity' | 'availability',
  value: number,
  lang: string,
): string {
  const level = policy?.levels[dimension].find((l) => l.value === value);
  if (level) return nameIn(level, lang);
  const generic = {
    confidentiality: ['機密性', 'Confidentiality '],
    integrity: ['完全性', 'Integrity '],
    availability: ['可用性', 'Availability '],
  }[dimension];
  return `${lang === 'en' ? generic[1] : generic[0]}${value}`;
}

export function confidentialityLevel(
  policy: ClassificationPolicy | null | undefined,
  value: number | null | undefined,
): ConfidentialityLevel | undefined {
  if (value == null) return undefined;
  return policy?.levels.confidentiality.find((l) => l.value === value);
}

/**
 * A restriction as written in the UI language: `持出禁止（2027-03-31まで）`, `Do not redistribute (related
 * divisions only)`. Mirrors the server's restrictionLabel (policy-model.ts) for Japanese.
 */
export function restrictionText(
  def: Pick<RestrictionDef, 'nameJa' | 'nameEn' | 'param'> | undefined,
  key: string,
  param: string | null | undefined,
  lang: string,
): string {
  const name = def ? nameIn(def, lang) : key;
  if (!param) return name;
  if (lang === 'en') return def?.param === 'date' ? `${name} (until ${param})` : `${name} (${param})`;
  return def?.param === 'date' ? `${name}（${param}まで）` : `${name}（${param}）`;
}

/** What choosing a confidentiality level asks of the entry form. */
export function levelNeeds(level: ConfidentialityLevel | undefined) {
  return {
    accessScope: level?.requiresAccessScope ?? false,
    storage: level?.requiresStorageDesignation ?? false,
    serial: level?.serialNumbered ?? false,
    confirmation: level?.requiresConfirmation ?? false,
  };
}

/** Whether the access scope names anyone at all (a scope-restricted level needs at least one). */
export function scopeIsEmpty(scope: { personIds: string[]; unitIds: string[] }): boolean {
  return scope.personIds.length === 0 && scope.unitIds.length === 0;
}

export { todayInJapan } from '../../../lib/dates.js';

/** Days from `today` to `day` (both YYYY-MM-DD): negative when past. */
export function daysUntil(day: string, today: string): number {
  const ms = Date.parse(`${day}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`);
  return Math.round(ms / 86_400_000);
}
