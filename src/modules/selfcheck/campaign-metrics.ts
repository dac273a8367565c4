import { and, asc, eq, or, sql } from 'drizzle-orm';
import { type Db, rowsOf } from '../../db/client.js';
import { withinSubtree } from '../../server/policy.js';
import { type QuestionnaireRow, readCounters, readSeveral } from './campaign-counters.js';
import { meaningTable, UNANSWERED } from './campaign-rules.js';
import { addQuestionnaire, counterLayout } from './counter-rules.js';
import { createMetricsAccumulator, type MetricsAccumulator, type MetricsResult } from './metrics.js';
import { campaignItems, campaignMembers, type campaigns } from './schema.js';

export interface CampaignMetrics extends MetricsResult {
  itemIds: string[];
}

/** Joins the packed strings of one (unit, role) in string_agg; never an option character. */
const SEPARATOR = ',';
const SEPARATOR_CODE = SEPARATOR.charCodeAt(0);
// Meaning codes, as the counters of metrics.ts lay them out: implemented, not implemented, 該当なし.
const MEANING_CODE = { implemented: 0, not_implemented: 1, no_duty: 2 } as const;
const NOT_IMPLEMENTED = MEANING_CODE.not_implemented;
const MEANINGS = ['implemented', 'not_implemented', 'no_duty'] as const;

interface GroupRow {
  unit_path: string;
  role_key: string;
  metric_group: string;
  in_scope: number;
  captured: number;
  /** The captured members' packed answers, joined by SEPARATOR (null when nobody submitted). */
  answers: string | null;
}

/** One questionnaire of a person who has several in the population. */
type PersonRow = QuestionnaireRow;

export interface CampaignMetricsOptions {
  naPasses: boolean;
  /** Unit subtrees to count (all of the actor's scope roots); none = the whole campaign. */
  withinPaths?: readonly string[] | undefined;
  unitItems?: (unitId: string) => boolean;
}

/**
 * The campaign's full metrics from its counters (selfcheck_counters: headcounts written when the members
 * were made, answer sums kept by every submission): neither the members nor their answers are read,
 * except the few questionnaires of people with several (marked `several`), which are taken out of the
 * per-questionnaire counters and counted as people, exactly as computeCampaignMetricsByScan does
 * (000 L1030).
 */
export async function computeCampaignMetrics(
  db: Db,
  campaign: Pick<typeof campaigns.$inferSelect, 'id' | 'answerOptions'>,
  opts: CampaignMetricsOptions,
): Promise<CampaignMetrics> {
  const items = await campaignItemsFor(db, campaign.id);
  const layout = counterLayout(items, campaign.answerOptions);
  // One snapshot: a submission between the two reads would otherwise be taken out without being in.
  const [stored, several] = await db.transaction(
    async (tx) => [
      await readCounters(tx, campaign.id, opts.withinPaths),
      await readSeveral(tx, campaign.id, opts.withinPaths),
    ],
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );

  const key = (unitPath: string, roleKey: string, group: string) =>
    `${unitPath}\u0000${roleKey}\u0000${group}`;
  // Counters of a (unit, role) with no member would be a bug verify-counters reports; nobody to count.
  const cells = new Map(
    stored.filter((r) => r.members > 0).map((r) => [key(r.unitPath, r.roleKey, r.metricGroup), r]),
  );
  // People with several questionnaires leave the per-questionnaire sums and come back once as people.
  for (const p of several) {
    const cell = cells.get(key(p.unitPath, p.roleKey, p.metricGroup));
    if (!cell) continue;
    cell.inScope--;
    const q = { roleKey: p.roleKey, inScope: true, submitted: p.submitted, answers: p.answers };
    addQuestionnaire(layout, cell, q, -1);
  }

  const itemIds = items.map((i) => i.itemId);
  const chapterByItem = new Map(items.map((i) => [i.itemId, i.chapterNo]));
  const acc = createMetricsAccumulator({
    naPasses: opts.naPasses,
    chapterOf: (id) => chapterByItem.get(id) ?? '',
    ...(opts.unitItems ? { unitItems: opts.unitItems } : {}),
  });
  for (const c of cells.values()) {
    const own = layout.itemsOfRole.get(c.roleKey) ?? new Int32Array(0);
    acc.addAggregate({
      group: c.metricGroup,
      role: c.roleKey,
      unitPath: c.unitPath.split('/').filter(Boolean),
      inScope: c.inScope,
      captured: c.captured,
      notAllImplemented: c.failed,
      notAllImplementedByChapter: layout.chapters.map((ch, i) => [ch, c.failedByChapter[i] ?? 0] as const),
      items: [...own].map(
        (i) =>
          [
            itemIds[i]!,
            {
              implemented: c.items[i * 3]!,
              notImplemented: c.items[i * 3 + 1]!,
              noDuty: c.items[i * 3 + 2]!,
            },
          ] as const,
      ),
    });
  }
  addPeople(
    acc,
    several.map((r) => ({
      person_id: r.personId,
      unit_path: r.unitPath,
      role_key: r.roleKey,
      metric_group: r.metricGroup,
      submitted: r.submitted,
      answers: r.answers,
    })),
    layout,
    itemIds,
  );
  return { ...acc.result(), itemIds };
}

