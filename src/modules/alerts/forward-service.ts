import { eq } from 'drizzle-orm';
import type { ActorCtx } from '../../server/context.js';
import { AppError } from '../../server/errors.js';
import { enqueue } from '../../server/jobs/queue.js';
import { recordAudit } from '../audit/service.js';
import { personContacts } from '../org/public.js';
import { holdersOfRoles, tenantRoles } from '../roles/public.js';
import { type AffectedProduct, systemsUsingProducts } from '../systems/public.js';
import { ackIfNeeded, getDelivery, loadDelivery } from './inbox-service.js';
import { forwardJob } from './jobs.js';
import { systemRecipients } from './rules.js';
import { alertDeliveries as d } from './schema.js';

// Forwarding inside the agency (000 L839-845): an alert naming products goes to the people answering
// for the systems whose ledger software matches; otherwise (or as well) to the holders of chosen roles.

interface Recipient {
  personId: string;
  name: string;
  hasEmail: boolean;
  reason: 'system' | 'role';
  systems: string[];
}

async function plan(ctx: ActorCtx, products: AffectedProduct[], roleIds: string[]) {
  const tenantId = ctx.actor.tenantId;
  const systems = await systemsUsingProducts(ctx.db, tenantId, products);
  const systemsOf = new Map<string, string[]>();
  for (const s of systems) {
    for (const p of systemRecipients([s]))
      systemsOf.set(p, [...(systemsOf.get(p) ?? []), `${s.code} ${s.name}`]);
  }
  const owners = (await personContacts(ctx.db, tenantId, systemRecipients(systems))).filter((p) => !p.left);
  const byPerson = new Map<string, Recipient>();
  for (const p of owners) {
    byPerson.set(p.personId, {
      personId: p.personId,
      name: p.name,
      hasEmail: p.email !== null,
      reason: 'system',
      systems: systemsOf.get(p.personId) ?? [],
    });
  }
  for (const h of await holdersOfRoles(ctx.db, tenantId, roleIds)) {
    if (!byPerson.has(h.personId))
      byPerson.set(h.personId, {
        personId: h.personId,
        name: h.name,
        hasEmail: h.email !== null,
        reason: 'role',
        systems: [],
      });
  }
  return { systems, recipients: [...byPerson.values()] };
}

/** Who would receive it, shown before sending: the matched systems and each person once. */
export async function forwardPreview(ctx: ActorCtx, id: string, roleIds: string[]) {
  const r = await loadDelivery(ctx, id);
  const { systems, recipients } = await plan(ctx, r.a.products, roleIds);
  return {
    systems: systems.map((s) => ({ id: s.id, code: s.code, name: s.name, components: s.components })),
    recipients: recipients.map(({ systems: _s, ...p }) => p),
    roles: await tenantRoles(ctx.db, ctx.actor.tenantId),
  };
}

export async function forward(ctx: ActorCtx, id: string, roleIds: string[]) {
  const r = await loadDelivery(ctx, id);
  if (r.a.withdrawnAt) throw new AppError('invalid_state');
  const { recipients } = await plan(ctx, r.a.products, roleIds);
  if (recipients.length === 0) {
    throw new AppError('validation_failed', {
      errors: [
        {
          path: 'body.roleIds',
          message: {
            ja: '転送先がありません。該当するシステムがない場合は、役割を選んでください。',
            en: 'Nobody to forward to: choose roles when no system matches.',
          },
        },
      ],
    });
  }
  const forwardedTo = [...new Set([...r.d.forwardedTo, ...recipients.map((p) => p.personId)])];
  await ctx.db.transaction(async (tx) => {
    await tx
      .update(d)
      .set({ forwardedAt: new Date(), forwardedTo, ...ackIfNeeded(ctx, r) })
      .where(eq(d.id, id));
    await recordAudit(tx, ctx, {
      action: 'alert.forward',
      tenantId: ctx.actor.tenantId,
      targetId: id,
      after: { roleIds, recipients: recipients.map((p) => p.personId) },
    });
    await enqueue(tx, forwardJob, {
      deliveryId: id,
      recipients: recipients.map((p) => ({ personId: p.personId, systems: p.systems })),
    });
  });
  return { forwardedCount: (await getDelivery(ctx, id)).forwardedCount };
}
