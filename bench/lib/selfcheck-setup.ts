// Builds the benchmark's agency and campaign: the demo generator and seeder for the org tree and
// staff, the product's own services for the policy and the campaign (opening it materialises every
// member in one statement), then answers written straight into the packed strings, in bulk.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { and, asc, eq, sql } from 'drizzle-orm';
import pg from 'pg';
import type { Config } from '../../src/config.js';
import { type Database, type Db, openDatabase, rowsOf } from '../../src/db/client.js';
import { mulberry32 } from '../../src/lib/random.js';
import { loadActor } from '../../src/modules/accounts/actor.js';
import { accounts } from '../../src/modules/accounts/schema.js';
import { type DemoPlan, generateDemo, MAX_DEMO_STAFF } from '../../src/modules/demo/generate.js';
import { ADMIN_LOGIN, seedDemo } from '../../src/modules/demo/seed.js';
import { people } from '../../src/modules/org/schema.js';
import { rebuildCounters } from '../../src/modules/selfcheck/campaign-counters.js';
import { emptyAnswers, optionChar } from '../../src/modules/selfcheck/campaign-rules.js';
import { createCampaign, transitionCampaign } from '../../src/modules/selfcheck/campaign-service.js';
import { ensureShippedCatalog } from '../../src/modules/selfcheck/catalog-service.js';
import { materialiseMembers } from '../../src/modules/selfcheck/materialise.js';
import { approvePlan } from '../../src/modules/selfcheck/plan-service.js';
import { createPolicy, policyItems, setPolicyChange } from '../../src/modules/selfcheck/policy-service.js';
import { campaignItems, campaignMembers, campaigns } from '../../src/modules/selfcheck/schema.js';
import type { ActorCtx, Ctx } from '../../src/server/context.js';
import { detachedJob } from '../../src/server/jobs/queue.js';
import { type AnswerModel, answerModel, drawAnswers } from './answers.js';

export type Target = 'postgres' | 'pglite';

export interface BenchDatabase {
  database: Database;
  /** e.g. "PostgreSQL 15.20" or "PGlite 0.x (PostgreSQL 17.x), in memory". */
  engine: string;
  /** PostgreSQL: the URL of the benchmark's own database. */
  url: string | null;
  dispose(): Promise<void>;
}

/**
 * PostgreSQL: a fresh `mamoru_bench_<rand>` database, dropped by dispose(). PGlite: in memory, or in
 * `pgliteDir` (which must be new, and is kept) for later experiments (bench/metrics-paths.ts).
 */
export async function openBenchDatabase(
  target: Target,
  opts: { adminUrl: string; poolSize: number; pgliteDir?: string | undefined },
): Promise<BenchDatabase> {
  if (target === 'pglite') {
    if (opts.pgliteDir && fs.existsSync(opts.pgliteDir)) throw new Error(`${opts.pgliteDir} exists`);
    const database = await openDatabase({ dataDir: opts.pgliteDir });
    await database.migrate();
    const [v] = rowsOf<{ v: string }>(await database.db.execute(sql`select version() as v`));
    // The package does not export its package.json; read it from node_modules.
    const pkg = new URL('../../node_modules/@electric-sql/pglite/package.json', import.meta.url);
    const pglite = JSON.parse(fs.readFileSync(pkg, 'utf8')) as { version: string };
    return {
      database,
      engine: `PGlite ${pglite.version} (${v!.v.split(' ').slice(0, 2).join(' ')}), ${opts.pgliteDir ? 'on disk' : 'in memory'}`,
      url: null,
      dispose: () => database.close(),
    };
  }
  const name = `mamoru_bench_${randomBytes(4).toString('hex')}`;
  const admin = async (statement: string) => {
    const c = new pg.Client({ connectionString: opts.adminUrl });
    await c.connect();
    try {
      return await c.query(statement);
    } finally {
      await c.end();
    }
  };
  await admin(`create database ${name}`);
  const url = new URL(opts.adminUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: url.toString(), poolSize: opts.poolSize });
  let disposed = false;
  const dispose = async () => {
    if (disposed) return;
    disposed = true;
    await database.close().catch(() => {});
    await admin(`drop database if exists ${name} with (force)`);
  };
  try {
    await database.migrate();
    const { rows } = await admin('show server_version');
    return { database, engine: `PostgreSQL ${rows[0].server_version}`, url: url.toString(), dispose };
  } catch (err) {
    await dispose();
    throw err;
  }
}

