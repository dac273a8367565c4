import { CsvError } from 'csv-parse';
import { parse } from 'csv-parse/sync';
import { AppError, type LocalizedFieldError } from '../../server/errors.js';
import { bandOfCvss, bandOfSeverity, cvssBaseScore } from './finding-rules.js';
import type { FindingBand } from './finding-schema.js';

// Reading diagnosis files into findings, before any host is matched. Every problem names the file and
// its line (CSV) or JSON path, and one problem refuses the whole file (nothing half-imported).

export interface ParsedFinding {
  /** "line 4" or "$[12]" / "$.site[0].alerts[3]": where in the file this came from. */
  where: string;
  line?: number;
  /** CSV only: the system's code in the ledger. */
  systemCode?: string;
  /** The host as written: a name, an address or a domain ('' = the system as a whole). */
  host: string;
  port?: string;
  /** What identifies the finding across years on the same host (title, scanner id). */
  key: string;
  title: string;
  band: FindingBand;
  cvssScore: number | null;
  cvssVector: string | null;
  description: string;
  recommendation: string;
  evidence: Record<string, unknown>;
  foundOn: string | null;
}

export interface ParseIssue {
  path: string;
  line?: number;
  column?: string;
  message: { ja: string; en: string };
}

export function fileProblem(fileName: string, issues: ParseIssue[]): AppError {
  const errors: LocalizedFieldError[] = issues.slice(0, 1000).map((i) => ({
    path: `${fileName}: ${i.path}`,
    message: i.message,
    ...(i.line !== undefined ? { line: i.line } : {}),
    ...(i.column !== undefined ? { column: i.column } : {}),
  }));
  return new AppError('import_invalid', { errors, extra: { file: fileName, errorCount: issues.length } });
}

const msg = (ja: string, en: string) => ({ ja, en });

// --- CSV -----------------------------------------------------------------------------------------

/**
 * The documented CSV layout (docs/findings.md): a header row naming the columns, English or Japanese.
 * system_code and title are required, and one of cvss_score, cvss_vector or severity on every row.
 */
export const CSV_COLUMNS = {
  system_code: ['system_code', 'システムコード', 'システム'],
  host: ['host', 'ホスト'],
  title: ['title', '件名', '指摘事項'],
  cvss_score: ['cvss_score', 'cvss', 'cvss基本値'],
  cvss_vector: ['cvss_vector', 'cvssベクトル'],
  severity: ['severity', '深刻度', '危険度'],
  description: ['description', '説明', '内容'],
  recommendation: ['recommendation', '対策', '推奨対策'],
  found_on: ['found_on', '検出日'],
} as const;
type CsvColumn = keyof typeof CSV_COLUMNS;

function normaliseDate(s: string): string | null {
  const m = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$/.exec(s.trim());
  if (!m) return null;
  const iso = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  const d = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== iso ? null : iso;
}

