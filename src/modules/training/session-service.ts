import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { instantInJapan } from '../../lib/dates.js';
import { readTable, TableError } from '../../lib/tabular.js';
import type { ActorCtx } from '../../server/context.js';
import { AppError, importInvalid } from '../../server/errors.js';
import { authorize, inScope } from '../../server/policy.js';
import { recordAudit } from '../audit/service.js';
import { orgUnits, people } from '../org/schema.js';
import { completeOpenAssignments } from './assignment-service.js';
import { loadCourse } from './course-service.js';
import { trainingAttendance, trainingSessions } from './schema.js';
import type { SessionDetailOut, SessionOut } from './validation.js';

type SessionRow = typeof trainingSessions.$inferSelect;

async function counts(db: Db, sessionIds: string[]) {
  const m = new Map(sessionIds.map((id) => [id, { attended: 0, absent: 0 }]));
  if (sessionIds.length === 0) return m;
  const rows = await db
    .select({
      id: trainingAttendance.sessionId,
      attended: sql<number>`count(*) filter (where ${trainingAttendance.attended})::int`,
      absent: sql<number>`count(*) filter (where not ${trainingAttendance.attended})::int`,
    })
    .from(trainingAttendance)
    .where(inArray(trainingAttendance.sessionId, sessionIds))
    .groupBy(trainingAttendance.sessionId);
  for (const r of rows) m.set(r.id, { attended: r.attended, absent: r.absent });
  return m;
}

function present(s: SessionRow, n: { attended: number; absent: number }): SessionOut {
  return { id: s.id, courseId: s.courseId, heldOn: s.heldOn, place: s.place, note: s.note, ...n };
}

export async function listSessions(ctx: ActorCtx, courseId: string) {
  authorize(ctx.actor, 'training.manage');
  await loadCourse(ctx.db, ctx.actor.tenantId, courseId);
  const rows = await ctx.db
    .select()
    .from(trainingSessions)
    .where(eq(trainingSessions.courseId, courseId))
    .orderBy(desc(trainingSessions.heldOn));
  const n = await counts(
    ctx.db,
    rows.map((r) => r.id),
  );
  return { items: rows.map((r) => present(r, n.get(r.id)!)) };
}

export async function createSession(
  ctx: ActorCtx,
  courseId: string,
  body: { heldOn: string; place: string; note: string },
) {
  authorize(ctx.actor, 'training.manage');
  return ctx.db.transaction(async (tx) => {
    const c = await loadCourse(tx, ctx.actor.tenantId, courseId);
    const [s] = await tx
      .insert(trainingSessions)
      .values({ tenantId: c.tenantId, courseId, ...body })
      .returning();
    await recordAudit(tx, ctx, {
      action: 'training.session_create',
      tenantId: c.tenantId,
      targetId: s!.id,
      after: { courseId, ...body },
    });
    return present(s!, { attended: 0, absent: 0 });
  });
}

async function loadSession(db: Db, tenantId: string, id: string) {
  const [s] = await db
    .select()
    .from(trainingSessions)
    .where(and(eq(trainingSessions.id, id), eq(trainingSessions.tenantId, tenantId)));
  if (!s) throw new AppError('not_found');
  return s;
}

/** The session with the attendance of the people within the caller's training.manage scope. */
export async function getSession(ctx: ActorCtx, id: string): Promise<SessionDetailOut> {
  authorize(ctx.actor, 'training.manage');
  const s = await loadSession(ctx.db, ctx.actor.tenantId, id);
  const rows = await ctx.db
    .select({
      personId: people.id,
      staffNo: people.staffNo,
      name: people.name,
      unitName: orgUnits.nameJa,
      attended: trainingAttendance.attended,
    })
    .from(trainingAttendance)
    .innerJoin(people, eq(people.id, trainingAttendance.personId))
    .innerJoin(orgUnits, eq(orgUnits.id, people.unitId))
    .where(and(eq(trainingAttendance.sessionId, id), inScope(ctx.actor, 'training.manage', orgUnits.path)))
    .orderBy(asc(people.staffNo));
  const n = await counts(ctx.db, [id]);
  return { ...present(s, n.get(id)!), attendance: rows };
}

