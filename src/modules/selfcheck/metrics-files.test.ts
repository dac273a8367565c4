import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildMembers,
  type FileError,
  formatFileError,
  loadSelfcheckFiles,
  parseAnswers,
  parseRoster,
} from './metrics-files.js';

const ROSTER = 'person_id,role,unit,excluded';
const ANSWERS = 'person_id,role,item,answer';
const csv = (...lines: string[]) => `${lines.join('\n')}\n`;
const messages = (errors: FileError[]) => errors.map(formatFileError);

describe('formatFileError', () => {
  it.each([
    [{ file: 'a.csv', line: 7, column: 'answer', message: 'm' }, 'a.csv: line 7, column answer: m'],
    [{ file: 'a.csv', line: 7, message: 'm' }, 'a.csv: line 7: m'],
    [{ file: 'a.csv', message: 'm' }, 'a.csv: m'],
  ])('formats %o', (error, text) => {
    expect(formatFileError(error)).toBe(text);
  });
});

describe('parseRoster', () => {
  it('reads rows with their metric group, a BOM, CRLF and an optional excluded column', () => {
    const withBom = `\uFEFF${ROSTER}\r\np1,課室情報セキュリティ責任者,総務課,\r\np2,行政事務従事者,会計課,TRUE\r\n`;
    expect(parseRoster(withBom, 'r.csv')).toEqual({
      rows: [
        {
          line: 2,
          personId: 'p1',
          role: '課室情報セキュリティ責任者',
          group: 'managers',
          unit: '総務課',
          excluded: false,
        },
        { line: 3, personId: 'p2', role: '行政事務従事者', group: 'staff', unit: '会計課', excluded: true },
      ],
      errors: [],
      rejected: new Set(),
    });
    const noExcluded = parseRoster(
      csv('unit,role,person_id', '本省,情報システムセキュリティ管理者,p3'),
      'r.csv',
    );
    expect(noExcluded.rows).toMatchObject([
      { personId: 'p3', group: 'system', unit: '本省', excluded: false },
    ]);
  });

  it.each([
    ['1', true],
    ['true', true],
    ['0', false],
    ['false', false],
    ['', false],
    ['\u3000', false],
  ])('reads excluded %j as %s', (value, excluded) => {
    expect(parseRoster(csv(ROSTER, `p1,行政事務従事者,課,${value}`), 'r.csv').rows[0]?.excluded).toBe(
      excluded,
    );
  });

  it.each([
    ['missing header column', csv('person_id,role'), 'r.csv: line 1: missing required column "unit"'],
    ['empty file', '', 'r.csv: line 1: missing header row (person_id,role,unit)'],
    ['repeated column', csv('person_id,role,unit,role'), 'r.csv: line 1: column "role" appears twice'],
    [
      'empty person_id',
      csv(ROSTER, ',行政事務従事者,課,'),
      'r.csv: line 2, column person_id: empty person_id',
    ],
    ['unknown role', csv(ROSTER, 'p1,部長,課,'), 'r.csv: line 2, column role: unknown role "部長"'],
    [
      'role that is not self-checked',
      csv(ROSTER, 'p1,情報セキュリティ監査責任者,課,'),
      'r.csv: line 2, column role: not self-checked role "情報セキュリティ監査責任者"',
    ],
    [
      'bad excluded value',
      csv(ROSTER, 'p1,行政事務従事者,課,yes'),
      'r.csv: line 2, column excluded: bad excluded value "yes" (1/true excludes; 0/false/empty includes)',
    ],
    [
      'duplicate row',
      csv(ROSTER, 'p1,行政事務従事者,課,', 'p2,行政事務従事者,課,', 'p1,行政事務従事者,別の課,'),
      'r.csv: line 4: duplicate row for person "p1" and role "行政事務従事者" (first on line 2)',
    ],
    ['wrong field count', csv(ROSTER, 'p1,行政事務従事者,課'), 'r.csv: line 2: expected 4 fields, found 3'],
    ['broken quoting', csv(ROSTER, 'p1,"行政事務従事者,課,'), 'r.csv: line 2: not valid CSV:'],
  ])('reports a %s', (_, text, message) => {
    const { errors } = parseRoster(text, 'r.csv');
    expect(messages(errors)).toHaveLength(1);
    expect(messages(errors)[0]).toContain(message);
  });

  it('reports every error, each with its own line, counting lines inside quoted fields', () => {
    const text = csv(ROSTER, 'p1,"行政事務\n従事者",課,', '', ',部長,課,x');
    expect(messages(parseRoster(text, 'r.csv').errors)).toEqual([
      'r.csv: line 2, column role: unknown role "行政事務\n従事者"',
      'r.csv: line 5, column person_id: empty person_id',
      'r.csv: line 5, column role: unknown role "部長"',
      'r.csv: line 5, column excluded: bad excluded value "x" (1/true excludes; 0/false/empty includes)',
    ]);
  });
});