export function parseFindingsCsv(text: string): { rows: ParsedFinding[]; issues: ParseIssue[] } {
  const issues: ParseIssue[] = [];
  let records: { record: string[]; info: { lines: number } }[];
  try {
    const options = { bom: true, info: true, skip_empty_lines: true, relax_column_count: true };
    records = parse(text, options) as unknown as typeof records;
  } catch (err) {
    if (!(err instanceof CsvError)) throw err;
    const line = typeof err.lines === 'number' ? err.lines : 1;
    return {
      rows: [],
      issues: [
        {
          path: `line ${line}`,
          line,
          message: msg(`CSV として読めません: ${err.message}`, `not valid CSV: ${err.message}`),
        },
      ],
    };
  }
  const [head, ...body] = records;
  if (!head)
    return {
      rows: [],
      issues: [{ path: 'line 1', line: 1, message: msg('見出し行がありません。', 'missing header row') }],
    };
  const header = head.record.map((h) => h.trim().toLowerCase());
  const index = new Map<CsvColumn, number>();
  for (const [col, names] of Object.entries(CSV_COLUMNS) as [CsvColumn, readonly string[]][]) {
    const at = header.findIndex((h) => names.includes(h));
    if (at >= 0) index.set(col, at);
  }
  for (const col of ['system_code', 'title'] as const) {
    if (!index.has(col))
      issues.push({
        path: 'line 1',
        line: 1,
        column: col,
        message: msg(`必須の列「${col}」がありません。`, `missing required column "${col}"`),
      });
  }
  if (!index.has('cvss_score') && !index.has('cvss_vector') && !index.has('severity'))
    issues.push({
      path: 'line 1',
      line: 1,
      column: 'severity',
      message: msg(
        'cvss_score・cvss_vector・severity のいずれかの列が必要です。',
        'one of the columns cvss_score, cvss_vector, severity is required',
      ),
    });
  if (issues.length) return { rows: [], issues };

  const rows: ParsedFinding[] = [];
  for (const { record, info } of body) {
    const line = info.lines - record.reduce((n, f) => n + (f.match(/\r\n|\r|\n/g)?.length ?? 0), 0);
    const get = (c: CsvColumn) => {
      const i = index.get(c);
      return i === undefined ? '' : (record[i] ?? '').replace(/^[\s\u3000]+|[\s\u3000]+$/g, '');
    };
    const bad = (column: CsvColumn, ja: string, en: string) =>
      issues.push({ path: `line ${line}, column ${column}`, line, column, message: msg(ja, en) });
    const systemCode = get('system_code');
    const title = get('title');
    if (!systemCode) bad('system_code', 'システムコードが空です。', 'system_code is empty');
    if (!title) bad('title', '件名が空です。', 'title is empty');
    let cvssScore: number | null = null;
    const vector = get('cvss_vector') || null;
    if (get('cvss_score')) {
      const n = Number(get('cvss_score'));
      if (!Number.isFinite(n) || n < 0 || n > 10)
        bad('cvss_score', 'CVSS 基本値は 0.0～10.0 です。', 'cvss_score must be 0.0–10.0');
      else cvssScore = n;
    }
    if (vector) {
      const computed = cvssBaseScore(vector);
      if (computed === null)
        bad('cvss_vector', 'CVSS v3 のベクトルとして読めません。', 'not a CVSS v3 vector');
      else if (cvssScore === null) cvssScore = computed;
    }
    let band: FindingBand | null = cvssScore !== null ? bandOfCvss(cvssScore) : null;
    if (band === null && get('severity')) {
      band = bandOfSeverity(get('severity'));
      if (band === null)
        bad(
          'severity',
          `深刻度「${get('severity')}」は不明です（critical/high/medium/low/info）。`,
          `unknown severity "${get('severity')}" (critical/high/medium/low/info)`,
        );
    }
    if (band === null && !get('severity') && !get('cvss_score') && !vector)
      bad(
        'severity',
        'CVSS 基本値・ベクトル・深刻度のいずれかが必要です。',
        'one of cvss_score, cvss_vector, severity is required',
      );
    let foundOn: string | null = null;
    if (get('found_on')) {
      foundOn = normaliseDate(get('found_on'));
      if (!foundOn) bad('found_on', '検出日は YYYY-MM-DD で書いてください。', 'found_on must be YYYY-MM-DD');
    }
    if (!systemCode || !title || band === null) continue;
    rows.push({
      where: `line ${line}`,
      line,
      systemCode,
      host: get('host'),
      key: title,
      title,
      band,
      cvssScore,
      cvssVector: vector,
      description: get('description'),
      recommendation: get('recommendation'),
      evidence: {},
      foundOn,
    });
  }
  return { rows, issues };
}

// --- JSON helpers --------------------------------------------------------------------------------