/** Computed metrics per database and campaign view, with the counters' version they were computed at. */
const computed = new WeakMap<Db, Map<string, { version: string; metrics: Promise<CampaignMetrics> }>>();
/** Views kept per database (whole agency and a few bureaus, both ways of counting 該当なし). */
const KEPT_VIEWS = 64;

/**
 * computeCampaignMetrics, reused while the campaign's counters are unchanged: every write of a counters
 * row (a submission, members made, a repair) takes a new selfcheck_counters_version, so the largest one
 * and the row count tell whether anything changed; the roll-up is pure in them, the several marks
 * (changed only with the counters, by a repair) and the frozen items. `view` names what `opts` asks for
 * (its subtrees and which units list their items), as the caller builds the options.
 */
export async function cachedCampaignMetrics(
  db: Db,
  campaign: Pick<typeof campaigns.$inferSelect, 'id' | 'answerOptions'>,
  opts: CampaignMetricsOptions,
  view: string,
): Promise<CampaignMetrics> {
  const [row] = rowsOf<{ version: string }>(
    await db.execute(sql`
      select coalesce(max(version), 0)::text || '/' || count(*)::text as version
      from selfcheck_counters where campaign_id = ${campaign.id}::uuid`),
  );
  const version = row!.version;
  const views = computed.get(db) ?? new Map();
  computed.set(db, views);
  const key = `${campaign.id}\u0000${opts.naPasses}\u0000${view}`;
  const hit = views.get(key);
  if (hit?.version === version) return hit.metrics;
  // The promise itself is kept, so concurrent requests for the same view compute it once.
  const metrics = computeCampaignMetrics(db, campaign, opts);
  views.delete(key);
  views.set(key, { version, metrics });
  if (views.size > KEPT_VIEWS) views.delete(views.keys().next().value!);
  metrics.catch(() => {
    if (views.get(key)?.metrics === metrics) views.delete(key);
  });
  return metrics;
}

/** People with several questionnaires, each questionnaire streamed with its person (counted once). */
function addPeople(
  acc: MetricsAccumulator,
  several: readonly PersonRow[],
  layout: {
    itemsOfRole: ReadonlyMap<string, ArrayLike<number> & Iterable<number>>;
    meaningCode: Int8Array;
  },
  itemIds: string[],
) {
  for (const r of several) {
    const own = layout.itemsOfRole.get(r.role_key) ?? [];
    acc.addMember({
      personId: r.person_id,
      group: r.metric_group,
      role: r.role_key,
      unitPath: r.unit_path.split('/').filter(Boolean),
      inScope: true,
      submitted: r.submitted,
      answers: [...own].flatMap((i) => {
        const m = layout.meaningCode[r.answers.charCodeAt(i)] ?? -1;
        return m < 0 ? [] : [[itemIds[i]!, MEANINGS[m]!] as const];
      }),
    });
  }
}

async function campaignItemsFor(db: Db, campaignId: string) {
  return db
    .select({
      idx: campaignItems.idx,
      itemId: campaignItems.itemId,
      chapterNo: campaignItems.chapterNo,
      roleKeys: campaignItems.roleKeys,
    })
    .from(campaignItems)
    .where(eq(campaignItems.campaignId, campaignId))
    .orderBy(asc(campaignItems.idx));
}

