// Bulk data for `bench:lists`: the demo agency (a small `seedDemo`, for its unit tree, roles, accounts,
// policies, courses and drills) grown in SQL with INSERT … SELECT generate_series to the sizes:
// people, register entries with access scopes, two drills of N recipients with events, and a recurring
// course assigned to everyone for three fiscal years with completions. Deterministic (setseed).
import { sql } from 'drizzle-orm';
import type { Db } from '../../src/db/client.js';
import { rowsOf } from '../../src/db/client.js';

export interface ListSizes {
  people: number;
  entries: number;
  recipients: number;
}

export interface Seeded {
  drillId: string;
  previousDrillId: string;
  courseId: string;
  counts: Record<string, number>;
}

const one = async <T>(db: Db, q: ReturnType<typeof sql>) => rowsOf<T>(await db.execute(q))[0]!;

/** Grows the demo agency `tenantId` to `sizes`. Returns the ids the lists are read for. */
export async function growAgency(db: Db, tenantId: string, sizes: ListSizes, log: (s: string) => void) {
  await db.execute(sql`select setseed(0.42)`);
  const t = () => performance.now();
  let t0 = t();
  const step = (name: string) => {
    log(`  ${name}: ${((t() - t0) / 1000).toFixed(1)} s`);
    t0 = t();
  };

  // People: the demo's staff, then more in its divisions and offices (leaf-ish units), staff role each.
  const { n: existing } = await one<{ n: number }>(
    db,
    sql`select count(*)::int as n from people where tenant_id = ${tenantId}`,
  );
  await db.execute(sql`
    create unlogged table bench_units as
      select row_number() over (order by path) as n, id, path from org_units
      where tenant_id = ${tenantId} and kind in ('division', 'office')`);
  const { n: units } = await one<{ n: number }>(db, sql`select count(*)::int as n from bench_units`);
  const more = Math.max(0, sizes.people - existing);
  await db.execute(sql`
    insert into people (tenant_id, staff_no, name, kana, email, unit_id, employment_type, status)
    select ${tenantId}, 'L' || lpad(g::text, 7, '0'), '職員' || g, 'しょくいん' || g,
      'l' || lpad(g::text, 7, '0') || '@demo.go.jp',
      (select id from bench_units where n = 1 + (hashint4(g) & 2147483647) % ${units}),
      case when g % 10 = 0 then 'part_time' else 'regular' end,
      case when g % 97 = 0 then 'long_leave' when g % 211 = 0 then 'left' else 'active' end
    from generate_series(1, ${more}) g`);
  await db.execute(sql`
    insert into role_assignments (tenant_id, person_id, role_id, unit_id)
    select p.tenant_id, p.id, r.id, p.unit_id from people p
      join roles r on r.tenant_id = p.tenant_id and r.key = 'staff'
    where p.tenant_id = ${tenantId} and p.staff_no like 'L%'`);
  step(`people +${more.toLocaleString('en-US')}`);

  // Every person numbered, for picking owners and recipients by arithmetic.
  await db.execute(sql`
    create unlogged table bench_people as
      select row_number() over (order by md5(p.id::text)) as n, p.id, p.unit_id, p.name, p.email, u.path,
        u.parent_id
      from people p join org_units u on u.id = p.unit_id
      where p.tenant_id = ${tenantId} and p.status <> 'left'`);
  await db.execute(sql`create unique index on bench_people (n)`);
  await db.execute(sql`analyze bench_people`);
  const { n: pcount } = await one<{ n: number }>(db, sql`select count(*)::int as n from bench_people`);

  // Register entries: owned by a person in their unit; 機密性3 (about 1 in 5) with an access scope naming
  // another person and the parent unit, as a division would; mostly confirmed, some proposed or archived.
  const { policy } = await one<{ policy: string }>(
    db,
    sql`select coalesce((select policy_id from classification_entries where tenant_id = ${tenantId} limit 1), 'unified-5th') as policy`,
  );
  const entries = Math.max(0, sizes.entries);
  await db.execute(sql`
    insert into classification_entries (tenant_id, unit_id, policy_id, title, description, owner_person_id,
      form, storage_location, confidentiality, integrity, availability, scope_restricted, status,
      review_due_on, proposed_by, proposed_at, confirmed_at, updated_at, created_at)
    select ${tenantId}, p.unit_id, ${policy}, '文書' || g || ' ' || (array['予算','人事','調達','契約','会議','報告'])[1 + g % 6],
      '', p.id, (array['paper','electronic','both'])[1 + g % 3], '共有フォルダ',
      case when g % 5 = 0 then 3 when g % 5 in (1, 2) then 2 else 1 end, 2, 2, g % 5 = 0,
      case when g % 50 = 0 then 'proposed' when g % 31 = 0 then 'archived' else 'confirmed' end,
      date '2026-04-01' + (g % 730), p.id,
      ts, case when g % 50 = 0 then null else ts end, ts, ts
    from generate_series(1, ${entries}) g
      join bench_people p on p.n = 1 + (hashint4(g) & 2147483647) % ${pcount}
      cross join lateral (select timestamptz '2022-04-01' + (g % 1400) * interval '1 day' + (g % 997) * interval '1 minute' as ts) x`);
  step(`register entries ${entries.toLocaleString('en-US')}`);
  await db.execute(sql`
    insert into classification_entry_access (entry_id, person_id, unit_id)
    select e.id, p.id, null from classification_entries e
      join bench_people p on p.n = 1 + (hashint4(hashtext(e.id::text)) & 2147483647) % ${pcount}
    where e.tenant_id = ${tenantId} and e.scope_restricted and e.title like '文書%'
    union all
    select e.id, null, coalesce(u.parent_id, u.id) from classification_entries e join org_units u on u.id = e.unit_id
    where e.tenant_id = ${tenantId} and e.scope_restricted and e.title like '文書%'`);
  step('access scopes');

  // Two drills (the previous round and the current one) of `recipients` people each, with events.
  const { id: template } = await one<{ id: string }>(
    db,
    sql`select id from drills where tenant_id = ${tenantId} order by created_at limit 1`,
  );
  const copyDrill = async (title: string, at: string) =>
    (
      await one<{ id: string }>(
        db,
        sql`insert into drills select (jsonb_populate_record(null::drills, to_jsonb(d) || jsonb_build_object(
          'id', gen_random_uuid(), 'title', ${title}::text, 'created_at', ${at}::timestamptz))).*
        from drills d where d.id = ${template} returning id`,
      )
    ).id;
  const previousDrillId = await copyDrill('ベンチ訓練（前回）', '2025-10-01T01:00:00Z');
  const drillId = await copyDrill('ベンチ訓練', '2026-10-01T01:00:00Z');
  const n = Math.min(sizes.recipients, pcount);
  for (const [id, at, shift] of [
    [previousDrillId, '2025-10-06T01:00:00Z', 0],
    [drillId, '2026-10-05T01:00:00Z', 7],
  ] as const) {
    await db.execute(sql`
      insert into drill_recipients (drill_id, tenant_id, person_id, name, email, unit_id, unit_path, role_keys,
        state, sent_at, message_id)
      select ${id}, ${tenantId}, p.id, p.name, coalesce(p.email, 'x@demo.go.jp'), p.unit_id, p.path, '["staff"]'::jsonb,
        case when p.n % 301 = 0 then 'failed' else 'sent' end, ${at}::timestamptz + (p.n % 3600) * interval '1 second',
        'bench-' || ${id}::text || '-' || p.n
      from bench_people p where (p.n + ${shift}) % ${pcount} < ${n}`);
    // Events: 30 % see the image, 10 % click, 3 % open the attachment, 8 % report; 1 in 10 clicks a scanner's.
    await db.execute(sql`
      insert into drill_events (drill_id, recipient_id, kind, at, flags, flagged, method, user_agent)
      select r.drill_id, r.id, k.kind, r.sent_at + (r.id % 7200) * interval '1 second',
        case when k.kind = 'click' and r.id % 10 = 0 then '["scanner_ua"]'::jsonb else '[]'::jsonb end,
        k.kind = 'click' and r.id % 10 = 0, 'GET', 'Mozilla/5.0'
      from drill_recipients r
        join (values ('open', 30, 1), ('click', 10, 2), ('attachment', 3, 3), ('report', 8, 4)) k(kind, pct, salt)
          on abs(hashint8(r.id * 8 + k.salt)) % 100 < k.pct
      where r.drill_id = ${id} and r.state = 'sent'`);
  }
  step(`drills 2 × ${n.toLocaleString('en-US')} recipients + events`);

  // The all-staff course, assigned to everyone for FY2024–FY2026 (a recurring course; the demo's own
  // assignments stay); completions
  // 96 % and 93 % for the past years, 55 % so far this year, some of them offline.
  const { id: courseId } = await one<{ id: string }>(
    db,
    sql`select id from training_courses where tenant_id = ${tenantId} and status = 'published' order by created_at limit 1`,
  );
  for (const [fy, pct] of [
    [2024, 96],
    [2025, 93],
    [2026, 55],
  ] as const) {
    await db.execute(sql`
      insert into training_assignments (tenant_id, course_id, person_id, fiscal_year, assigned_at, due_on,
        source_kind, completed_at, completed_via)
      select ${tenantId}, ${courseId}, p.id, ${fy}, make_timestamptz(${fy}, 4, 1, 0, 0, 0, 'Asia/Tokyo'),
        make_date(${fy}, 9, 30), 'rule',
        case when (hashint8(p.n + ${fy}) & 127) * 100 < ${pct} * 128
          then make_timestamptz(${fy}, 4, 2, 0, 0, 0, 'Asia/Tokyo') + (p.n % 150) * interval '1 day' end,
        case when (hashint8(p.n + ${fy}) & 127) * 100 < ${pct} * 128
          then (case when p.n % 40 = 0 then 'offline' else 'test' end) end
      from bench_people p
      where not exists (select 1 from training_assignments x
        where x.course_id = ${courseId} and x.person_id = p.id and x.fiscal_year = ${fy})`);
  }
  step(`training 3 years × ${pcount.toLocaleString('en-US')} assignments`);

  await db.execute(sql`drop table bench_people`);
  await db.execute(sql`drop table bench_units`);
  await db.execute(sql`vacuum analyze`);
  step('vacuum analyze');
  const counts: Record<string, number> = {};
  for (const table of [
    'people',
    'classification_entries',
    'classification_entry_access',
    'drill_recipients',
    'drill_events',
    'training_assignments',
  ])
    counts[table] = (
      await one<{ n: number }>(db, sql`select count(*)::int as n from ${sql.identifier(table)}`)
    ).n;
  return { drillId, previousDrillId, courseId, counts } satisfies Seeded;
}
