import { and, asc, eq, isNotNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import type { InspectionAnnual } from '../report/figures-model.js';
import { answerInRoundSets, hostTallies } from './inspection-grade-service.js';
import { GRADES } from './inspection-rules.js';
import { inspectionAnswers, inspectionRounds, inspectionTargets } from './inspection-schema.js';

// The focused inspection's figures of a fiscal year for the annual report (表５, 000 L1144-1169) and
// the statement to the central body (001 ch. II inspection table): agency-wide, every round of the year.

type Round = typeof inspectionRounds.$inferSelect;

/** Per item of the round's sets: of the submitted hosts, how many the item applied to and how many met it. */
async function itemFigures(db: Db, round: Round): Promise<InspectionAnnual['rounds'][number]['items']> {
  const rows = await db
    .select({
      role: inspectionTargets.role,
      itemKey: inspectionAnswers.itemKey,
      met: sql<number>`count(*) filter (where ${inspectionAnswers.status} = 'met')::int`,
      applicable: sql<number>`count(*) filter (where ${inspectionAnswers.status} in ('met', 'not_met'))::int`,
    })
    .from(inspectionAnswers)
    .innerJoin(inspectionTargets, eq(inspectionTargets.id, inspectionAnswers.targetId))
    .where(
      and(
        eq(inspectionTargets.roundId, round.id),
        isNotNull(inspectionTargets.submittedAt),
        answerInRoundSets(round),
      ),
    )
    .groupBy(inspectionTargets.role, inspectionAnswers.itemKey);
  const counted = new Map(rows.map((r) => [`${r.role}\u0000${r.itemKey}`, r]));
  return round.itemSets.flatMap((s) =>
    s.items.map((i) => {
      const c = counted.get(`${s.role}\u0000${i.key}`);
      const applicable = c?.applicable ?? 0;
      const met = c?.met ?? 0;
      return {
        code: i.key,
        title: i.titleJa,
        role: s.role,
        applicable,
        met,
        rate: applicable ? met / applicable : null,
      };
    }),
  );
}

/**
 * The inspection rounds of the fiscal year (by the year the round was opened for), with the hosts
 * graded as the grade table grades them (a host counts once its owner submitted). Null when no round.
 */
export async function annualInspections(
  db: Db,
  tenantId: string,
  fiscalYear: number,
): Promise<InspectionAnnual | null> {
  const rounds = await db
    .select()
    .from(inspectionRounds)
    .where(and(eq(inspectionRounds.tenantId, tenantId), eq(inspectionRounds.fiscalYear, fiscalYear)))
    .orderBy(asc(inspectionRounds.referenceDate), asc(inspectionRounds.createdAt));
  if (rounds.length === 0) return null;
  const out: InspectionAnnual['rounds'] = [];
  for (const round of rounds) {
    const hosts = await hostTallies(db, round, sql`true`);
    const grades = Object.fromEntries(GRADES.map((g) => [g, 0])) as Record<(typeof GRADES)[number], number>;
    for (const h of hosts) if (h.submittedAt && h.tally.grade) grades[h.tally.grade]++;
    out.push({
      roundId: round.id,
      title: round.name,
      itemSet: round.itemSets.map((s) => s.name).join(' / '),
      targets: hosts.length,
      submitted: hosts.filter((h) => h.submittedAt).length,
      grades,
      items: await itemFigures(db, round),
      link: `/inspections/${round.id}`,
    });
  }
  return { rounds: out };
}
