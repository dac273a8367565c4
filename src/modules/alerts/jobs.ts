import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Ctx } from '../../server/context.js';
import { type AnyJob, defineJob } from '../../server/jobs/queue.js';
import { type BatchMail, sendBatch } from '../../server/mail-batch.js';
import { personContacts } from '../org/public.js';
import { holdersOfPermission } from '../roles/public.js';
import { forwardedMail, receivedMail } from './mail.js';
import { alertDeliveries, centralAlerts } from './schema.js';

/**
 * Mails the alert handlers (alert.handle) of every agency it was delivered to, each once per alert:
 * the occasion is the alert, the key the person, so a retry mails nobody twice.
 */
export const publishNoticeJob = defineJob({
  name: 'alerts.publish-notice',
  payload: z.object({ alertId: z.uuid() }),
  maxAttempts: 5,
  handler: async (ctx: Ctx, p, job) => {
    const [alert] = await ctx.db.select().from(centralAlerts).where(eq(centralAlerts.id, p.alertId));
    if (!alert || alert.withdrawnAt) return;
    const deliveries = await ctx.db
      .select()
      .from(alertDeliveries)
      .where(eq(alertDeliveries.alertId, p.alertId));
    let done = 0;
    for (const dl of deliveries) {
      const url = `${ctx.config.publicUrl}/alerts/${dl.id}`;
      const mails: BatchMail[] = (await holdersOfPermission(ctx.db, dl.tenantId, 'alert.handle')).map(
        (h) => ({
          key: h.personId,
          personId: h.personId,
          name: h.name,
          unitId: h.unitId,
          email: h.email,
          ...receivedMail(alert, h.name, url),
        }),
      );
      await sendBatch(
        ctx,
        { tenantId: dl.tenantId, purpose: 'alerts.publish-notice', occasion: p.alertId },
        mails,
        job,
      );
      done++;
      await job.progress({ done, total: deliveries.length });
    }
  },
});

/**
 * Mails the people an agency forwarded the alert to. Occasion: the delivery, key: the person — so each
 * person receives it once however often it is forwarded.
 */
export const forwardJob = defineJob({
  name: 'alerts.forward',
  payload: z.object({
    deliveryId: z.uuid(),
    recipients: z.array(z.object({ personId: z.uuid(), systems: z.array(z.string()) })),
  }),
  maxAttempts: 5,
  handler: async (ctx: Ctx, p, job) => {
    const [row] = await ctx.db
      .select({ dl: alertDeliveries, alert: centralAlerts })
      .from(alertDeliveries)
      .innerJoin(centralAlerts, eq(centralAlerts.id, alertDeliveries.alertId))
      .where(eq(alertDeliveries.id, p.deliveryId));
    if (!row) return;
    const systemsOf = new Map(p.recipients.map((r) => [r.personId, r.systems]));
    const people = await personContacts(ctx.db, row.dl.tenantId, [...systemsOf.keys()]);
    const mails: BatchMail[] = people
      .filter((x) => !x.left)
      .map((x) => ({
        key: x.personId,
        personId: x.personId,
        name: x.name,
        unitId: x.unitId,
        email: x.email,
        ...forwardedMail(row.alert, x.name, systemsOf.get(x.personId) ?? []),
      }));
    const res = await sendBatch(
      ctx,
      { tenantId: row.dl.tenantId, purpose: 'alerts.forward', occasion: p.deliveryId },
      mails,
      job,
    );
    await job.progress({
      done: mails.length,
      total: mails.length,
      note: `${res.sent} sent, ${res.failed} failed`,
    });
  },
});

export const MODULE_JOBS = [publishNoticeJob, forwardJob] as AnyJob[];
