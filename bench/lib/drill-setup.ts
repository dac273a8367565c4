// The drill benchmarks' data: one agency of 40 divisions, `recipients` people, and one drill frozen to
// all of them as scheduleDrill does (one statement here; the sample and role filters are not measured).
// Shared by bench:drill (which then sends the drill) and bench:scaleout (which only tracks it).
import { sql } from 'drizzle-orm';
import type { Config } from '../../src/config.js';
import { type Db, rowsOf } from '../../src/db/client.js';
import { drills } from '../../src/modules/drills/schema.js';
import { makeToken, tokenKey } from '../../src/modules/drills/tokens.js';
import { createTenant } from '../../src/modules/org/service.js';
import { type AppEnv, systemCtx } from '../../src/server/context.js';

export async function seedDrill(db: Db, env: AppEnv, config: Config, recipients: number): Promise<string> {
  const sys = systemCtx(db, config, env);
  const { tenant, root } = await createTenant(sys, {
    code: 'bench',
    kind: 'agency',
    nameJa: 'ベンチ省',
    nameEn: 'Bench',
  });
  await db.execute(sql`
    insert into org_units (tenant_id, parent_id, code, name_ja, kind, path, depth)
    select ${tenant.id}, ${root.id}, 'D' || g, '第' || g || '課', 'division', ${root.path} || gen_random_uuid() || '/', 2
    from generate_series(1, 40) g`);
  await db.execute(
    sql`update org_units set path = ${root.path} || id || '/' where tenant_id = ${tenant.id} and depth = 2`,
  );
  await db.execute(sql`
    with u as (select array_agg(id order by code) as ids from org_units where tenant_id = ${tenant.id} and depth = 2)
    insert into people (tenant_id, staff_no, name, email, unit_id)
    select ${tenant.id}, 'B' || lpad(g::text, 7, '0'), '職員 ' || g, 'staff' || g || '@bench.example.go.jp',
      u.ids[1 + g % 40]
    from generate_series(1, ${recipients}) g, u`);
  const [d] = await db
    .insert(drills)
    .values({
      tenantId: tenant.id,
      title: 'ベンチマーク訓練',
      state: 'scheduled',
      senderName: '人事課',
      senderAddress: 'jinji@example-lure.jp',
      subject: '【重要】給与明細の確認について',
      body: '{{name}} 様\n\n今月の給与明細を確認してください。\n{{url}}\n\n人事課',
      trainingContent: '# これは訓練です',
      windowStart: '00:00',
      windowEnd: '24:00',
      ratePerSecond: 10_000,
      followUpCourseId: null,
    })
    .returning();
  await db.execute(sql`
    insert into drill_recipients (drill_id, tenant_id, person_id, name, email, unit_id, unit_path, lure_due_at)
    select ${d!.id}, p.tenant_id, p.id, p.name, p.email, p.unit_id, u.path, now()
    from people p join org_units u on u.id = p.unit_id where p.tenant_id = ${tenant.id} order by p.id`);
  await db.execute(sql`vacuum analyze`);
  return d!.id;
}

/** The open-pixel and click paths of up to `limit` random recipients, two per recipient. */
export async function trackingPaths(db: Db, drillId: string, secretKey: Buffer, limit = 50_000) {
  const ids = rowsOf<{ id: number | string }>(
    await db.execute(
      sql`select id from drill_recipients where drill_id = ${drillId} order by random() limit ${limit}`,
    ),
  ).map((r) => Number(r.id));
  const key = tokenKey(secretKey);
  return ids.flatMap((id) => {
    const tok = makeToken(key, id);
    return [`/api/v1/t/o/${tok}.gif`, `/api/v1/t/c/${tok}`];
  });
}

/** What mail clients and browsers send (not a scanner's agent, which would be flagged). */
export const BROWSER =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36';