function parseJson(text: string): { value: unknown } | { issue: ParseIssue } {
  try {
    return { value: JSON.parse(text.replace(/^\uFEFF/, '')) };
  } catch (err) {
    const m = /position (\d+)/.exec(String((err as Error).message));
    const pos = m ? Number(m[1]) : null;
    const line = pos !== null ? text.slice(0, pos).split('\n').length : undefined;
    return {
      issue: {
        path: line !== undefined ? `line ${line}` : '$',
        ...(line !== undefined ? { line } : {}),
        message: msg(
          `JSON として読めません: ${(err as Error).message}`,
          `not valid JSON: ${(err as Error).message}`,
        ),
      },
    };
  }
}

const isObj = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x);
const strOf = (x: unknown): string | null =>
  typeof x === 'string' ? x : typeof x === 'number' ? String(x) : null;

/** Scanner descriptions carry simple HTML paragraphs; findings keep plain text. */
function plainText(s: string): string {
  return s
    .replace(/<\/p>\s*<p>/gi, '\n')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .trim();
}

// --- testssl.sh (--jsonfile) ---------------------------------------------------------------------

/** testssl.sh severities; OK, INFO, WARN (scan warnings) and DEBUG are not findings. */
const TESTSSL_BANDS: Record<string, FindingBand | null> = {
  CRITICAL: 'high',
  HIGH: 'high',
  MEDIUM: 'medium',
  LOW: 'low',
  OK: null,
  INFO: null,
  WARN: null,
  DEBUG: null,
};

export function parseTestssl(text: string): { rows: ParsedFinding[]; issues: ParseIssue[]; skipped: number } {
  const j = parseJson(text);
  if ('issue' in j) return { rows: [], issues: [j.issue], skipped: 0 };
  if (!Array.isArray(j.value))
    return {
      rows: [],
      issues: [
        {
          path: '$',
          message: msg(
            'testssl.sh の --jsonfile 形式（配列）ではありません。',
            'not testssl.sh --jsonfile output (an array)',
          ),
        },
      ],
      skipped: 0,
    };
  const rows: ParsedFinding[] = [];
  const issues: ParseIssue[] = [];
  let skipped = 0;
  j.value.forEach((item, i) => {
    const path = `$[${i}]`;
    if (!isObj(item)) {
      issues.push({ path, message: msg('オブジェクトではありません。', 'not an object') });
      return;
    }
    const id = strOf(item.id);
    const ip = strOf(item.ip);
    const port = strOf(item.port);
    const severity = strOf(item.severity);
    const finding = strOf(item.finding) ?? '';
    for (const [field, value] of [
      ['id', id],
      ['ip', ip],
      ['port', port],
      ['severity', severity],
    ] as const) {
      if (value === null)
        issues.push({
          path: `${path}.${field}`,
          message: msg(`${field} がありません。`, `${field} is missing`),
        });
    }
    if (!id || ip === null || port === null || !severity) return;
    const upper = severity.toUpperCase();
    if (!(upper in TESTSSL_BANDS)) {
      issues.push({
        path: `${path}.severity`,
        message: msg(`深刻度「${severity}」は不明です。`, `unknown severity "${severity}"`),
      });
      return;
    }
    const band = TESTSSL_BANDS[upper]!;
    // Scanner bookkeeping ("scanTime", "engine_problem") and passed checks are not findings.
    if (band === null || ip === '') {
      skipped++;
      return;
    }
    // testssl writes "name/address" (or just the address).
    const host = ip.includes('/') ? ip.split('/')[0]! : ip;
    const address = ip.includes('/') ? ip.split('/')[1]! : ip;
    rows.push({
      where: path,
      host,
      port,
      key: id,
      title: finding ? `${id}: ${finding}` : id,
      band,
      cvssScore: null,
      cvssVector: null,
      description: finding,
      recommendation: '',
      evidence: {
        testsslId: id,
        address,
        port,
        severity: upper,
        ...(strOf(item.cve) ? { cve: strOf(item.cve) } : {}),
        ...(strOf(item.cwe) ? { cwe: strOf(item.cwe) } : {}),
      },
      foundOn: null,
    });
  });
  return { rows, issues, skipped };
}

