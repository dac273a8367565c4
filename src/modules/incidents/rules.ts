// Pure rules of incident handling (障害・事故等): types, the response flow as data, who holds a step,
// the duty to notify NISC, and the shape of the year's list. No I/O.

/** The national list's four types (001 L15108-15571: 種別). */
export const INCIDENT_TYPES = ['external_attack', 'unintended_leak', 'insider', 'other'] as const;
export type IncidentType = (typeof INCIDENT_TYPES)[number];

export const INCIDENT_TYPE_NAMES: Record<IncidentType, { ja: string; en: string }> = {
  external_attack: { ja: '外部からの攻撃', en: 'External attack' },
  unintended_leak: { ja: '意図せぬ情報流出', en: 'Unintended disclosure' },
  insider: { ja: '内部不正', en: 'Insider wrongdoing' },
  other: { ja: 'その他', en: 'Other' },
};

/** The receipt's reference of a case: the first eight hex digits of its id, upper case. */
export const caseReference = (id: string) => id.slice(0, 8).toUpperCase();

export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const INCIDENT_STATES = ['reported', 'in_progress', 'closed'] as const;
export type IncidentState = (typeof INCIDENT_STATES)[number];

export const INCIDENT_SOURCES = ['public_form', 'signed_in_form', 'mail'] as const;
export type IncidentSource = (typeof INCIDENT_SOURCES)[number];

/**
 * How a step's holder is found:
 * - unit_role: holders of `roleKey` at the reporting unit's nearest level that has one (self, then up);
 * - system_officer: the involved systems' 情報システムセキュリティ責任者 from the ledger (else as unit_role);
 * - root_role: holders of `roleKey` at the agency's root (the CISO);
 * - csirt: anyone holding incident.handle over the case;
 * - external: done outside (NISC, GSOC), recorded by the CSIRT.
 */
export const RESOLVERS = ['unit_role', 'system_officer', 'root_role', 'csirt', 'external'] as const;
export type Resolver = (typeof RESOLVERS)[number];

export interface FlowStep {
  key: string;
  nameJa: string;
  nameEn: string;
  resolver: Resolver;
  /** Role key for unit_role/root_role, and the fallback of system_officer; null otherwise. */
  roleKey: string | null;
}

/**
 * The Cabinet Office's 障害・事故等の処理フロー, ①報告 … ⑬報告 (002 L692-778): the discoverer reports to
 * the system and division heads, who instruct the response and notify the bureau's 情報セキュリティ
 * 責任者 and the liaison (企画調整課情報システム室); the responder files a plan that the 対処承認権限者
 * approves; the liaison works with NISC; the prevention plan is approved by the 情報セキュリティ責任者;
 * the result is filed and confirmed; the liaison reports to the CISO, who takes the final report.
 */
export const DEFAULT_FLOW: FlowStep[] = [
  {
    key: 'report',
    nameJa: '①報告',
    nameEn: '1 Report received',
    resolver: 'unit_role',
    roleKey: 'division_security_officer',
  },
  {
    key: 'instruct',
    nameJa: '②対処指示',
    nameEn: '2 Response instructed',
    resolver: 'unit_role',
    roleKey: 'division_security_officer',
  },
  {
    key: 'notify_officer',
    nameJa: '③通知（情報セキュリティ責任者・関係部署）',
    nameEn: '3 Bureau officer notified',
    resolver: 'unit_role',
    roleKey: 'security_officer',
  },
  {
    key: 'notify_liaison',
    nameJa: '④通知（連絡担当者）',
    nameEn: '4 Liaison notified',
    resolver: 'csirt',
    roleKey: null,
  },
  {
    key: 'plan',
    nameJa: '⑤対処方針申請',
    nameEn: '5 Response plan filed',
    resolver: 'system_officer',
    roleKey: 'division_security_officer',
  },
  {
    key: 'plan_approval',
    nameJa: '⑥承認',
    nameEn: '6 Response plan approved',
    resolver: 'unit_role',
    roleKey: 'division_security_officer',
  },
  {
    key: 'nisc',
    nameJa: '⑦連携（内閣官房情報セキュリティセンター）',
    nameEn: '7 Liaison with NISC',
    resolver: 'external',
    roleKey: null,
  },
  {
    key: 'prevention',
    nameJa: '⑧再発防止策申請',
    nameEn: '8 Prevention plan filed',
    resolver: 'system_officer',
    roleKey: 'division_security_officer',
  },
  {
    key: 'prevention_approval',
    nameJa: '⑨承認（情報セキュリティ責任者）',
    nameEn: '9 Prevention plan approved',
    resolver: 'unit_role',
    roleKey: 'security_officer',
  },
  {
    key: 'result',
    nameJa: '⑩対処結果申請',
    nameEn: '10 Result filed',
    resolver: 'system_officer',
    roleKey: 'division_security_officer',
  },
  {
    key: 'result_confirm',
    nameJa: '⑪確認',
    nameEn: '11 Result confirmed',
    resolver: 'unit_role',
    roleKey: 'division_security_officer',
  },
  {
    key: 'report_ciso',
    nameJa: '⑫報告（最高情報セキュリティ責任者へ）',
    nameEn: '12 Reported to the CISO',
    resolver: 'csirt',
    roleKey: null,
  },
  {
    key: 'ciso',
    nameJa: '⑬報告（最高情報セキュリティ責任者）',
    nameEn: '13 CISO report received',
    resolver: 'root_role',
    roleKey: 'ciso',
  },
];