/**
 * The reference for computeCampaignMetrics (tests, `verify-counters`): the full metrics from the packed
 * answers themselves, one grouped scan returns, per (unit, role),
 * the headcounts and the submitters' answer strings joined into one (a few thousand rows however
 * many people: 300,000 rows as objects cost more to transfer and collect than the counting itself),
 * a tight loop over each role's item positions into per-(unit, role) counters, then the pure engine
 * (metrics.ts) rolls them up to every unit level, group, role and chapter.
 */
export async function computeCampaignMetricsByScan(
  db: Db,
  campaign: Pick<typeof campaigns.$inferSelect, 'id' | 'answerOptions'>,
  opts: {
    naPasses: boolean;
    /** Unit subtrees to count (all of the actor's scope roots); none = the whole campaign. */
    withinPaths?: readonly string[] | undefined;
    unitItems?: (unitId: string) => boolean;
  },
): Promise<CampaignMetrics> {
  const items = await db
    .select({
      idx: campaignItems.idx,
      itemId: campaignItems.itemId,
      chapterNo: campaignItems.chapterNo,
      roleKeys: campaignItems.roleKeys,
    })
    .from(campaignItems)
    .where(eq(campaignItems.campaignId, campaign.id))
    .orderBy(asc(campaignItems.idx));
  // A person with several questionnaires here counts once (000 L1030): those few are streamed one by
  // one; everyone else's questionnaire is their only one, so grouped counts stay exact.
  const { where, multi } = membersIn(campaign.id, opts);
  const [rows, several] = await withPlannerSettings(db, HASH_GROUPS, async (tx) => [
    rowsOf<GroupRow>(
      await tx.execute(sql`
        select unit_path, role_key, metric_group,
          count(*) filter (where in_scope)::int as in_scope,
          count(*) filter (where in_scope and state = 'submitted')::int as captured,
          string_agg(answers, ${SEPARATOR}) filter (where in_scope and state = 'submitted') as answers
        from campaign_members where ${where} and not (in_scope and person_id in (${multi}))
        group by unit_path, role_key, metric_group`),
    ),
    rowsOf<PersonRow>(
      await tx.execute(sql`
        select person_id, unit_path, role_key, metric_group, state = 'submitted' as submitted, answers
        from campaign_members where ${where} and in_scope and person_id in (${multi})`),
    ),
  ]);

  const itemIds = items.map((i) => i.itemId);
  const chapters = [...new Set(items.map((i) => i.chapterNo))];
  const chapterOfIdx = Int32Array.from(items.map((i) => chapters.indexOf(i.chapterNo)));
  const chapterByItem = new Map(items.map((i) => [i.itemId, i.chapterNo]));
  // Each role is measured on its own items only (an item no role-holder had to answer is not a 0 %).
  const itemsOfRole = new Map<string, number[]>();
  for (const it of items)
    for (const k of it.roleKeys) itemsOfRole.set(k, [...(itemsOfRole.get(k) ?? []), it.idx]);
  // Every character code maps to a meaning code, so the hot loop needs no bounds check.
  const meaningCode = new Int8Array(0x10000).fill(-1);
  meaningTable(campaign.answerOptions).forEach((m, code) => {
    if (m !== null) meaningCode[code] = MEANING_CODE[m];
  });

  const n = itemIds.length;
  const scan: Scan = {
    n,
    meaningCode,
    chapterOfIdx,
    chapterStamp: new Int32Array(chapters.length).fill(-1),
    member: 0,
  };
  const acc = createMetricsAccumulator({
    naPasses: opts.naPasses,
    chapterOf: (id) => chapterByItem.get(id) ?? '',
    ...(opts.unitItems ? { unitItems: opts.unitItems } : {}),
  });
  for (const r of rows) {
    const own = Int32Array.from(itemsOfRole.get(r.role_key) ?? []);
    const counts = new Int32Array(n * 3);
    const failedByChapter = new Int32Array(chapters.length);
    const joined = r.captured ? uniform(r.answers ?? '', r.captured, n) : '';
    const notAll = countAnswers(scan, joined, r.captured, own, counts, failedByChapter);
    acc.addAggregate({
      group: r.metric_group,
      role: r.role_key,
      unitPath: r.unit_path.split('/').filter(Boolean),
      inScope: r.in_scope,
      captured: r.captured,
      notAllImplemented: notAll,
      notAllImplementedByChapter: chapters.map((ch, i) => [ch, failedByChapter[i]!] as const),
      items: [...own].map(
        (i) =>
          [
            itemIds[i]!,
            { implemented: counts[i * 3]!, notImplemented: counts[i * 3 + 1]!, noDuty: counts[i * 3 + 2]! },
          ] as const,
      ),
    });
  }
  addPeople(acc, several, { itemsOfRole, meaningCode }, itemIds);
  return { ...acc.result(), itemIds };
}

