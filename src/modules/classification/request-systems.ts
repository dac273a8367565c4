// The ledger in handling requests: a step whose role is 情報システムセキュリティ責任者 goes to the security
// officer of the system named in the request (000 L749-751, 002 L283-295), never to whoever holds that
// role nearby. The ledger is reached only through systems/public.ts.
import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import type { ActorCtx } from '../../server/context.js';
import { AppError } from '../../server/errors.js';
import { orgUnits, people } from '../org/schema.js';
import { type SystemResponsibles, systemResponsibles } from '../systems/public.js';
import type { Recipient } from './register-access.js';
import { classificationEntrySystems } from './register-schema.js';

export const SYSTEM_OFFICER_ROLE = 'system_security_officer';

const unknownSystem = (path: string) =>
  new AppError('validation_failed', {
    errors: [
      {
        path,
        message: { ja: '台帳にない情報システムです。', en: 'No such information system in the ledger.' },
      },
    ],
  });

export interface NamedSystem extends SystemResponsibles {
  unitName: string;
}

/**
 * The system a request names, checked against the ledger (another agency's id is unknown, like a random
 * one). Required when a step needs the system's security officer.
 */
export async function namedSystem(
  ctx: ActorCtx,
  systemId: string | undefined,
  roleKeys: readonly string[],
): Promise<NamedSystem | null> {
  const needed = roleKeys.includes(SYSTEM_OFFICER_ROLE);
  if (!systemId) {
    if (!needed) return null;
    throw new AppError('validation_failed', {
      errors: [
        {
          path: 'body.systemId',
          message: {
            ja: '情報システムセキュリティ責任者の許可・届出が必要です。対象の情報システムを指定してください。',
            en: 'The information system security officer must permit or be told: name the system concerned.',
          },
        },
      ],
    });
  }
  const sys = (await systemResponsibles(ctx.db, ctx.actor.tenantId, [systemId])).get(systemId);
  if (!sys) throw unknownSystem('body.systemId');
  const [unit] = await ctx.db
    .select({ name: orgUnits.nameJa })
    .from(orgUnits)
    .where(eq(orgUnits.id, sys.unitId));
  return { ...sys, unitName: unit?.name ?? '' };
}

/** The step of the system's security officer, resolved to that one person. */
export function systemOfficerStep(
  sys: NamedSystem,
  q: { kind: 'permission' | 'notification'; roleKey: string; roleName: string },
) {
  if (!sys.securityOfficerId)
    throw new AppError('no_approver', {
      detail: {
        ja: `情報システム「${sys.name}」の情報システムセキュリティ責任者が台帳に登録されていません。`,
        en: `The ledger names no security officer for the system ${sys.code}.`,
      },
      extra: { roleKey: q.roleKey, roleName: q.roleName, systemId: sys.id },
    });
  return {
    kind: q.kind,
    roleKey: q.roleKey,
    roleName: `${q.roleName}（${sys.name}）`,
    unitId: sys.unitId,
    unitName: sys.unitName,
    holders: 1,
    assigneePersonId: sys.securityOfficerId,
  };
}

/** Who is told of a step: its assignee when it has one, else the role's holders. */
export async function assigneeRecipients(ctx: Pick<ActorCtx, 'db'>, personId: string): Promise<Recipient[]> {
  const rows = await ctx.db
    .select({ personId: people.id, name: people.name, email: people.email })
    .from(people)
    .where(eq(people.id, personId));
  return rows;
}

// --- Register entries: the systems that hold the information ----------------------------------------

/** Checks every id against the ledger of the tenant; an unknown or foreign id is refused naming its index. */
export async function checkEntrySystems(
  ctx: ActorCtx,
  systemIds: readonly string[],
  field = 'body.systemIds',
) {
  const unique = [...new Set(systemIds)];
  const found = await systemResponsibles(ctx.db, ctx.actor.tenantId, unique);
  const bad = systemIds.findIndex((id) => !found.has(id));
  if (bad >= 0) throw unknownSystem(`${field}.${bad}`);
  return unique;
}

export async function setEntrySystems(
  tx: Db,
  tenantId: string,
  entryId: string,
  systemIds: readonly string[],
) {
  await tx.delete(classificationEntrySystems).where(eq(classificationEntrySystems.entryId, entryId));
  if (systemIds.length)
    await tx
      .insert(classificationEntrySystems)
      .values(systemIds.map((systemId) => ({ tenantId, entryId, systemId })));
}

/** The systems of these entries, with code and name, for showing on the entry. */
export async function entrySystems(
  db: Db,
  tenantId: string,
  entryIds: readonly string[],
): Promise<Map<string, { id: string; code: string; name: string }[]>> {
  const out = new Map<string, { id: string; code: string; name: string }[]>();
  if (entryIds.length === 0) return out;
  const links = await db
    .select()
    .from(classificationEntrySystems)
    .where(
      and(
        eq(classificationEntrySystems.tenantId, tenantId),
        inArray(classificationEntrySystems.entryId, [...entryIds]),
      ),
    );
  const systems = await systemResponsibles(
    db,
    tenantId,
    links.map((l) => l.systemId),
  );
  for (const l of links) {
    const s = systems.get(l.systemId);
    if (!s) continue;
    const list = out.get(l.entryId) ?? [];
    list.push({ id: s.id, code: s.code, name: s.name });
    out.set(l.entryId, list);
  }
  for (const list of out.values()) list.sort((a, b) => a.code.localeCompare(b.code));
  return out;
}