/**
 * The demo plan for `staff` people. The generator stops at MAX_DEMO_STAFF; beyond it, extra staff
 * join the same units in proportion to their headcount, with the generator's leave rates.
 */
export function scaledPlan(staff: number, seed: number): DemoPlan {
  const plan = generateDemo({ staff: Math.min(staff, MAX_DEMO_STAFF), seed });
  const rng = mulberry32(seed ^ 0x5eed);
  const base = plan.people.length;
  for (let n = base + 1; n <= staff; n++) {
    const like = plan.people[Math.floor(rng() * base)]!;
    const s = rng();
    const staffNo = `D${String(n).padStart(6, '0')}`;
    plan.people.push({
      ...like,
      staffNo,
      email: `${staffNo.toLowerCase()}@demo.go.jp`,
      status: s >= 0.018 ? 'active' : s < 0.015 ? 'long_leave' : 'excluded',
    });
    plan.assignments.push({ staffNo, role: 'staff', unitCode: like.unitCode });
  }
  return plan;
}

export async function seedAgency(sys: Ctx, plan: DemoPlan, password: string) {
  await ensureShippedCatalog(sys.db);
  const seeded = await seedDemo(sys, { plan, password });
  const [account] = await sys.db
    .select()
    .from(accounts)
    .where(and(eq(accounts.login, ADMIN_LOGIN), eq(accounts.tenantId, seeded.tenantId)));
  const actor = await loadActor(sys.db, account!.id, 'session');
  const admin: ActorCtx = { ...sys, actor: actor! };
  return { seeded, admin };
}

/** The current year's campaign, and last year's (published, for the year-over-year comparison). */
export const BENCH_YEARS = {
  current: { fiscalYear: 2026, startsOn: '2026-11-02', endsOn: '2027-03-31' },
  previous: { fiscalYear: 2025, startsOn: '2025-11-04', endsOn: '2026-03-31' },
} as const;

/**
 * A policy under which staff answer `staffItems` items, and an open campaign of it. The shipped
 * catalog gives staff 28 of its 92 items; beyond that, other roles' items are tightened to include
 * staff too (a policy change with its reason, as an agency would), below it a focus set is chosen.
 */
export async function openCampaign(
  admin: ActorCtx,
  versionId: string,
  staffItems: number,
  year: { fiscalYear: number; startsOn: string; endsOn: string } = BENCH_YEARS.current,
) {
  const id = await approvedCampaign(admin, versionId, staffItems, year);
  await transitionCampaign(admin, id, 'open');
  // A large agency's questionnaires are created by a job: run it here, to the end.
  await materialiseMembers(admin, id, detachedJob());
  const [row] = await admin.db.select().from(campaigns).where(eq(campaigns.id, id));
  return row!;
}

