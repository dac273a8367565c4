// Findings that came from scanners (testssl.sh, OWASP ZAP) or Mamoru's own probes as SARIF 2.1.0, so
// code-scanning dashboards and ticketing tools can take them. One run per tool; a rule per finding
// kind (the scanner's own id); a result per finding. Hand-entered and CSV diagnosis findings are not
// scanner output and stay out. Pure.
import type { FindingBand, FindingSource, FindingStatus } from '../finding-schema.js';
import type { SarifLog, SarifResult, SarifRule, SarifRun } from './types.js';

export const SARIF_SOURCES = ['testssl', 'zap', 'probe'] as const satisfies readonly FindingSource[];
export type SarifSource = (typeof SARIF_SOURCES)[number];

export interface SarifFindingRow {
  id: string;
  systemCode: string;
  systemName: string;
  hostLabel: string;
  source: SarifSource;
  title: string;
  band: FindingBand;
  cvssScore: number | null;
  cvssVector: string | null;
  description: string;
  recommendation: string;
  evidence: Record<string, unknown>;
  foundOn: string;
  targetDate: string;
  status: FindingStatus;
  acceptedReason: string | null;
}

const TOOLS: Record<SarifSource, { name: string; informationUri?: string }> = {
  testssl: { name: 'testssl.sh', informationUri: 'https://testssl.sh/' },
  zap: { name: 'OWASP ZAP', informationUri: 'https://www.zaproxy.org/' },
  probe: { name: 'Mamoru probe' },
};

/** CVSS bands (001 L11788-11796) to SARIF levels: high must be fixed at once, medium on a plan. */
const LEVEL: Record<FindingBand, SarifResult['level']> = {
  high: 'error',
  medium: 'warning',
  low: 'note',
  info: 'note',
};

const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : null);

/** The finding kind as the scanner names it: testssl's id, ZAP's plugin id, the probe's verdict code. */
export function ruleIdOf(row: Pick<SarifFindingRow, 'source' | 'evidence' | 'title'>): string {
  const e = row.evidence;
  const own =
    row.source === 'testssl'
      ? str(e.testsslId)
      : row.source === 'zap'
        ? str(e.pluginId) && `zap-${str(e.pluginId)}`
        : str(e.verdict);
  return own ?? `title:${row.title.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim()}`;
}

function locationsOf(row: SarifFindingRow): Pick<SarifResult, 'locations'> {
  const uris = Array.isArray(row.evidence.uris)
    ? row.evidence.uris.filter((u): u is string => typeof u === 'string' && /^https?:\/\//.test(u))
    : [];
  const target = str(row.evidence.target);
  if (target && /^https?:\/\//.test(target)) uris.push(target);
  const logical = [
    { name: row.systemCode, fullyQualifiedName: `${row.systemCode} ${row.systemName}`, kind: 'module' },
    ...(row.hostLabel ? [{ name: row.hostLabel, kind: 'resource' }] : []),
  ];
  if (!uris.length) return { locations: [{ logicalLocations: logical }] };
  return {
    locations: [...new Set(uris)]
      .slice(0, 20)
      .map((uri) => ({ physicalLocation: { artifactLocation: { uri } }, logicalLocations: logical })),
  };
}

function resultOf(row: SarifFindingRow, ruleIndex: number, ruleId: string): SarifResult {
  const text = [row.title, row.description && row.description !== row.title ? row.description : '']
    .filter(Boolean)
    .join('\n\n');
  return {
    ruleId,
    ruleIndex,
    level: LEVEL[row.band],
    message: { text },
    ...locationsOf(row),
    // Stable across exports: the finding's own id (a re-import of the same scan updates that row).
    partialFingerprints: { 'mamoruFinding/v1': row.id },
    ...(row.status === 'accepted'
      ? { suppressions: [{ kind: 'external', status: 'accepted', justification: row.acceptedReason ?? '' }] }
      : {}),
    properties: {
      band: row.band,
      status: row.status,
      foundOn: row.foundOn,
      targetDate: row.targetDate,
      system: row.systemCode,
      ...(row.cvssScore !== null ? { cvssScore: row.cvssScore } : {}),
      ...(row.cvssVector ? { cvssVector: row.cvssVector } : {}),
      ...(row.recommendation ? { recommendation: row.recommendation } : {}),
    },
  };
}

export function findingsToSarif(rows: readonly SarifFindingRow[]): SarifLog {
  const runs: SarifRun[] = [];
  for (const source of SARIF_SOURCES) {
    const mine = rows.filter((r) => r.source === source);
    if (!mine.length) continue;
    const rules: SarifRule[] = [];
    const index = new Map<string, number>();
    const results = mine.map((row) => {
      const id = ruleIdOf(row);
      let i = index.get(id);
      if (i === undefined) {
        i = rules.length;
        index.set(id, i);
        const cwe = str(row.evidence.cwe);
        rules.push({
          id,
          shortDescription: { text: row.title },
          ...(row.recommendation ? { help: { text: row.recommendation } } : {}),
          ...(cwe ? { properties: { tags: [cwe] } } : {}),
        });
      }
      return resultOf(row, i, id);
    });
    runs.push({ tool: { driver: { ...TOOLS[source], rules } }, results });
  }
  return { version: '2.1.0', $schema: 'https://json.schemastore.org/sarif-2.1.0.json', runs };
}
