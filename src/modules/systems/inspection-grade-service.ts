import { and, eq, type SQL, sql } from 'drizzle-orm';
import { type Db, pgArray } from '../../db/client.js';
import { type Cell, decimal, writeWorkbook, XLSX_TYPE } from '../../lib/export.js';
import { percentValue } from '../../lib/percent.js';
import type { ActorCtx } from '../../server/context.js';
import type { Download } from '../../server/files.js';
import { authorize } from '../../server/policy.js';
import { orgUnits } from '../org/schema.js';
import { loadRound, targetInScope } from './inspection-round-service.js';
import {
  GRADE_DESCRIPTIONS,
  GRADES,
  type Grade,
  gradeTrend,
  pool,
  type Tally,
  tallyCounts,
} from './inspection-rules.js';
import { inspectionAnswers, inspectionRounds, inspectionTargets } from './inspection-schema.js';
import type { GradeTableOut } from './inspection-validation.js';
import { systems } from './schema.js';

// The grade table (表５, 000 L1144-1169): every host the actor may see, each division pooled, and the
// previous round's grade beside each (003 L713-717). A host counts only once its owner submitted.

type Round = typeof inspectionRounds.$inferSelect;

interface HostTally {
  targetId: string;
  hostId: string;
  unitId: string;
  unitName: string;
  systemId: string;
  systemCode: string;
  systemName: string;
  hostName: string;
  role: (typeof inspectionTargets.$inferSelect)['role'];
  submittedAt: Date | null;
  tally: Tally;
}

/** Every host of the round within `scope` (an SQL condition on the target and its unit), graded. */
export async function hostTallies(db: Db, round: Round, scope: SQL): Promise<HostTally[]> {
  const rows = await db
    .select({
      target: inspectionTargets,
      unitName: orgUnits.nameJa,
      systemCode: systems.code,
      systemName: systems.name,
    })
    .from(inspectionTargets)
    .innerJoin(orgUnits, eq(orgUnits.id, inspectionTargets.unitId))
    .innerJoin(systems, eq(systems.id, inspectionTargets.systemId))
    .where(and(eq(inspectionTargets.roundId, round.id), scope))
    .orderBy(orgUnits.path, systems.code, inspectionTargets.hostName);
  const counts = await answerCounts(db, round);
  const none = { met: 0, notMet: 0, na: 0 };
  return rows.map(({ target, unitName, systemCode, systemName }) => {
    const items = round.itemSets.find((s) => s.role === target.role)?.items ?? [];
    const t = tallyCounts(counts.get(target.id) ?? none, items.length);
    return {
      targetId: target.id,
      hostId: target.hostId,
      unitId: target.unitId,
      unitName,
      systemId: target.systemId,
      systemCode,
      systemName,
      hostName: target.hostName,
      role: target.role,
      submittedAt: target.submittedAt,
      // Until submitted the grade is open, whatever has been filled in.
      tally: target.submittedAt ? t : { ...t, grade: null },
    };
  });
}

/** Only answers to an item of the target's role in the round's frozen sets count. */
export function answerInRoundSets(round: Round): SQL {
  const byRole = round.itemSets.map(
    (s) =>
      sql`(${inspectionTargets.role} = ${s.role} and ${inspectionAnswers.itemKey} = any(${pgArray(s.items.map((i) => i.key))}::text[]))`,
  );
  return byRole.length ? sql`(${sql.join(byRole, sql` or `)})` : sql`false`;
}

/** Each target's answers counted by status, in the database (one row per host, not per answer). */
async function answerCounts(db: Db, round: Round) {
  const rows = await db
    .select({
      targetId: inspectionAnswers.targetId,
      met: sql<number>`count(*) filter (where ${inspectionAnswers.status} = 'met')::int`,
      notMet: sql<number>`count(*) filter (where ${inspectionAnswers.status} = 'not_met')::int`,
      na: sql<number>`count(*) filter (where ${inspectionAnswers.status} = 'na')::int`,
    })
    .from(inspectionAnswers)
    .innerJoin(inspectionTargets, eq(inspectionTargets.id, inspectionAnswers.targetId))
    .where(and(eq(inspectionTargets.roundId, round.id), answerInRoundSets(round)))
    .groupBy(inspectionAnswers.targetId);
  return new Map(rows.map((r) => [r.targetId, { met: r.met, notMet: r.notMet, na: r.na }]));
}

const submittedOnly = (hs: HostTally[]) => hs.filter((h) => h.submittedAt).map((h) => h.tally);

function out(t: Tally, previous: Grade | null) {
  return {
    met: t.met,
    notMet: t.notMet,
    na: t.na,
    unanswered: t.unanswered,
    applicable: t.applicable,
    rate: t.applicable ? t.met / t.applicable : null,
    grade: t.grade,
    previousGrade: previous,
    trend: gradeTrend(t.grade, previous),
  };
}

