import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { people, tenants } from '../org/schema.js';
import type { Narratives } from './build-parts.js';
import { annualReports, EMPTY_FACTS, reportNarratives } from './schema.js';

// Reading and creating the report's rows; no authorization here (service.ts and the CLI decide).

export type ReportRow = typeof annualReports.$inferSelect;

export async function findReport(db: Db, tenantId: string, fiscalYear: number): Promise<ReportRow | null> {
  const [row] = await db
    .select()
    .from(annualReports)
    .where(and(eq(annualReports.tenantId, tenantId), eq(annualReports.fiscalYear, fiscalYear)));
  return row ?? null;
}

/** The report of the year, created as an empty draft on first use (two first uses at once: one row). */
export async function ensureReport(db: Db, tenantId: string, fiscalYear: number): Promise<ReportRow> {
  await db
    .insert(annualReports)
    .values({ tenantId, fiscalYear, facts: EMPTY_FACTS })
    .onConflictDoNothing({ target: [annualReports.tenantId, annualReports.fiscalYear] });
  const row = await findReport(db, tenantId, fiscalYear);
  if (!row) throw new Error('annual report row vanished after insert');
  return row;
}

/** The current (highest) version of every block of the report. */
export async function currentNarratives(db: Db, reportId: string | null): Promise<Narratives> {
  if (!reportId) return {};
  const rows = await db
    .selectDistinctOn([reportNarratives.blockKey], {
      key: reportNarratives.blockKey,
      text: reportNarratives.body,
      version: reportNarratives.version,
      author: people.name,
      createdAt: reportNarratives.createdAt,
    })
    .from(reportNarratives)
    .leftJoin(people, eq(people.id, reportNarratives.authorId))
    .where(eq(reportNarratives.reportId, reportId))
    .orderBy(reportNarratives.blockKey, desc(reportNarratives.version));
  return Object.fromEntries(
    rows.map((r) => [
      r.key,
      { text: r.text, version: r.version, author: r.author, createdAt: r.createdAt.toISOString() },
    ]),
  );
}

export async function narrativeVersions(db: Db, reportId: string, key: string) {
  const rows = await db
    .select({
      version: reportNarratives.version,
      text: reportNarratives.body,
      authorName: people.name,
      createdAt: reportNarratives.createdAt,
    })
    .from(reportNarratives)
    .leftJoin(people, eq(people.id, reportNarratives.authorId))
    .where(and(eq(reportNarratives.reportId, reportId), eq(reportNarratives.blockKey, key)))
    .orderBy(desc(reportNarratives.version));
  return rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }));
}

export async function nextVersion(db: Db, reportId: string, key: string): Promise<number> {
  const [row] = await db
    .select({ v: sql<number>`coalesce(max(${reportNarratives.version}), 0)`.mapWith(Number) })
    .from(reportNarratives)
    .where(and(eq(reportNarratives.reportId, reportId), eq(reportNarratives.blockKey, key)));
  return (row?.v ?? 0) + 1;
}

export async function namesOf(db: Db, ids: (string | null)[]): Promise<Map<string, string>> {
  const wanted = ids.filter((x): x is string => !!x);
  if (!wanted.length) return new Map();
  const rows = await db
    .select({ id: people.id, name: people.name })
    .from(people)
    .where(inArray(people.id, wanted));
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function tenantOf(db: Db, tenantId: string) {
  const [t] = await db.select().from(tenants).where(eq(tenants.id, tenantId));
  if (!t) throw new Error(`tenant ${tenantId} not found`);
  return t;
}