/** A campaign with its plan approved by the CISO, ready to open; returns its id. */
export async function approvedCampaign(
  admin: ActorCtx,
  versionId: string,
  staffItems: number,
  year: { fiscalYear: number; startsOn: string; endsOn: string } = BENCH_YEARS.current,
): Promise<string> {
  const policy = await createPolicy(admin, {
    name: `ベンチマーク方針 ${year.fiscalYear}`,
    description: '',
    catalogVersionId: versionId,
  });
  const items = await policyItems(admin, policy.id);
  const forStaff = items.filter((i) => i.roles.includes('staff'));
  const others = items.filter((i) => !i.roles.includes('staff'));
  if (staffItems > items.length) throw new RangeError(`at most ${items.length} items per person`);
  for (const it of others.slice(0, Math.max(0, staffItems - forStaff.length))) {
    const { itemId, origin: _, ...content } = it;
    await setPolicyChange(admin, policy.id, {
      kind: 'tighten',
      itemId,
      reason: 'ベンチマーク: 職員にも点検させる',
      content: { ...content, roles: [...content.roles, 'staff'] },
    });
  }
  const itemsPerRole: Record<string, string[]> =
    staffItems < forStaff.length ? { staff: forStaff.slice(0, staffItems).map((i) => i.itemId) } : {};
  const created = await createCampaign(admin, {
    policyId: policy.id,
    title: `ベンチマーク自己点検 ${year.fiscalYear}年度`,
    ...year,
    scopeUnitIds: [],
    scopeRoleKeys: [],
    itemsPerRole,
    excludedStatuses: ['long_leave', 'excluded'],
    instructions: '',
    reminderEveryDays: null,
    previousCampaignId: null,
    plan: {
      policy: 'ベンチマーク: 職員が役割に応じて遵守状況を自ら点検する。',
      scope: '全職員（長期休業者等は対象外）。',
      content: '統一基準の要約に基づく遵守事項。',
      timing: `${year.startsOn}〜${year.endsOn}`,
      evaluation: '把握率・実施率・到達率で評価し、前年度と比較する。',
      metricDefinition: 'nisc',
    },
  });
  // The CISO approves the plan before the campaign opens (002 L265-267).
  await approvePlan(await cisoOf(admin), created.id);
  return created.id;
}

/** The agency's 最高情報セキュリティ責任者, acting through their own account. */
async function cisoOf(admin: ActorCtx): Promise<ActorCtx> {
  const [row] = rowsOf<{ id: string }>(
    await admin.db.execute(sql`
      select a.id from role_assignments ra
        join roles r on r.id = ra.role_id and r.key = 'ciso'
        join accounts a on a.person_id = ra.person_id
      where ra.tenant_id = ${admin.actor.tenantId} order by a.login limit 1`),
  );
  const actor = row ? await loadActor(admin.db, row.id, 'session') : null;
  if (!actor) throw new Error('the agency has no CISO account');
  return { ...admin, actor };
}

export interface CampaignItem {
  idx: number;
  itemId: string;
  roleKeys: string[];
}

export async function itemsOf(db: Db, campaignId: string): Promise<CampaignItem[]> {
  return db
    .select({ idx: campaignItems.idx, itemId: campaignItems.itemId, roleKeys: campaignItems.roleKeys })
    .from(campaignItems)
    .where(eq(campaignItems.campaignId, campaignId))
    .orderBy(asc(campaignItems.idx));
}

export interface FillStats {
  members: number;
  inScope: number;
  submitted: number;
  drafts: number;
  answers: number;
  distinctSubmitted: number;
}

const CHUNK = 2000;

/**
 * Answers for everyone in scope: ~3.5 % not started, ~1.5 % drafts (half answered), the rest
 * submitted. Members are visited in staff-number order so a seed always gives the same answers.
 */
