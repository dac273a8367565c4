import { sql } from 'drizzle-orm';
import { index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { orgUnits, people, tenants } from '../modules/org/schema.js';

export const MAIL_SEND_STATUSES = ['pending', 'sending', 'sent', 'failed'] as const;
export type MailSendStatus = (typeof MAIL_SEND_STATUSES)[number];

/**
 * One row per mail of a batch (reminders, notices): the unique (purpose, occasion, recipient) key is
 * claimed (pending → sending) before the mail goes out, so a retried or concurrent run mails nobody
 * twice; failures keep their reason for the office (mail-batch.ts).
 */
export const mailSends = pgTable(
  'mail_sends',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    /** What the mail is for: 'selfcheck.remind', 'training.notice', … (decides who may see failures). */
    purpose: text('purpose').notNull(),
    /** Which run of that purpose: a campaign and request time, a course and threshold, an entry and due date. */
    occasion: text('occasion').notNull(),
    /** Who within the occasion (a person or assignment id). */
    recipientKey: text('recipient_key').notNull(),
    personId: uuid('person_id').references(() => people.id, { onDelete: 'set null' }),
    /** The unit the mail concerns (a member's unit, an entry's unit): scopes who may see a failure. */
    unitId: uuid('unit_id').references(() => orgUnits.id, { onDelete: 'set null' }),
    /** Name and address as they were when the mail was queued. */
    recipientName: text('recipient_name'),
    email: text('email'),
    subject: text('subject').notNull(),
    status: text('status', { enum: MAIL_SEND_STATUSES }).notNull().default('pending'),
    claimedBy: text('claimed_by'),
    claimedAt: timestamp('claimed_at', { withTimezone: true }),
    attempts: integer('attempts').notNull().default(0),
    error: text('error'),
    messageId: text('message_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('mail_sends_key').on(t.purpose, t.occasion, t.recipientKey),
    index('mail_sends_failed').on(t.tenantId, t.finishedAt).where(sql`status = 'failed'`),
    index('mail_sends_stale').on(t.claimedAt).where(sql`status = 'sending'`),
  ],
);