/** A flow is usable when keys are unique and every role-based step names its role. */
export function flowProblems(steps: readonly FlowStep[]): string[] {
  const problems: string[] = [];
  if (steps.length === 0) problems.push('empty');
  const seen = new Set<string>();
  steps.forEach((s, i) => {
    if (seen.has(s.key)) problems.push(`${i}: duplicate key ${s.key}`);
    seen.add(s.key);
    if (
      (s.resolver === 'unit_role' || s.resolver === 'root_role' || s.resolver === 'system_officer') &&
      !s.roleKey
    )
      problems.push(`${i}: ${s.resolver} needs a role`);
  });
  return problems;
}

/** Who holds what role where: unit id → role key → person ids. */
export type HoldersByUnit = ReadonlyMap<string, ReadonlyMap<string, readonly string[]>>;

/**
 * The people a step is resolved to. `unitChain` is the reporting unit and its ancestors, nearest
 * first, the root last. An empty list for csirt/external steps (anyone with incident.handle does them),
 * and for role steps nobody holds (then also the CSIRT does them, so no case is stuck).
 */
export function resolveStep(
  step: FlowStep,
  unitChain: readonly string[],
  holders: HoldersByUnit,
  systemOfficers: readonly string[],
): string[] {
  const nearest = (roleKey: string, chain: readonly string[]) => {
    for (const unitId of chain) {
      const ids = holders.get(unitId)?.get(roleKey);
      if (ids && ids.length > 0) return [...new Set(ids)].sort();
    }
    return [];
  };
  switch (step.resolver) {
    case 'csirt':
    case 'external':
      return [];
    case 'root_role':
      return nearest(step.roleKey!, unitChain.slice(-1));
    case 'system_officer':
      if (systemOfficers.length > 0) return [...new Set(systemOfficers)].sort();
      return nearest(step.roleKey!, unitChain);
    case 'unit_role':
      return nearest(step.roleKey!, unitChain);
  }
}

/** A step is the CSIRT's when it is csirt/external, or nobody could be resolved for it. */
export function isCsirtStep(step: { resolver: Resolver; holderIds: readonly string[] }): boolean {
  return step.resolver === 'csirt' || step.resolver === 'external' || step.holderIds.length === 0;
}

/**
 * May this person complete the step? Its resolved holders only; CSIRT steps need incident.handle.
 * Steps are done in order: only the first open one.
 */
export function mayCompleteStep(
  step: { resolver: Resolver; holderIds: readonly string[] },
  personId: string,
  handlesIncidents: boolean,
): boolean {
  if (isCsirtStep(step)) return handlesIncidents;
  return step.holderIds.includes(personId);
}

/** The first step not done, or null when the flow is complete. */
export function currentStepIndex(steps: readonly { doneAt: Date | null }[]): number | null {
  const i = steps.findIndex((s) => s.doneAt === null);
  return i < 0 ? null : i;
}

/**
 * The duty to tell NISC of cyber attacks on the agency's systems as soon as possible (001 L14437-14449):
 * attacks from outside always; other types only when the CSIRT says so.
 */
export function mustNotifyNisc(type: IncidentType | null): boolean {
  return type === 'external_attack';
}

/** Minutes a step has been held: since the previous step was done (or the triage), until now or done. */
export function heldMinutes(since: Date, until: Date): number {
  return Math.max(0, Math.floor((until.getTime() - since.getTime()) / 60_000));
}

/** The national list's month column (001 L15111: 年月), e.g. "2013年4月". */
export function listMonth(day: string): string {
  const [y, m] = day.split('-');
  return `${Number(y)}年${Number(m)}月`;
}

/** The list's 概要・対応等 column: 【概要】… 【対応等】… (001 L15114-15120). */
export function listSummary(summary: string, response: string | null): string {
  return response ? `【概要】${summary}\n【対応等】${response}` : `【概要】${summary}`;
}

/** Attachments accepted from the reporting point: sniffed, never trusted from the client's claim. */
export const ATTACHMENT_TYPES = ['image/png', 'image/jpeg', 'application/pdf', 'text/plain'] as const;
export type AttachmentType = (typeof ATTACHMENT_TYPES)[number];

/** The type the bytes really are, from their magic numbers; null when not on the allow-list. */
export function sniffAttachment(bytes: Uint8Array): AttachmentType | null {
  const starts = (...sig: number[]) => sig.every((b, i) => bytes[i] === b);
  if (bytes.length >= 8 && starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  if (bytes.length >= 3 && starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (bytes.length >= 5 && starts(0x25, 0x50, 0x44, 0x46, 0x2d)) return 'application/pdf';
  // Text: valid UTF-8, no NUL, and nothing a browser would take for markup at the start.
  if (bytes.includes(0)) return null;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
  if (/^\s*</.test(text)) return null;
  return 'text/plain';
}
