// The running sums behind a campaign's results (selfcheck_counters): changed by the answer's own
// transaction, read by the results, recounted from the packed answers to check or repair them.
import { and, asc, eq, or, type SQL, sql } from 'drizzle-orm';
import { type Db, pgArray, rowsOf } from '../../db/client.js';
import { withinSubtree } from '../../server/policy.js';
import {
  addQuestionnaire,
  type CounterLayout,
  type Counters,
  counterDifferences,
  counterLayout,
  isZero,
  type QuestionnaireState,
  questionnaireDelta,
  zeroCounters,
} from './counter-rules.js';
import { type AnswerOption, campaignItems, campaigns, selfcheckCounters } from './schema.js';

/** Where a questionnaire counts: one counters row per (unit, role, group). */
export interface CounterPlace {
  unitPath: string;
  roleKey: string;
  metricGroup: string;
}

const placeKey = (p: CounterPlace) => `${p.unitPath}\u0000${p.roleKey}\u0000${p.metricGroup}`;

export async function loadCounterLayout(db: Db, campaignId: string, answerOptions: readonly AnswerOption[]) {
  const items = await db
    .select({ idx: campaignItems.idx, chapterNo: campaignItems.chapterNo, roleKeys: campaignItems.roleKeys })
    .from(campaignItems)
    .where(eq(campaignItems.campaignId, campaignId))
    .orderBy(asc(campaignItems.idx));
  return counterLayout(items, answerOptions);
}

/**
 * Applies one questionnaire's change (old stored state → new) to its counters. Call in the transaction
 * that wrote the answers, with `before` read under the row's lock, so the sums move with the answers or
 * not at all. One row per (unit, role): `n = n + delta` under its row lock, so concurrent submitters
 * of the same unit cannot lose each other's counts, and a submission locks one counters row (no
 * ordering between rows, no deadlock).
 */
export async function applyQuestionnaireChange(
  tx: Db,
  campaignId: string,
  layout: CounterLayout,
  place: CounterPlace,
  before: QuestionnaireState,
  after: QuestionnaireState,
): Promise<void> {
  const delta = questionnaireDelta(layout, before, after);
  if (delta) await addCounters(tx, campaignId, place, delta);
}

async function addCounters(tx: Db, campaignId: string, place: CounterPlace, d: Counters) {
  const plus = (column: string) =>
    sql`array(select a + b from unnest(${sql.identifier('c')}.${sql.identifier(column)}, excluded.${sql.identifier(column)})
      with ordinality as t(a, b, i) order by i)`;
  await tx.execute(sql`
    insert into selfcheck_counters as c
      (campaign_id, unit_path, role_key, metric_group, items, captured, failed, failed_by_chapter, members, in_scope)
    values (${campaignId}::uuid, ${place.unitPath}, ${place.roleKey}, ${place.metricGroup},
      ${pgArray([...d.items])}::int[], ${d.captured}, ${d.failed}, ${pgArray([...d.failedByChapter])}::int[],
      ${d.members}, ${d.inScope})
    on conflict (campaign_id, unit_path, role_key, metric_group) do update set
      items = ${plus('items')},
      captured = c.captured + excluded.captured,
      failed = c.failed + excluded.failed,
      failed_by_chapter = ${plus('failed_by_chapter')},
      members = c.members + excluded.members,
      in_scope = c.in_scope + excluded.in_scope,
      version = nextval('selfcheck_counters_version')`);
}

/**
 * Inside the transaction that made some members (materialise's batches, whole people each): their
 * headcounts added to the counters. `inserted` is a statement returning the new rows' unit_path,
 * role_key, metric_group and in_scope (it also sets each row's `several` mark itself: an UPDATE of the
 * batch's people after the insert took 76 s for the demo's 10,000 people on PGlite, planned without
 * statistics for the rows just written).
 */
export async function countNewMembers(
  tx: Db,
  campaignId: string,
  shape: { items: number; chapters: number },
  inserted: SQL,
): Promise<number> {
  const [row] = rowsOf<{ n: number }>(
    await tx.execute(sql`
      with ins as (${inserted}),
      heads as (
        insert into selfcheck_counters as c
          (campaign_id, unit_path, role_key, metric_group, items, captured, failed, failed_by_chapter, members, in_scope)
        select ${campaignId}::uuid, unit_path, role_key, metric_group,
          array_fill(0, array[${shape.items * 3}::int]), 0, 0, array_fill(0, array[${shape.chapters}::int]),
          count(*)::int, (count(*) filter (where in_scope))::int
        from ins group by unit_path, role_key, metric_group
        on conflict (campaign_id, unit_path, role_key, metric_group) do update set
          members = c.members + excluded.members, in_scope = c.in_scope + excluded.in_scope,
          version = nextval('selfcheck_counters_version')
        returning 1)
      select (select count(*) from ins)::int as n, (select count(*) from heads)::int as cells`),
  );
  return row?.n ?? 0;
}

