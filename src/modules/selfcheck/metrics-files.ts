/**
 * roster.csv and answers.csv for `mamoru selfcheck metrics`: parsed into engine input, every problem
 * reported with its file, line and column so a person can fix the spreadsheet.
 */
import { readFile } from 'node:fs/promises';
import { CsvError } from 'csv-parse';
import { parse } from 'csv-parse/sync';
import { STANDARD_ROLES } from '../roles/catalog.js';
import type { MetricGroup } from '../roles/schema.js';
import type { Answer, MemberInput } from './metrics.js';

export interface FileError {
  file: string;
  line?: number;
  column?: string;
  message: string;
}

/** `answers.csv: line 7, column answer: unknown answer "はい"` */
export function formatFileError({ file, line, column, message }: FileError): string {
  const where = [line && `line ${line}`, column && `column ${column}`].filter(Boolean).join(', ');
  return `${file}: ${where ? `${where}: ` : ''}${message}`;
}

export interface RosterRow {
  line: number;
  personId: string;
  role: string;
  group: MetricGroup;
  unit: string;
  excluded: boolean;
}

export interface AnswerRow {
  line: number;
  personId: string;
  role: string;
  item: string;
  answer: Answer;
}

// Answer options seen in the reports (000 L1028-1040, 002 L567); only 実施 counts as implemented, 該当なし is no duty.
const ANSWERS = new Map<string, Answer>([
  ['実施', 'implemented'],
  ['implemented', 'implemented'],
  ['一部未実施', 'not_implemented'],
  ['partial', 'not_implemented'],
  ['実施不足', 'not_implemented'],
  ['insufficient', 'not_implemented'],
  ['未実施', 'not_implemented'],
  ['not_implemented', 'not_implemented'],
  ['該当なし', 'no_duty'],
  ['not_applicable', 'no_duty'],
]);

const EXCLUDED = new Map([
  ['', false],
  ['0', false],
  ['false', false],
  ['1', true],
  ['true', true],
]);

interface Row {
  line: number;
  get(column: string): string;
}

/** Rows of a CSV with a required header row; each value trimmed (U+3000 included). */
function readTable(text: string, file: string, required: string[], optional: string[], errors: FileError[]) {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    // With `info: true` csv-parse returns { record, info } objects, which its overloads do not express.
    const options = { bom: true, info: true, skip_empty_lines: true, relax_column_count: true };
    records = parse(text, options) as unknown as typeof records;
  } catch (err) {
    if (!(err instanceof CsvError)) throw err;
    const line = typeof err.lines === 'number' ? err.lines : undefined;
    errors.push({ file, line, message: `not valid CSV: ${err.message}` });
    return [];
  }
  const [head, ...body] = records;
  if (!head) {
    errors.push({ file, line: 1, message: `missing header row (${required.join(',')})` });
    return [];
  }
  const header = head.record.map((name) => name.trim().toLowerCase());
  const headerLine = startLine(head.record, head.info.lines);
  const headerErrors = [
    ...required.filter((name) => !header.includes(name)).map((name) => `missing required column "${name}"`),
    ...[...required, ...optional]
      .filter((name) => header.indexOf(name) !== header.lastIndexOf(name))
      .map((name) => `column "${name}" appears twice`),
  ];
  errors.push(...headerErrors.map((message) => ({ file, line: headerLine, message })));
  if (headerErrors.length) return [];
  const rows: Row[] = [];
  for (const { record, info } of body) {
    const line = startLine(record, info.lines);
    if (record.length !== header.length) {
      errors.push({ file, line, message: `expected ${header.length} fields, found ${record.length}` });
      continue;
    }
    rows.push({ line, get: (column) => (record[header.indexOf(column)] ?? '').trim() });
  }
  return rows;
}

/** csv-parse reports the line a record ends on; a quoted field may span lines. */
function startLine(record: string[], endLine: number): number {
  return endLine - record.reduce((n, field) => n + (field.match(/\r\n|\r|\n/g)?.length ?? 0), 0);
}

const key = (personId: string, role: string) => `${personId}\u0000${role}`;

/** The metric group of a standard role name (001 L2772-2802), or why the role cannot be used. */
function groupOf(role: string): { group: MetricGroup } | { error: string } {
  const standard = STANDARD_ROLES.find((r) => r.standardName !== null && r.standardName === role);
  if (!standard) return { error: `unknown role "${role}"` };
  // 監査責任者 and the adviser answer no self-check.
  return standard.metricGroup
    ? { group: standard.metricGroup }
    : { error: `not self-checked role "${role}"` };
}

export interface ParsedRoster {
  rows: RosterRow[];
  errors: FileError[];
  /** Person-and-role keys of rows with errors: their answers are not reported a second time. */
  rejected: Set<string>;
}