// --- OWASP ZAP JSON report -----------------------------------------------------------------------

const ZAP_BANDS: Record<string, FindingBand | null> = { '3': 'high', '2': 'medium', '1': 'low', '0': null };

export function parseZap(text: string): { rows: ParsedFinding[]; issues: ParseIssue[]; skipped: number } {
  const j = parseJson(text);
  if ('issue' in j) return { rows: [], issues: [j.issue], skipped: 0 };
  if (!isObj(j.value) || !Array.isArray(j.value.site))
    return {
      rows: [],
      issues: [
        {
          path: '$.site',
          message: msg(
            'OWASP ZAP の JSON レポート（site 配列）ではありません。',
            'not an OWASP ZAP JSON report (no site array)',
          ),
        },
      ],
      skipped: 0,
    };
  const rows: ParsedFinding[] = [];
  const issues: ParseIssue[] = [];
  let skipped = 0;
  j.value.site.forEach((site, si) => {
    const sp = `$.site[${si}]`;
    if (!isObj(site)) {
      issues.push({ path: sp, message: msg('オブジェクトではありません。', 'not an object') });
      return;
    }
    let host = strOf(site['@host']);
    if (!host && strOf(site['@name'])) {
      try {
        host = new URL(strOf(site['@name'])!).hostname;
      } catch {
        host = null;
      }
    }
    if (!host) {
      issues.push({
        path: `${sp}['@host']`,
        message: msg('ホスト名がありません。', 'the site names no host'),
      });
      return;
    }
    const port = strOf(site['@port']) ?? undefined;
    const alerts = site.alerts ?? [];
    if (!Array.isArray(alerts)) {
      issues.push({ path: `${sp}.alerts`, message: msg('配列ではありません。', 'not an array') });
      return;
    }
    alerts.forEach((a, ai) => {
      const ap = `${sp}.alerts[${ai}]`;
      if (!isObj(a)) {
        issues.push({ path: ap, message: msg('オブジェクトではありません。', 'not an object') });
        return;
      }
      const name = strOf(a.name) ?? strOf(a.alert);
      const risk = strOf(a.riskcode);
      if (!name) issues.push({ path: `${ap}.name`, message: msg('name がありません。', 'name is missing') });
      if (risk === null || !(risk in ZAP_BANDS)) {
        issues.push({
          path: `${ap}.riskcode`,
          message: msg('riskcode は 0～3 です。', 'riskcode must be 0–3'),
        });
        return;
      }
      if (!name) return;
      const band = ZAP_BANDS[risk]!;
      if (band === null) {
        skipped++;
        return;
      }
      const instances = Array.isArray(a.instances)
        ? a.instances.flatMap((x) => (isObj(x) && strOf(x.uri) ? [strOf(x.uri)!] : [])).slice(0, 50)
        : [];
      const cwe = strOf(a.cweid);
      rows.push({
        where: ap,
        host: host!.toLowerCase(),
        ...(port ? { port } : {}),
        key: `${strOf(a.pluginid) ?? ''}:${name}`,
        title: name,
        band,
        cvssScore: null,
        cvssVector: null,
        description: plainText(strOf(a.desc) ?? ''),
        recommendation: plainText(strOf(a.solution) ?? ''),
        evidence: {
          ...(strOf(a.pluginid) ? { pluginId: strOf(a.pluginid) } : {}),
          ...(strOf(a.riskdesc) ? { riskdesc: strOf(a.riskdesc) } : {}),
          ...(cwe && cwe !== '-1' && cwe !== '0' ? { cwe: `CWE-${cwe}` } : {}),
          uris: instances,
        },
        foundOn: null,
      });
    });
  });
  return { rows, issues, skipped };
}