export async function fillAnswers(
  db: Db,
  campaignId: string,
  seed: number,
): Promise<FillStats & { model: AnswerModel }> {
  const items = await itemsOf(db, campaignId);
  const rng = mulberry32(seed);
  const model = answerModel(rng, items.length);
  const idxsOf = new Map<string, number[]>();
  for (const it of items) for (const k of it.roleKeys) idxsOf.set(k, [...(idxsOf.get(k) ?? []), it.idx]);
  const members = await db
    .select({
      id: campaignMembers.id,
      roleKey: campaignMembers.roleKey,
      unitPath: campaignMembers.unitPath,
      inScope: campaignMembers.inScope,
    })
    .from(campaignMembers)
    .innerJoin(people, eq(people.id, campaignMembers.personId))
    .where(eq(campaignMembers.campaignId, campaignId))
    .orderBy(asc(people.staffNo), asc(campaignMembers.roleKey));
  const unitFactor = new Map<string, number>();
  const stats: FillStats = {
    members: members.length,
    inScope: 0,
    submitted: 0,
    drafts: 0,
    answers: 0,
    distinctSubmitted: 0,
  };
  const distinct = new Set<string>();
  const submittedAt = new Date().toISOString();
  let rows: { id: string; answers: string; state: string; submitted_at: string | null }[] = [];
  const flush = async () => {
    if (rows.length === 0) return;
    await db.execute(sql`
      update campaign_members m set answers = x.answers, state = x.state, submitted_at = x.submitted_at,
        updated_at = now()
      from json_to_recordset(${JSON.stringify(rows)}::json)
        as x(id uuid, answers text, state text, submitted_at timestamptz)
      where m.id = x.id`);
    rows = [];
  };
  for (const m of members) {
    if (!m.inScope) continue;
    stats.inScope++;
    const r = rng();
    if (r < 0.035) continue;
    const draft = r < 0.05;
    const factor = unitFactor.get(m.unitPath) ?? 0.5 + rng() * 1.2;
    unitFactor.set(m.unitPath, factor);
    const idxs = (idxsOf.get(m.roleKey) ?? []).filter(() => !draft || rng() < 0.5);
    const chars = emptyAnswers(items.length).split('');
    drawAnswers(rng, model, idxs, factor).forEach((option, k) => {
      chars[idxs[k]!] = optionChar(option);
    });
    const answers = chars.join('');
    stats.answers += idxs.length;
    if (draft) stats.drafts++;
    else {
      stats.submitted++;
      distinct.add(`${m.unitPath}|${m.roleKey}|${answers}`);
    }
    rows.push({
      id: m.id,
      answers,
      state: draft ? 'draft' : 'submitted',
      submitted_at: draft ? null : submittedAt,
    });
    if (rows.length === CHUNK) await flush();
  }
  await flush();
  // Written in bulk past the answer service: the results' counters are recounted from these answers.
  await rebuildCounters(db, campaignId);
  // Autovacuum would do this after a bulk change; without it the planner sees an empty table.
  await db.execute(sql`vacuum analyze campaign_members`);
  stats.distinctSubmitted = distinct.size;
  return { ...stats, model };
}

/**
 * Cheap password hashing: logins are set up, not measured; production keeps argon2's defaults. The
 * log level stays the configured one (production: info), so its cost is measured.
 */
export function benchConfig(base: Config): Config {
  return {
    ...base,
    passwordHash: { memoryCost: 1024, timeCost: 1 },
    login: { ...base.login, ratePerMinute: 100_000 },
    jobs: false,
  };
}

/**
 * Who looks at the results: the 統括情報セキュリティ責任者 (the whole agency) and the
 * 情報セキュリティ責任者 of the bureau with the most members (their bureau only).
 */
export async function officerLogins(db: Db, tenantId: string, campaignId: string) {
  const [chief] = rowsOf<{ login: string }>(
    await db.execute(sql`
      select a.login from role_assignments ra
        join roles r on r.id = ra.role_id and r.key = 'chief_security_officer'
        join accounts a on a.person_id = ra.person_id
      where ra.tenant_id = ${tenantId} order by a.login limit 1`),
  );
  const [bureau] = rowsOf<{ login: string; code: string; members: number }>(
    await db.execute(sql`
      select a.login, u.code, count(m.id)::int as members from role_assignments ra
        join roles r on r.id = ra.role_id and r.key = 'security_officer'
        join accounts a on a.person_id = ra.person_id
        join org_units u on u.id = ra.unit_id
        join campaign_members m on m.campaign_id = ${campaignId} and m.unit_path like u.path || '%'
      where ra.tenant_id = ${tenantId}
      group by 1, 2 order by 3 desc, 1 limit 1`),
  );
  if (!chief || !bureau) throw new Error('the demo agency has no 統括 or no bureau security officer');
  return { chief: chief.login, bureau };
}
