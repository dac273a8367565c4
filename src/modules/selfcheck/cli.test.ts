import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMetricsCommand } from './cli.js';

const ROSTER = 'person_id,role,unit,excluded';
const ANSWERS = 'person_id,role,item,answer';
const csv = (...lines: string[]) => `${lines.join('\n')}\n`;

let dir: string;
let seq = 0;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mamoru-selfcheck-cli-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function file(content: string): Promise<string> {
  const path = join(dir, `f${++seq}.csv`);
  await writeFile(path, content);
  return path;
}

/** `mamoru selfcheck metrics ...` as a person runs it. */
function mamoru(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'src/cli/main.ts', 'selfcheck', 'metrics', ...args],
      {
        cwd: process.cwd(),
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const roster = csv(
  `\uFEFF${ROSTER}`,
  'p1,課室情報セキュリティ責任者,総務課,',
  'p1,行政事務従事者,総務課,0',
  'p2,行政事務従事者,総務課,',
  'p3,行政事務従事者,会計課,',
  'p4,行政事務従事者,会計課,1',
  'p5,情報システムセキュリティ管理者,情報システム室,',
);
const answers = csv(
  ANSWERS,
  'p1,課室情報セキュリティ責任者,2.1.1(1)(a),実施',
  'p1,課室情報セキュリティ責任者,2.1.1(1)(b),一部未実施',
  'p1,行政事務従事者,3.1.1(1)(a),実施',
  'p1,行政事務従事者,3.1.1(1)(b),該当なし',
  'p2,行政事務従事者,3.1.1(1)(a),not_implemented',
  'p2,行政事務従事者,3.1.1(1)(b),該当なし',
  'p4,行政事務従事者,3.1.1(1)(a),未実施',
);

// Each case starts a Node process with tsx (about 6 s alone, several times that on a busy 2-core machine).
describe.concurrent('mamoru selfcheck metrics', { timeout: 120_000 }, () => {
  it('prints the figures per group and overall as JSON', async () => {
    const out = await mamoru('--roster', await file(roster), '--answers', await file(answers), '--json');
    expect(out).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(out.stdout)).toEqual({
      groups: {
        責任者等: {
          inScope: 1,
          captured: 1,
          coverage: 1,
          implementation: { nisc: 0.5, pooled: 0.5, meti_all_items: 0 },
          attainment: { '100': 0.5, '95': 0.5, '90': 0.5 },
          items: [
            { item: '2.1.1(1)(b)', duty: 1, implemented: 0, rate: 0 },
            { item: '2.1.1(1)(a)', duty: 1, implemented: 1, rate: 1 },
          ],
        },
        システム責任者等: {
          inScope: 1,
          captured: 0,
          coverage: 0,
          implementation: { nisc: null, pooled: null, meti_all_items: null },
          attainment: { '100': null, '95': null, '90': null },
          items: [],
        },
        // p3 did not answer; p4 is excluded, so their 未実施 does not count.
        行政事務従事者: {
          inScope: 3,
          captured: 2,
          coverage: 2 / 3,
          implementation: { nisc: 0.5, pooled: 0.5, meti_all_items: 0.5 },
          attainment: { '100': 0, '95': 0, '90': 0 },
          items: [
            { item: '3.1.1(1)(a)', duty: 2, implemented: 1, rate: 0.5 },
            { item: '3.1.1(1)(b)', duty: 0, implemented: 0, rate: null },
          ],
        },
      },
      // People, not questionnaires (000 L1030): p1 holds two roles and counts once; p1 fell short
      // as 課室長 and p2 as staff, so no captured person implemented everything (000 L1036).
      overall: {
        inScope: 4,
        captured: 2,
        coverage: 2 / 4,
        implementation: { nisc: 0.5, pooled: 0.5, meti_all_items: 0 },
        attainment: { '100': 1 / 3, '95': 1 / 3, '90': 1 / 3 },
      },
    });
    expect(out.stdout.endsWith('}\n')).toBe(true);
  });

  it('counts 該当なし as implemented with --na-passes', async () => {
    const out = await mamoru(
      '--roster',
      await file(roster),
      '--answers',
      await file(answers),
      '--na-passes',
      '--json',
    );
    expect(out.code).toBe(0);
    const staff = JSON.parse(out.stdout).groups.行政事務従事者;
    expect(staff.items).toEqual([
      { item: '3.1.1(1)(a)', duty: 2, implemented: 1, rate: 0.5 },
      { item: '3.1.1(1)(b)', duty: 2, implemented: 2, rate: 1 },
    ]);
    expect(staff.implementation).toEqual({ nisc: 0.75, pooled: 0.75, meti_all_items: 0.5 });
    expect(staff.attainment).toEqual({ '100': 0.5, '95': 0.5, '90': 0.5 });
  });

  it('prints a table in Japanese without --json', async () => {
    const out = await mamoru('--roster', await file(roster), '--answers', await file(answers));
    expect(out.code).toBe(0);
    const lines = out.stdout.split('\n');
    expect(lines[0]).toMatch(/^区分\s+対象者\s+把握率\s+実施率\s+到達率100\s+到達率95\s+到達率90$/);
    expect(lines[1]).toMatch(/^責任者等\s+1\s+100\.0%\s+50\.0%\s+50\.0%\s+50\.0%\s+50\.0%$/);
    expect(lines[2]).toMatch(/^システム責任者等\s+1\s+0\.0%\s+—\s+—\s+—\s+—$/);
    expect(lines[3]).toMatch(/^行政事務従事者\s+3\s+66\.7%\s+50\.0%\s+0\.0%\s+0\.0%\s+0\.0%$/);
    // One person holds two roles: five questionnaires, four people, two of them captured (000 L1030).
    expect(lines[4]).toMatch(/^全体\s+4\s+50\.0%\s+50\.0%\s+33\.3%\s+33\.3%\s+33\.3%$/);
  });

  it('rejects bad files with exit code 2, every error on stderr and nothing on stdout', async () => {
    const badRoster = await file(
      csv(
        ROSTER,
        'p1,行政事務従事者,課,',
        'p2,係長,課,',
        'p3,最高情報セキュリティアドバイザー,課,',
        'p4,行政事務従事者,課,2',
        ',行政事務従事者,課,',
        'p1,行政事務従事者,課,',
      ),
    );
    const badAnswers = await file(
      csv(
        ANSWERS,
        'p1,行政事務従事者,3.1,実施',
        'p1,行政事務従事者,3.2,はい',
        'p1,行政事務従事者,,実施',
        'p1,行政事務従事者,3.1,未実施',
        'p9,行政事務従事者,3.1,実施',
      ),
    );
    const out = await mamoru('--roster', badRoster, '--answers', badAnswers, '--json');
    expect(out).toMatchObject({ code: 2, stdout: '' });
    expect(out.stderr).toBe(
      csv(
        `${badRoster}: line 3, column role: unknown role "係長"`,
        `${badRoster}: line 4, column role: not self-checked role "最高情報セキュリティアドバイザー"`,
        `${badRoster}: line 5, column excluded: bad excluded value "2" (1/true excludes; 0/false/empty includes)`,
        `${badRoster}: line 6, column person_id: empty person_id`,
        `${badRoster}: line 7: duplicate row for person "p1" and role "行政事務従事者" (first on line 2)`,
        `${badAnswers}: line 3, column answer: unknown answer "はい"`,
        `${badAnswers}: line 4, column item: empty item`,
        `${badAnswers}: line 5, column item: duplicate answer for person "p1" with role "行政事務従事者", item "3.1" (first on line 2)`,
        `${badAnswers}: line 6, column person_id: no roster row for person "p9" with role "行政事務従事者"`,
      ),
    );
  });

  it.each([
    ['a missing file', null, 'file not found'],
    ['a missing header column', csv('person_id,role,answer'), 'line 1: missing required column "item"'],
  ])('rejects %s with exit code 2 and nothing on stdout', async (_, content, message) => {
    const answersPath = content === null ? join(dir, 'does-not-exist.csv') : await file(content);
    const out = await mamoru('--roster', await file(roster), '--answers', answersPath);
    expect(out).toEqual({ code: 2, stdout: '', stderr: `${answersPath}: ${message}\n` });
  });
});