export function parseRoster(text: string, file: string): ParsedRoster {
  const parsed: ParsedRoster = { rows: [], errors: [], rejected: new Set() };
  const firstLine = new Map<string, number>();
  for (const row of readTable(text, file, ['person_id', 'role', 'unit'], ['excluded'], parsed.errors)) {
    const personId = row.get('person_id');
    const role = row.get('role');
    const excludedText = row.get('excluded');
    const errors: FileError[] = [];
    const fail = (column: string | undefined, message: string) =>
      errors.push({ file, line: row.line, column, message });
    if (!personId) fail('person_id', 'empty person_id');
    const group = groupOf(role);
    if ('error' in group) fail('role', group.error);
    const excluded = EXCLUDED.get(excludedText.toLowerCase());
    if (excluded === undefined)
      fail('excluded', `bad excluded value "${excludedText}" (1/true excludes; 0/false/empty includes)`);
    const k = key(personId, role);
    const first = firstLine.get(k);
    if (first === undefined) firstLine.set(k, row.line);
    else
      fail(undefined, `duplicate row for person "${personId}" and role "${role}" (first on line ${first})`);
    parsed.errors.push(...errors);
    if (errors.length || 'error' in group || excluded === undefined) parsed.rejected.add(k);
    else
      parsed.rows.push({
        line: row.line,
        personId,
        role,
        group: group.group,
        unit: row.get('unit'),
        excluded,
      });
  }
  return parsed;
}

export function parseAnswers(text: string, file: string): { rows: AnswerRow[]; errors: FileError[] } {
  const parsed: { rows: AnswerRow[]; errors: FileError[] } = { rows: [], errors: [] };
  for (const row of readTable(text, file, ['person_id', 'role', 'item', 'answer'], [], parsed.errors)) {
    const personId = row.get('person_id');
    const role = row.get('role');
    const item = row.get('item');
    const answerText = row.get('answer');
    const errors: FileError[] = [];
    const fail = (column: string, message: string) => errors.push({ file, line: row.line, column, message });
    if (!personId) fail('person_id', 'empty person_id');
    const group = groupOf(role);
    if ('error' in group) fail('role', group.error);
    if (!item) fail('item', 'empty item');
    // English names are matched case-insensitively; Japanese ones exactly.
    const answer = ANSWERS.get(answerText) ?? ANSWERS.get(answerText.toLowerCase());
    if (!answer) fail('answer', `unknown answer "${answerText}"`);
    parsed.errors.push(...errors);
    if (!errors.length && answer) parsed.rows.push({ line: row.line, personId, role, item, answer });
  }
  return parsed;
}

/**
 * One engine member per roster row (person and role). A person is captured for a role when they have at least
 * one answer row for it; answers of excluded rows are ignored.
 */
export function buildMembers(roster: ParsedRoster, answers: AnswerRow[], answersFile: string) {
  const errors: FileError[] = [];
  const byKey = new Map(
    roster.rows.map((r) => [
      key(r.personId, r.role),
      { row: r, answers: new Map<string, Answer>(), lines: new Map<string, number>() },
    ]),
  );
  for (const a of answers) {
    const entry = byKey.get(key(a.personId, a.role));
    const fail = (column: string, message: string) =>
      errors.push({ file: answersFile, line: a.line, column, message });
    const who = `person "${a.personId}" with role "${a.role}"`;
    if (!entry) {
      if (!roster.rejected.has(key(a.personId, a.role))) fail('person_id', `no roster row for ${who}`);
      continue;
    }
    const first = entry.lines.get(a.item);
    if (first !== undefined) {
      fail('item', `duplicate answer for ${who}, item "${a.item}" (first on line ${first})`);
      continue;
    }
    entry.lines.set(a.item, a.line);
    entry.answers.set(a.item, a.answer);
  }
  const members: MemberInput[] = [...byKey.values()].map(({ row, answers: given }) => ({
    personId: row.personId,
    group: row.group,
    role: row.role,
    unitPath: row.unit ? [row.unit] : [],
    inScope: !row.excluded,
    submitted: given.size > 0,
    answers: given,
  }));
  return { members, errors };
}

/** Reads, parses and cross-checks both files; members only when there is no error at all. */
export async function loadSelfcheckFiles(paths: { roster: string; answers: string }) {
  const [rosterText, answersText] = await Promise.all([readText(paths.roster), readText(paths.answers)]);
  const readErrors = [rosterText, answersText].filter((r): r is FileError => typeof r !== 'string');
  if (readErrors.length || typeof rosterText !== 'string' || typeof answersText !== 'string')
    return { members: [], errors: readErrors };
  const roster = parseRoster(rosterText, paths.roster);
  const answers = parseAnswers(answersText, paths.answers);
  const built = buildMembers(roster, answers.rows, paths.answers);
  // Line order within each file, roster first: the order a person fixes them in.
  const byLine = (x: FileError, y: FileError) => (x.line ?? 0) - (y.line ?? 0);
  const errors = [...roster.errors.sort(byLine), ...[...answers.errors, ...built.errors].sort(byLine)];
  return { members: errors.length ? [] : built.members, errors };
}

async function readText(file: string): Promise<string | FileError> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return {
      file,
      message: code === 'ENOENT' ? 'file not found' : `cannot read file (${code ?? String(err)})`,
    };
  }
  try {
    // fatal: a Shift_JIS export fails here instead of turning into mojibake; the BOM is dropped.
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { file, message: 'not UTF-8 text (save the file as "CSV UTF-8")' };
  }
}
