import type { Command } from 'commander';
import { METRIC_GROUP_NAMES } from '../roles/catalog.js';
import { METRIC_GROUPS } from '../roles/schema.js';
import { createMetricsAccumulator, type Figures, formatPercent } from './metrics.js';
import { type FileError, formatFileError, loadSelfcheckFiles } from './metrics-files.js';
import type { OscalCatalogOptions } from './oscal/cli.js';

export interface MetricsCommandOptions {
  roster: string;
  answers: string;
  naPasses?: boolean;
  json?: boolean;
}

/** What the command prints and its exit code: 0 on success, 2 for bad input files. */
export interface CommandOutput {
  code: 0 | 2;
  stdout: string;
  stderr: string;
}

const MAX_ERRORS = 100;

/** The published shape of one set of figures; `withItems` false for the overall figures. */
function present(f: Figures, withItems: boolean) {
  return {
    inScope: f.inScope,
    captured: f.captured,
    coverage: f.coverage,
    implementation: {
      nisc: f.implementation.nisc,
      pooled: f.implementation.pooled,
      meti_all_items: f.implementation.meti_all_items,
    },
    attainment: { '100': f.attainment['100'], '95': f.attainment['95'], '90': f.attainment['90'] },
    ...(withItems && {
      items: f.items.map(({ item, duty, implemented, rate }) => ({ item, duty, implemented, rate })),
    }),
  };
}

export async function runMetricsCommand(opts: MetricsCommandOptions): Promise<CommandOutput> {
  const { members, errors } = await loadSelfcheckFiles({ roster: opts.roster, answers: opts.answers });
  if (errors.length) return { code: 2, stdout: '', stderr: errorReport(errors) };
  const acc = createMetricsAccumulator({ naPasses: opts.naPasses ?? false });
  for (const m of members) acc.addMember(m);
  const result = acc.result();
  const groups: Output['groups'] = {};
  for (const group of METRIC_GROUPS) {
    const figures = result.groups[group];
    // A group with nobody in scope is omitted.
    if (figures && figures.inScope > 0) groups[METRIC_GROUP_NAMES[group].ja] = present(figures, true);
  }
  const output: Output = { groups, overall: present(result.overall, false) };
  const stdout = opts.json ? `${JSON.stringify(output, null, 2)}\n` : table(output, opts.naPasses ?? false);
  return { code: 0, stdout, stderr: '' };
}

function errorReport(errors: FileError[]): string {
  const shown = errors.slice(0, MAX_ERRORS).map(formatFileError);
  if (errors.length > MAX_ERRORS) shown.push(`… and ${errors.length - MAX_ERRORS} more errors`);
  return `${shown.join('\n')}\n`;
}

const WIDE = /[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]/u;

/** Columns in terminal cells: East Asian wide characters take two. */
const width = (s: string) => [...s].reduce((w, ch) => w + (WIDE.test(ch) ? 2 : 1), 0);

type Output = { groups: Record<string, ReturnType<typeof present>>; overall: ReturnType<typeof present> };

function table(output: Output, naPasses: boolean): string {
  const head = ['区分', '対象者', '把握率', '実施率', '到達率100', '到達率95', '到達率90'];
  const rows = [...Object.entries(output.groups), ['全体', output.overall] as const].map(([name, f]) => [
    name,
    String(f.inScope),
    formatPercent(f.coverage),
    formatPercent(f.implementation.nisc),
    formatPercent(f.attainment['100']),
    formatPercent(f.attainment['95']),
    formatPercent(f.attainment['90']),
  ]);
  const widths = head.map((_, i) => Math.max(...[head, ...rows].map((r) => width(r[i]!))));
  const pad = (cell: string, i: number) => ' '.repeat(widths[i]! - width(cell));
  // The group name left-aligned, the figures right-aligned.
  const line = (r: string[]) =>
    r.map((cell, i) => (i ? pad(cell, i) + cell : cell + pad(cell, i))).join('  ');
  const notes = [
    '実施率: 項目ごとの実施率の単純平均（NISC 方式、004 L722-742）',
    naPasses ? '該当なしは実施として計上（内閣府方式、002 L567）' : '該当なしは責務なしとして除外',
  ];
  return `${[line(head), ...rows.map(line), '', ...notes].join('\n')}\n`;
}

export function registerSelfcheckCommands(program: Command): void {
  const selfcheck = program.command('selfcheck').description('自己点検 (self-check)');
  selfcheck
    .command('metrics')
    .description('把握率・実施率・到達率 from roster.csv and answers.csv')
    .requiredOption('--roster <file>', 'roster CSV: person_id,role,unit[,excluded]')
    .requiredOption('--answers <file>', 'answers CSV: person_id,role,item,answer')
    .option('--na-passes', 'count 該当なし as implemented (Cabinet Office, 002 L567)', false)
    .option('--json', 'print JSON instead of a table', false)
    .action(async (opts: MetricsCommandOptions) => {
      const out = await runMetricsCommand(opts);
      if (out.stdout) process.stdout.write(out.stdout);
      if (out.stderr) process.stderr.write(out.stderr);
      process.exitCode = out.code;
    });
  selfcheck
    .command('oscal-catalog <file>')
    .description('a catalog file (YAML or .xlsx) as an OSCAL 1.1.2 catalog (JSON) on stdout; docs/oscal.md')
    .option('--last-modified <date-time>', 'metadata.last-modified (default: the file’s modification time)')
    .action(async (file: string, opts: OscalCatalogOptions) => {
      // Loaded on use: the catalog readers (YAML, .xlsx) are not needed by the other commands.
      const { runOscalCatalogCommand } = await import('./oscal/cli.js');
      const out = await runOscalCatalogCommand(file, opts);
      if (out.stdout) process.stdout.write(out.stdout);
      if (out.stderr) process.stderr.write(out.stderr);
      process.exitCode = out.code;
    });
}