// The same command in-process (what the action prints and its exit code): one case per kind of bad file.
describe('runMetricsCommand', () => {
  /** Runs with the good files except those given; null stands for a file that does not exist. */
  const run = async (files: { roster?: string | null; answers?: string | null }) => {
    const path = async (content: string | null | undefined, good: string) =>
      content === null ? join(dir, 'does-not-exist.csv') : await file(content ?? good);
    const paths = { roster: await path(files.roster, roster), answers: await path(files.answers, answers) };
    return { paths, out: await runMetricsCommand({ ...paths, json: true }) };
  };

  it.each([
    ['a missing roster file', 'roster', null, 'file not found'],
    ['a missing header column', 'roster', csv('person_id,unit'), 'line 1: missing required column "role"'],
    ['an unknown role', 'roster', csv(ROSTER, 'p1,係長,課,'), 'line 2, column role: unknown role "係長"'],
    [
      'a role that is not self-checked',
      'roster',
      csv(ROSTER, 'p1,情報セキュリティ監査責任者,課,'),
      'line 2, column role: not self-checked role "情報セキュリティ監査責任者"',
    ],
    [
      'a bad excluded value',
      'roster',
      csv(ROSTER, 'p1,行政事務従事者,課,no'),
      'line 2, column excluded: bad excluded value "no"',
    ],
    [
      'an empty person_id',
      'roster',
      csv(ROSTER, ' ,行政事務従事者,課,'),
      'line 2, column person_id: empty person_id',
    ],
    [
      'a duplicate roster row',
      'roster',
      csv(ROSTER, 'p1,行政事務従事者,課,', 'p1,行政事務従事者,課,'),
      'line 3: duplicate row for person "p1" and role "行政事務従事者" (first on line 2)',
    ],
    ['a missing answers file', 'answers', null, 'file not found'],
    [
      'an unknown answer',
      'answers',
      csv(ANSWERS, 'p1,行政事務従事者,3.1,○'),
      'line 2, column answer: unknown answer "○"',
    ],
    ['an empty item', 'answers', csv(ANSWERS, 'p1,行政事務従事者,,実施'), 'line 2, column item: empty item'],
    [
      'a duplicate answer row',
      'answers',
      csv(ANSWERS, 'p1,行政事務従事者,3.1,実施', 'p1,行政事務従事者,3.1,実施'),
      'line 3, column item: duplicate answer for person "p1" with role "行政事務従事者", item "3.1"',
    ],
    [
      'an answer with no roster row',
      'answers',
      csv(ANSWERS, 'p2,課室情報セキュリティ責任者,3.1,実施'),
      'line 2, column person_id: no roster row for person "p2" with role "課室情報セキュリティ責任者"',
    ],
  ] as const)('rejects %s with exit code 2 and nothing on stdout', async (_, bad, content, message) => {
    const { paths, out } = await run({ [bad]: content });
    expect(out).toMatchObject({ code: 2, stdout: '' });
    expect(out.stderr).toContain(`${paths[bad]}: ${message}`);
  });

  it('ignores the answers of excluded people', async () => {
    const excluded = csv(ROSTER, 'p1,行政事務従事者,課,', 'p2,行政事務従事者,課,true');
    const { out } = await run({
      roster: excluded,
      answers: csv(ANSWERS, 'p1,行政事務従事者,3.1,実施', 'p2,行政事務従事者,3.1,未実施'),
    });
    expect(JSON.parse(out.stdout).overall).toMatchObject({
      inScope: 1,
      captured: 1,
      implementation: { nisc: 1 },
    });
  });

  it('omits a group with nobody in scope', async () => {
    const onlyStaff = csv(ROSTER, 'p1,行政事務従事者,課,', 'p2,課室情報セキュリティ責任者,課,1');
    const { out } = await run({ roster: onlyStaff, answers: csv(ANSWERS) });
    expect(out.code).toBe(0);
    expect(Object.keys(JSON.parse(out.stdout).groups)).toEqual(['行政事務従事者']);
  });

  it('reports every error, not just the first, up to a cap of 100 lines', async () => {
    const many = csv(ROSTER, ...Array.from({ length: 150 }, (_, i) => `p${i},係長,課,`));
    const { out } = await run({ roster: many, answers: csv(ANSWERS) });
    expect(out).toMatchObject({ code: 2, stdout: '' });
    const lines = out.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(101);
    expect(lines[99]).toContain('line 101, column role: unknown role "係長"');
    expect(lines[100]).toBe('… and 50 more errors');
  });
});