/**
 * Records attendance; attending completes the person's open assignment of the course (completedVia
 * 'classroom', on the session's day). Marking someone absent later does not undo a completion.
 */
async function writeAttendance(
  tx: Db,
  s: SessionRow,
  entries: { personId: string; attended: boolean }[],
): Promise<{ recorded: number; attended: number; absent: number; completed: number }> {
  const now = new Date();
  for (let i = 0; i < entries.length; i += 1000) {
    const chunk = entries.slice(i, i + 1000);
    await tx
      .insert(trainingAttendance)
      .values(
        chunk.map((e) => ({ sessionId: s.id, personId: e.personId, attended: e.attended, recordedAt: now })),
      )
      .onConflictDoUpdate({
        target: [trainingAttendance.sessionId, trainingAttendance.personId],
        set: { attended: sql`excluded.attended`, recordedAt: now },
      });
  }
  const present = entries.filter((e) => e.attended).map((e) => e.personId);
  let completed = 0;
  for (let i = 0; i < present.length; i += 1000) {
    const done = await completeOpenAssignments(tx, {
      courseId: s.courseId,
      personIds: present.slice(i, i + 1000),
      at: instantInJapan(s.heldOn, 12),
      via: 'classroom',
    });
    completed += done.length;
  }
  return {
    recorded: entries.length,
    attended: present.length,
    absent: entries.length - present.length,
    completed,
  };
}

export async function recordAttendance(
  ctx: ActorCtx,
  sessionId: string,
  entries: { personId: string; attended: boolean }[],
) {
  authorize(ctx.actor, 'training.manage');
  return ctx.db.transaction(async (tx) => {
    const s = await loadSession(tx, ctx.actor.tenantId, sessionId);
    const ids = [...new Set(entries.map((e) => e.personId))];
    if (ids.length !== entries.length) {
      throw new AppError('bad_request', {
        detail: { ja: '同じ職員が2回指定されています。', en: 'A person is listed twice.' },
      });
    }
    const found = await tx
      .select({ id: people.id })
      .from(people)
      .innerJoin(orgUnits, eq(orgUnits.id, people.unitId))
      .where(
        and(
          eq(people.tenantId, ctx.actor.tenantId),
          inArray(people.id, ids),
          inScope(ctx.actor, 'training.manage', orgUnits.path),
        ),
      );
    if (found.length !== ids.length) throw new AppError('not_found');
    const result = await writeAttendance(tx, s, entries);
    await recordAudit(tx, ctx, {
      action: 'training.attendance_record',
      tenantId: s.tenantId,
      targetId: s.id,
      after: { ...result, entries: entries.length <= 50 ? entries : undefined },
    });
    return result;
  });
}

export const ATTENDANCE_HEADER_ALIASES: Record<string, string> = {
  職員番号: 'staff_no',
  氏名: 'name',
  出欠: 'attended',
  出席: 'attended',
};
const YES = new Set(['1', 'true', 'yes', 'y', '出席', '○', '〇', '◯', '済']);
const NO = new Set(['0', 'false', 'no', 'n', '欠席', '×', '✕', '-', '']);

/**
 * Attendance from a sheet with columns staff_no (職員番号) and attended (出欠: 出席/欠席, ○/×, 1/0).
 * Any bad row rejects the whole file, every error listed by line and column; dryRun changes nothing.
 */