export interface CounterRow extends CounterPlace, Counters {}

/** The stored counters of a campaign (within some unit subtrees, or all). */
export async function readCounters(
  db: Db,
  campaignId: string,
  withinPaths?: readonly string[],
): Promise<CounterRow[]> {
  const rows = await db
    .select()
    .from(selfcheckCounters)
    .where(
      and(
        eq(selfcheckCounters.campaignId, campaignId),
        withinPaths?.length
          ? or(...withinPaths.map((p) => withinSubtree(selfcheckCounters.unitPath, p)))
          : undefined,
      ),
    );
  return rows.map((r) => ({
    unitPath: r.unitPath,
    roleKey: r.roleKey,
    metricGroup: r.metricGroup,
    items: Int32Array.from(r.items),
    captured: r.captured,
    failed: r.failed,
    failedByChapter: Int32Array.from(r.failedByChapter),
    members: r.members,
    inScope: r.inScope,
  }));
}

/** One questionnaire of a person who has several, as the database gives it. */
export interface QuestionnaireRow {
  person_id: string;
  unit_path: string;
  role_key: string;
  metric_group: string;
  submitted: boolean;
  answers: string;
}

/** A questionnaire of a person with several in scope, as results read it. */
export interface SeveralRow extends CounterPlace {
  personId: string;
  submitted: boolean;
  answers: string;
}

/**
 * The questionnaires marked `several` (within some unit subtrees, or all), by their partial index: a
 * few hundred rows of 300,000. Within a subtree, only people with several there stay several.
 */
export async function readSeveral(
  db: Db,
  campaignId: string,
  withinPaths?: readonly string[],
): Promise<SeveralRow[]> {
  const rows = rowsOf<QuestionnaireRow>(
    await db.execute(sql`
      select person_id, unit_path, role_key, metric_group, state = 'submitted' as submitted, answers
      from campaign_members where campaign_id = ${campaignId}::uuid and several
      ${
        withinPaths?.length
          ? sql`and (${sql.join(
              withinPaths.map((p) => withinSubtree(sql`unit_path`, p)),
              sql` or `,
            )})`
          : sql``
      }`),
  );
  const per = new Map<string, number>();
  for (const r of rows) per.set(r.person_id, (per.get(r.person_id) ?? 0) + 1);
  return rows
    .filter((r) => per.get(r.person_id)! > 1)
    .map((r) => ({
      personId: r.person_id,
      unitPath: r.unit_path,
      roleKey: r.role_key,
      metricGroup: r.metric_group,
      submitted: r.submitted,
      answers: r.answers,
    }));
}

interface MemberRow {
  id: string;
  person_id: string;
  unit_path: string;
  role_key: string;
  metric_group: string;
  in_scope: boolean;
  submitted: boolean;
  several: boolean;
  /** Only for in-scope submitted questionnaires (the others count nowhere). */
  answers: string | null;
}

export interface Recount {
  rows: CounterRow[];
  /** Members whose `several` mark is wrong, with the right value. */
  wrongMarks: { id: string; place: CounterPlace; several: boolean }[];
}

/**
 * The reference: every counters row recomputed from the campaign's members and packed answers, and the
 * `several` marks from the members (a full scan).
 */
export async function recountCounters(db: Db, campaignId: string, layout: CounterLayout): Promise<Recount> {
  const members = rowsOf<MemberRow>(
    await db.execute(sql`
      select id, person_id, unit_path, role_key, metric_group, in_scope, state = 'submitted' as submitted, several,
        case when in_scope and state = 'submitted' then answers end as answers
      from campaign_members where campaign_id = ${campaignId}::uuid`),
  );
  const out = new Map<string, CounterRow>();
  const inScopeOf = new Map<string, number>();
  for (const m of members) {
    const place = { unitPath: m.unit_path, roleKey: m.role_key, metricGroup: m.metric_group };
    const key = placeKey(place);
    const row = out.get(key) ?? { ...place, ...zeroCounters(layout) };
    out.set(key, row);
    row.members++;
    if (!m.in_scope) continue;
    row.inScope++;
    inScopeOf.set(m.person_id, (inScopeOf.get(m.person_id) ?? 0) + 1);
    const q = { roleKey: m.role_key, inScope: true, submitted: m.submitted, answers: m.answers ?? '' };
    addQuestionnaire(layout, row, q, 1);
  }
  const wrongMarks = members.flatMap((m) => {
    const several = m.in_scope && inScopeOf.get(m.person_id)! > 1;
    if (several === m.several) return [];
    return [
      {
        id: m.id,
        place: { unitPath: m.unit_path, roleKey: m.role_key, metricGroup: m.metric_group },
        several,
      },
    ];
  });
  return { rows: [...out.values()], wrongMarks };
}

