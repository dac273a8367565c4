import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { tenants } from '../modules/org/schema.js';
import { reportableDocument } from '../modules/report/document.js';
import {
  isReportFormat,
  NO_CHROMIUM,
  NO_DATA,
  type ReportFormat,
  renderReport,
} from '../modules/report/export.js';
import { validFiscalYear } from '../modules/report/rules.js';
import { boot } from '../server/boot.js';
import { progressLine } from './progress.js';

// `mamoru report annual --fy YYYY [--tenant CODE] --out DIR [--format html,docx,xlsx,pdf]`: the
// agency's annual report as files (the approved snapshot when there is one), paths printed.

class Refusal extends Error {}

async function agencyByCode(db: Db, code: string | undefined) {
  if (code) {
    const [t] = await db.select().from(tenants).where(eq(tenants.code, code));
    if (t?.kind !== 'agency') throw new Refusal(`No agency with code "${code}".`);
    return t;
  }
  const agencies = await db.select().from(tenants).where(eq(tenants.kind, 'agency'));
  if (agencies.length !== 1) {
    throw new Refusal(
      `Say which agency with --tenant CODE (known: ${agencies.map((a) => a.code).join(', ') || 'none'}).`,
    );
  }
  return agencies[0]!;
}

function parseFormats(list: string): ReportFormat[] {
  const formats = [
    ...new Set(
      list
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ];
  const bad = formats.filter((f) => !isReportFormat(f));
  if (bad.length || !formats.length)
    throw new Refusal(`Unknown format: ${bad.join(', ') || '(none)'} (html, docx, xlsx, pdf).`);
  return formats as ReportFormat[];
}

export function registerReportCommands(program: Command) {
  program
    .command('report')
    .description('Reports')
    .command('annual')
    .description('Write the agency’s annual report (report.html, report.docx, report.xlsx, report.pdf)')
    .requiredOption('--fy <year>', 'fiscal year, e.g. 2025')
    .option('--tenant <code>', 'agency code (default: the only agency)')
    .requiredOption('--out <dir>', 'directory to write the files into')
    .option('--format <list>', 'comma-separated formats', 'html,docx,xlsx')
    .action(async (o: { fy: string; tenant?: string; out: string; format: string }) => {
      const fy = Number(o.fy);
      let formats: ReportFormat[];
      try {
        if (!/^\d{4}$/.test(o.fy) || !validFiscalYear(fy))
          throw new Refusal(`Not a fiscal year: ${o.fy} (2000–2100).`);
        formats = parseFormats(o.format);
      } catch (e) {
        if (!(e instanceof Refusal)) throw e;
        console.error(e.message);
        process.exitCode = 2;
        return;
      }
      const booted = await boot();
      const db = booted.database.db;
      try {
        const tenant = await agencyByCode(db, o.tenant);
        const doc = await reportableDocument(db, tenant, fy, booted.config.publicUrl ?? null);
        if (!doc) throw new Refusal(`${tenant.code} FY${fy}: ${NO_DATA.en}`);
        fs.mkdirSync(o.out, { recursive: true });
        const bar = progressLine(`report ${tenant.code} FY${fy}`, formats.length);
        for (const format of formats) {
          bar.step(format);
          const body = await renderReport(doc, format);
          if (!body) {
            console.error(`pdf: ${NO_CHROMIUM.en}`);
            process.exitCode = 3;
            continue;
          }
          const file = path.resolve(o.out, `report.${format}`);
          fs.writeFileSync(file, body);
          console.log(file);
        }
        bar.end();
      } catch (e) {
        if (!(e instanceof Refusal)) throw e;
        console.error(e.message);
        process.exitCode = 2;
      } finally {
        await booted.database.close();
      }
    });
}