interface Scan {
  /** Characters per packed string: the campaign's item count. */
  n: number;
  /** Indexed by character code: the meaning code of the option written there, -1 for none ('.'). */
  meaningCode: Int8Array;
  chapterOfIdx: Int32Array;
  /** Per chapter, the last member counted as failing it: a member fails a chapter once, however many items. */
  chapterStamp: Int32Array;
  member: number;
}

/**
 * The hot loop: adds `count` members' answers (packed strings of n characters, joined by SEPARATOR)
 * into per-item counters, at the role's own item positions only. Returns how many members failed
 * at least one item (METI's 全項目実施 counts people), counting each failed chapter once per member.
 */
function countAnswers(
  scan: Scan,
  joined: string,
  count: number,
  own: Int32Array,
  counts: Int32Array,
  failedByChapter: Int32Array,
): number {
  const { meaningCode, chapterOfIdx, chapterStamp } = scan;
  const stride = scan.n + 1;
  let notAll = 0;
  for (let k = 0, start = 0; k < count; k++, start += stride) {
    const member = ++scan.member;
    let failed = false;
    for (let j = 0; j < own.length; j++) {
      const i = own[j]!;
      const m = meaningCode[joined.charCodeAt(start + i)]!;
      if (m < 0) continue;
      counts[i * 3 + m]!++;
      if (m !== NOT_IMPLEMENTED) continue;
      failed = true;
      const ch = chapterOfIdx[i]!;
      if (chapterStamp[ch] !== member) {
        chapterStamp[ch] = member;
        failedByChapter[ch]!++;
      }
    }
    if (failed) notAll++;
  }
  return notAll;
}

/**
 * The joined strings with every one exactly n characters long, as the product always writes them;
 * any other length (never written, but cheap to survive) is cut or padded with "unanswered".
 */
function uniform(joined: string, count: number, n: number): string {
  const stride = n + 1;
  let ok = joined.length === count * stride - 1;
  for (let k = 1; ok && k < count; k++) ok = joined.charCodeAt(k * stride - 1) === SEPARATOR_CODE;
  if (ok) return joined;
  return joined
    .split(SEPARATOR)
    .map((s) => s.slice(0, n).padEnd(n, UNANSWERED))
    .join(SEPARATOR);
}

/**
 * The planner guesses ~10× too many (unit, role) groups, and sorts 300,000 rows to group them;
 * hashing the ~2,000 real groups in memory is 2-3× faster (docs/benchmarks.md). JIT compiling
 * would cost more than it saves on this one query.
 */
const HASH_GROUPS = { enable_sort: 'off', work_mem: '64MB', jit: 'off' };

/** Runs `fn` in a transaction with planner settings changed for it alone, restored after (callers may be in a longer transaction). */
async function withPlannerSettings<T>(db: Db, settings: Record<string, string>, fn: (tx: Db) => Promise<T>) {
  const set = (values: Record<string, string>) =>
    sql.join(
      Object.entries(values).map(([k, v]) => sql`set_config(${k}, ${v}, true) as ${sql.identifier(k)}`),
      sql`, `,
    );
  return db.transaction(async (tx) => {
    const names = Object.keys(settings);
    const [before] = rowsOf<Record<string, string>>(
      await tx.execute(
        sql`select ${sql.join(
          names.map((k) => sql`current_setting(${k}) as ${sql.identifier(k)}`),
          sql`, `,
        )}`,
      ),
    );
    await tx.execute(sql`select ${set(settings)}`);
    const result = await fn(tx);
    await tx.execute(sql`select ${set(before!)}`);
    return result;
  });
}

/** The campaign's members in the asked subtrees, and those of them with several in-scope questionnaires. */
function membersIn(campaignId: string, opts: CampaignMetricsOptions) {
  const where = and(
    eq(campaignMembers.campaignId, campaignId),
    opts.withinPaths?.length
      ? or(...opts.withinPaths.map((p) => withinSubtree(campaignMembers.unitPath, p)))
      : undefined,
  );
  const multi = sql`select person_id from campaign_members where ${where} and in_scope
    group by person_id having count(*) > 1`;
  return { where, multi };
}