/** A pooled grade only when something was submitted (a division with no answers yet has none). */
function pooled(hs: HostTally[]): Tally {
  const sub = submittedOnly(hs);
  const p = pool(sub);
  return sub.length ? p : { ...p, grade: null };
}

export async function gradeTable(ctx: ActorCtx, roundId: string): Promise<GradeTableOut> {
  authorize(ctx.actor, 'system.view');
  const round = await loadRound(ctx, roundId);
  const hosts = await hostTallies(ctx.db, round, targetInScope(ctx.actor));
  let prevHosts: HostTally[] = [];
  if (round.previousRoundId) {
    const [prev] = await ctx.db
      .select()
      .from(inspectionRounds)
      .where(
        and(eq(inspectionRounds.id, round.previousRoundId), eq(inspectionRounds.tenantId, round.tenantId)),
      );
    if (prev) prevHosts = await hostTallies(ctx.db, prev, targetInScope(ctx.actor));
  }
  const prevByHost = new Map(prevHosts.map((h) => [h.hostId, h.tally.grade]));
  const divisions = [...new Set(hosts.map((h) => h.unitId))].map((unitId) => {
    const mine = hosts.filter((h) => h.unitId === unitId);
    const prev = prevHosts.filter((h) => h.unitId === unitId);
    return {
      unitId,
      unitName: mine[0]!.unitName,
      hosts: mine.length,
      submitted: mine.filter((h) => h.submittedAt).length,
      ...out(pooled(mine), prev.length ? pooled(prev).grade : null),
    };
  });
  const submitted = hosts.filter((h) => h.submittedAt).length;
  return {
    roundId: round.id,
    progress: { answered: submitted, total: hosts.length },
    grades: GRADES.map((g) => ({ grade: g, ...GRADE_DESCRIPTIONS[g] })),
    hosts: hosts.map((h) => ({
      targetId: h.targetId,
      unitId: h.unitId,
      unitName: h.unitName,
      systemId: h.systemId,
      systemCode: h.systemCode,
      systemName: h.systemName,
      hostName: h.hostName,
      role: h.role,
      submittedAt: h.submittedAt?.toISOString() ?? null,
      ...out(h.tally, prevByHost.get(h.hostId) ?? null),
    })),
    divisions,
    total: {
      hosts: hosts.length,
      submitted,
      ...out(pooled(hosts), prevHosts.length ? pooled(prevHosts).grade : null),
    },
  };
}

const pct = (rate: number | null): Cell => {
  const v = percentValue(rate);
  return v === null ? null : decimal(v, 1);
};

/** The grade table as .xlsx: hosts, divisions, and the grade legend. */
export async function exportGradeTable(ctx: ActorCtx, roundId: string): Promise<Download> {
  const table = await gradeTable(ctx, roundId);
  const round = await loadRound(ctx, roundId);
  const body = await writeWorkbook([
    {
      name: 'ホスト別',
      header: [
        '課室',
        'システムコード',
        'システム名',
        'ホスト',
        '役割',
        '提出',
        '実施',
        '不備',
        '該当なし',
        '実施率(%)',
        '評価',
        '前回評価',
      ],
      rows: table.hosts.map((h) => [
        h.unitName,
        h.systemCode,
        h.systemName,
        h.hostName,
        h.role,
        h.submittedAt ? '提出済み' : '未提出',
        h.met,
        h.notMet,
        h.na,
        pct(h.rate),
        h.grade ?? '',
        h.previousGrade ?? '',
      ]),
      freezeHeader: true,
    },
    {
      name: '課室別',
      header: ['課室', 'ホスト数', '提出済み', '実施', '対象項目', '実施率(%)', '評価', '前回評価'],
      rows: [
        ...table.divisions.map((d) => [
          d.unitName,
          d.hosts,
          d.submitted,
          d.met,
          d.applicable,
          pct(d.rate),
          d.grade ?? '',
          d.previousGrade ?? '',
        ]),
        [
          '合計',
          table.total.hosts,
          table.total.submitted,
          table.total.met,
          table.total.applicable,
          pct(table.total.rate),
          table.total.grade ?? '',
          table.total.previousGrade ?? '',
        ],
      ],
      freezeHeader: true,
    },
    {
      name: '評価基準',
      header: ['評価', '実施率', '対策状況'],
      rows: table.grades.map((g) => [g.grade, g.range, g.ja]),
      widths: [8, 18, 80],
      wrap: [2],
    },
  ]);
  return { body, type: XLSX_TYPE, filename: `inspection-${round.fiscalYear}-${round.id.slice(0, 8)}.xlsx` };
}