export async function importAttendance(ctx: ActorCtx, sessionId: string, file: Buffer, dryRun: boolean) {
  authorize(ctx.actor, 'training.manage');
  await loadSession(ctx.db, ctx.actor.tenantId, sessionId);
  let table: Awaited<ReturnType<typeof readTable>>;
  try {
    table = await readTable(file, ATTENDANCE_HEADER_ALIASES);
  } catch (e) {
    if (e instanceof TableError)
      throw importInvalid([{ line: 1, column: '-', reason: { ja: e.message, en: e.message } }]);
    throw e;
  }
  return ctx.db.transaction(async (tx) => {
    const s = await loadSession(tx, ctx.actor.tenantId, sessionId);
    const errors: { line: number; column: string; reason: { ja: string; en: string } }[] = [];
    for (const col of ['staff_no', 'attended']) {
      if (!table.header.includes(col)) {
        errors.push({
          line: 1,
          column: col,
          reason: { ja: `必須の列「${col}」がありません`, en: `required column "${col}" is missing` },
        });
      }
    }
    if (errors.length) throw importInvalid(errors);
    const staffNos = [...new Set(table.rows.map((r) => (r.values.staff_no ?? '').trim()).filter(Boolean))];
    const known = new Map<string, string>();
    for (let i = 0; i < staffNos.length; i += 1000) {
      const rows = await tx
        .select({ id: people.id, staffNo: people.staffNo })
        .from(people)
        .innerJoin(orgUnits, eq(orgUnits.id, people.unitId))
        .where(
          and(
            eq(people.tenantId, ctx.actor.tenantId),
            inArray(people.staffNo, staffNos.slice(i, i + 1000)),
            inScope(ctx.actor, 'training.manage', orgUnits.path),
          ),
        );
      for (const r of rows) known.set(r.staffNo, r.id);
    }
    const seen = new Map<string, number>();
    const entries: { personId: string; attended: boolean }[] = [];
    for (const row of table.rows) {
      const no = (row.values.staff_no ?? '').trim();
      const mark = (row.values.attended ?? '').trim().toLowerCase();
      let ok = true;
      if (!no) {
        errors.push({
          line: row.line,
          column: 'staff_no',
          reason: { ja: '職員番号がありません', en: 'staff number is empty' },
        });
        ok = false;
      } else if (!known.has(no)) {
        errors.push({
          line: row.line,
          column: 'staff_no',
          reason: {
            ja: `職員番号「${no}」の職員が見つかりません`,
            en: `no staff member with number "${no}"`,
          },
        });
        ok = false;
      } else if (seen.has(no)) {
        errors.push({
          line: row.line,
          column: 'staff_no',
          reason: {
            ja: `職員番号「${no}」が${seen.get(no)}行目と重複しています`,
            en: `staff number "${no}" repeats line ${seen.get(no)}`,
          },
        });
        ok = false;
      }
      if (!YES.has(mark) && !NO.has(mark)) {
        errors.push({
          line: row.line,
          column: 'attended',
          reason: {
            ja: '出欠は「出席」か「欠席」（○/×、1/0）で入力してください',
            en: 'attended must be 出席/欠席, ○/× or 1/0',
          },
        });
        ok = false;
      }
      if (no && !seen.has(no)) seen.set(no, row.line);
      if (ok) entries.push({ personId: known.get(no)!, attended: YES.has(mark) });
    }
    if (errors.length) throw importInvalid(errors);
    if (table.rows.length === 0) {
      throw importInvalid([
        { line: 2, column: 'staff_no', reason: { ja: '行がありません', en: 'the file has no rows' } },
      ]);
    }
    if (dryRun) {
      const attended = entries.filter((e) => e.attended).length;
      return {
        dryRun: true,
        rows: table.rows.length,
        recorded: 0,
        attended,
        absent: entries.length - attended,
        completed: 0,
      };
    }
    const result = await writeAttendance(tx, s, entries);
    await recordAudit(tx, ctx, {
      action: 'training.attendance_import',
      tenantId: s.tenantId,
      targetId: s.id,
      after: { rows: table.rows.length, ...result },
    });
    return { dryRun: false, rows: table.rows.length, ...result };
  });
}
