import type { Command } from 'commander';
import { and, asc, eq, ne } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { boot } from '../../server/boot.js';
import { tenants } from '../org/schema.js';
import { METRIC_GROUP_NAMES } from '../roles/catalog.js';
import { METRIC_GROUPS } from '../roles/schema.js';
import { verifyCounters } from './campaign-counters.js';
import { createMetricsAccumulator, type Figures, formatPercent } from './metrics.js';
import { type FileError, formatFileError, loadSelfcheckFiles } from './metrics-files.js';
import type { OscalCatalogOptions } from './oscal/cli.js';
import { campaigns } from './schema.js';

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

export interface VerifyCountersOptions {
  /** One campaign id; else every opened campaign (of --tenant, an agency code, if given). */
  campaign?: string;
  tenant?: string;
  repair?: boolean;
}

const MAX_SHOWN = 20;

/**
 * Recounts the results' counters of campaigns from their answers and prints where they differ. Exit
 * code 0 when all agree (or were repaired), 1 on any difference left, 2 for an unknown campaign or agency.
 */
export async function runVerifyCounters(db: Db, opts: VerifyCountersOptions) {
  const lines: string[] = [];
  const tenant = opts.tenant
    ? (await db.select().from(tenants).where(eq(tenants.code, opts.tenant)))[0]
    : undefined;
  if (opts.tenant && !tenant) return { code: 2 as const, stdout: `No agency with code "${opts.tenant}".\n` };
  const list = await db
    .select({ id: campaigns.id, title: campaigns.title, fiscalYear: campaigns.fiscalYear })
    .from(campaigns)
    .where(
      and(
        ne(campaigns.state, 'draft'),
        opts.campaign ? eq(campaigns.id, opts.campaign) : undefined,
        tenant ? eq(campaigns.tenantId, tenant.id) : undefined,
      ),
    )
    .orderBy(asc(campaigns.fiscalYear), asc(campaigns.createdAt));
  if (opts.campaign && list.length === 0)
    return { code: 2 as const, stdout: `No opened campaign ${opts.campaign}.\n` };
  let bad = 0;
  for (const c of list) {
    const check = await verifyCounters(db, c.id, { repair: opts.repair ?? false });
    const name = `FY${c.fiscalYear} ${c.title} (${c.id})`;
    if (!check.differences.length) {
      lines.push(`OK        ${name}: ${check.rows} counter rows agree with the answers`);
      continue;
    }
    if (!check.repaired) bad++;
    lines.push(
      `${check.repaired ? 'REPAIRED' : 'MISMATCH'}  ${name}: ${check.differences.length} (unit, role) rows differ${check.repaired ? ', repaired from the answers' : ''}`,
    );
    for (const d of check.differences.slice(0, MAX_SHOWN))
      lines.push(
        `  ${d.place.unitPath} ${d.place.roleKey} (${d.place.metricGroup}): ${d.what.slice(0, 5).join('; ')}${d.what.length > 5 ? ` … ${d.what.length - 5} more` : ''}`,
      );
    if (check.differences.length > MAX_SHOWN)
      lines.push(`  … ${check.differences.length - MAX_SHOWN} more rows`);
  }
  if (list.length === 0) lines.push('No opened campaigns.');
  return { code: bad ? (1 as const) : (0 as const), stdout: `${lines.join('\n')}\n` };
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
  selfcheck
    .command('verify-counters')
    .description(
      "Recount the results' counters from the answers and compare (exit code 1 on any difference); --repair replaces wrong ones",
    )
    .option('--campaign <id>', 'one campaign (default: every opened campaign)')
    .option('--tenant <code>', "only this agency's campaigns")
    .option('--repair', 'replace counters that differ by the recount', false)
    .action(async (opts: VerifyCountersOptions) => {
      const booted = await boot();
      try {
        const out = await runVerifyCounters(booted.database.db, opts);
        process.stdout.write(out.stdout);
        process.exitCode = out.code;
      } finally {
        await booted.database.close();
      }
    });
}