describe('parseAnswers', () => {
  it.each([
    ['実施', 'implemented'],
    ['implemented', 'implemented'],
    ['Implemented', 'implemented'],
    ['一部未実施', 'not_implemented'],
    ['partial', 'not_implemented'],
    ['実施不足', 'not_implemented'],
    ['insufficient', 'not_implemented'],
    ['未実施', 'not_implemented'],
    ['not_implemented', 'not_implemented'],
    ['該当なし', 'no_duty'],
    ['not_applicable', 'no_duty'],
  ])('reads %s as %s', (text, answer) => {
    expect(parseAnswers(csv(ANSWERS, `p1,行政事務従事者,3.1,${text}`), 'a.csv').rows[0]?.answer).toBe(answer);
  });

  it.each([
    ['unknown answer', 'p1,行政事務従事者,3.1,はい', 'a.csv: line 2, column answer: unknown answer "はい"'],
    ['answer named like a built-in', 'p1,行政事務従事者,3.1,constructor', 'unknown answer "constructor"'],
    ['empty item', 'p1,行政事務従事者,,実施', 'a.csv: line 2, column item: empty item'],
    ['empty person_id', ',行政事務従事者,3.1,実施', 'a.csv: line 2, column person_id: empty person_id'],
    ['unknown role', 'p1,職員,3.1,実施', 'a.csv: line 2, column role: unknown role "職員"'],
  ])('reports an %s', (_, line, message) => {
    const { rows, errors } = parseAnswers(csv(ANSWERS, line), 'a.csv');
    expect(rows).toEqual([]);
    expect(messages(errors)[0]).toContain(message);
  });

  it('needs every header column', () => {
    expect(messages(parseAnswers(csv('person_id,role,answer'), 'a.csv').errors)).toEqual([
      'a.csv: line 1: missing required column "item"',
    ]);
  });
});

describe('buildMembers', () => {
  const roster = parseRoster(
    csv(
      ROSTER,
      'p1,行政事務従事者,総務課,',
      'p2,行政事務従事者,総務課,',
      'p3,行政事務従事者,会計課,1',
      'p4,部長,課,',
    ),
    'r.csv',
  );
  const build = (...lines: string[]) =>
    buildMembers(roster, parseAnswers(csv(ANSWERS, ...lines), 'a.csv').rows, 'a.csv');

  it('makes one member per roster row, captured when it has an answer', () => {
    const { members, errors } = build(
      'p1,行政事務従事者,3.1,実施',
      'p1,行政事務従事者,3.2,該当なし',
      'p3,行政事務従事者,3.1,未実施',
    );
    expect(errors).toEqual([]);
    expect(members.map((m) => ({ ...m, answers: [...m.answers] }))).toEqual([
      {
        personId: 'p1',
        group: 'staff',
        role: '行政事務従事者',
        unitPath: ['総務課'],
        inScope: true,
        submitted: true,
        answers: [
          ['3.1', 'implemented'],
          ['3.2', 'no_duty'],
        ],
      },
      {
        personId: 'p2',
        group: 'staff',
        role: '行政事務従事者',
        unitPath: ['総務課'],
        inScope: true,
        submitted: false,
        answers: [],
      },
      {
        personId: 'p3',
        group: 'staff',
        role: '行政事務従事者',
        unitPath: ['会計課'],
        inScope: false,
        submitted: true,
        answers: [['3.1', 'not_implemented']],
      },
    ]);
  });

  it('reports duplicate answers and answers with no roster row, but not those of a rejected roster row', () => {
    const { errors } = build(
      'p1,行政事務従事者,3.1,実施',
      'p1,行政事務従事者,3.1,未実施',
      'p9,行政事務従事者,3.1,実施',
      'p1,課室情報セキュリティ責任者,3.1,実施',
      'p4,部長,3.1,実施',
    );
    expect(messages(errors)).toEqual([
      'a.csv: line 3, column item: duplicate answer for person "p1" with role "行政事務従事者", item "3.1" (first on line 2)',
      'a.csv: line 4, column person_id: no roster row for person "p9" with role "行政事務従事者"',
      'a.csv: line 5, column person_id: no roster row for person "p1" with role "課室情報セキュリティ責任者"',
    ]);
  });
});

describe('loadSelfcheckFiles', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mamoru-selfcheck-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  const write = async (name: string, content: string | Uint8Array) => {
    await writeFile(join(dir, name), content);
    return join(dir, name);
  };

  it('loads members from both files', async () => {
    const roster = await write('roster.csv', csv(ROSTER, 'p1,行政事務従事者,課,'));
    const answers = await write('answers.csv', csv(ANSWERS, 'p1,行政事務従事者,3.1,実施'));
    const { members, errors } = await loadSelfcheckFiles({ roster, answers });
    expect(errors).toEqual([]);
    expect(members).toHaveLength(1);
  });

  it('reports a missing file and a file that is not UTF-8, and returns no members', async () => {
    const answers = await write('sjis.csv', new Uint8Array([0x70, 0x31, 0x2c, 0x8e, 0xc0, 0x8e, 0x7b, 0x0a]));
    const roster = join(dir, 'missing.csv');
    const { members, errors } = await loadSelfcheckFiles({ roster, answers });
    expect(members).toEqual([]);
    expect(messages(errors)).toEqual([
      `${roster}: file not found`,
      `${answers}: not UTF-8 text (save the file as "CSV UTF-8")`,
    ]);
  });

  it('orders errors by file and line', async () => {
    const roster = await write(
      'r2.csv',
      csv(ROSTER, 'p1,行政事務従事者,課,', 'p1,行政事務従事者,課', ',行政事務従事者,課,'),
    );
    const answers = await write(
      'a2.csv',
      csv(ANSWERS, 'p9,行政事務従事者,3.1,実施', 'p1,行政事務従事者,3.1,はい'),
    );
    const { errors } = await loadSelfcheckFiles({ roster, answers });
    expect(errors.map((e) => [e.file === roster ? 'roster' : 'answers', e.line])).toEqual([
      ['roster', 3],
      ['roster', 4],
      ['answers', 2],
      ['answers', 3],
    ]);
  });
});