export interface CounterCheck {
  campaignId: string;
  rows: number;
  /** Per (unit, role, group) that differs: what differs. */
  differences: { place: CounterPlace; what: string[] }[];
  repaired: boolean;
}

/**
 * Compares a campaign's stored counters with a recount from its answers; with `repair`, replaces them
 * by the recount. Repair locks the counters table first: a submission in flight either committed before
 * (the recount sees it) or waits and adds its change on top of the recount.
 */
export async function verifyCounters(
  db: Db,
  campaignId: string,
  opts: { repair?: boolean } = {},
): Promise<CounterCheck> {
  return db.transaction(
    async (tx) => {
      if (opts.repair) await tx.execute(sql`lock table selfcheck_counters in exclusive mode`);
      const [c] = await tx
        .select({ answerOptions: campaigns.answerOptions })
        .from(campaigns)
        .where(eq(campaigns.id, campaignId));
      if (!c) throw new Error(`no campaign ${campaignId}`);
      const layout = await loadCounterLayout(tx, campaignId, c.answerOptions);
      const stored = new Map((await readCounters(tx, campaignId)).map((r) => [placeKey(r), r]));
      const recount = await recountCounters(tx, campaignId, layout);
      const recounted = new Map(recount.rows.map((r) => [placeKey(r), r]));
      const differences: CounterCheck['differences'] = [];
      for (const key of new Set([...stored.keys(), ...recounted.keys()])) {
        const s = stored.get(key);
        const r = recounted.get(key);
        const place = (s ?? r)!;
        // A row that sums to zero (everyone there amended back, say) equals no row.
        const what = counterDifferences(s ?? zeroCounters(layout), r ?? zeroCounters(layout), layout);
        if (what.length)
          differences.push({
            place: { unitPath: place.unitPath, roleKey: place.roleKey, metricGroup: place.metricGroup },
            what,
          });
      }
      for (const m of recount.wrongMarks)
        differences.push({
          place: m.place,
          what: [`member ${m.id} several: stored ${!m.several}, recounted ${m.several}`],
        });
      const repair = Boolean(opts.repair && differences.length);
      if (repair) {
        await tx.delete(selfcheckCounters).where(eq(selfcheckCounters.campaignId, campaignId));
        for (const r of recounted.values()) if (!isZero(r)) await addCounters(tx, campaignId, r, r);
        for (const several of [true, false]) {
          const ids = recount.wrongMarks.filter((m) => m.several === several).map((m) => m.id);
          if (ids.length)
            await tx.execute(
              sql`update campaign_members set several = ${several} where id = any(${pgArray(ids)}::uuid[])`,
            );
        }
      }
      return { campaignId, rows: stored.size, differences, repaired: repair };
    },
    { isolationLevel: 'repeatable read' },
  );
}

/** After a bulk write of answers (the demo, the benchmark's loader): counters recomputed from them. */
export async function rebuildCounters(db: Db, campaignId: string): Promise<void> {
  await verifyCounters(db, campaignId, { repair: true });
}

/**
 * Campaigns opened before the counters (or their headcounts) existed (an upgraded installation) have
 * members but no headcounts: their live results would read zero. Run at every start (cheap when
 * nothing is missing): each open or closed campaign with a member and no counter row with a headcount
 * is recounted from its members under the repair lock, so two instances starting together recount it
 * once. Published campaigns keep their frozen figures and need none.
 */
export async function ensureCounters(db: Db): Promise<number> {
  const missing = rowsOf<{ id: string }>(
    await db.execute(sql`
      select c.id from campaigns c
      where c.state in ('open', 'closed')
        and exists (select 1 from campaign_members m where m.campaign_id = c.id)
        and not exists (select 1 from selfcheck_counters s where s.campaign_id = c.id and s.members > 0)`),
  );
  for (const c of missing) await rebuildCounters(db, c.id);
  return missing.length;
}
