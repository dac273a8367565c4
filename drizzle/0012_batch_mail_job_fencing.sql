CREATE TABLE "mail_sends" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"purpose" text NOT NULL,
	"occasion" text NOT NULL,
	"recipient_key" text NOT NULL,
	"person_id" uuid,
	"unit_id" uuid,
	"recipient_name" text,
	"email" text,
	"subject" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"claimed_by" text,
	"claimed_at" timestamp with time zone,
	"attempts" integer DEFAULT 0 NOT NULL,
	"error" text,
	"message_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "recurring_jobs" ALTER COLUMN "every_seconds" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "jobs" ADD COLUMN "claim" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "jobs" ADD COLUMN "claimed_by" text;--> statement-breakpoint
ALTER TABLE "recurring_jobs" ADD COLUMN "cron" text;--> statement-breakpoint
ALTER TABLE "mail_sends" ADD CONSTRAINT "mail_sends_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mail_sends" ADD CONSTRAINT "mail_sends_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mail_sends" ADD CONSTRAINT "mail_sends_unit_id_org_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."org_units"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "mail_sends_key" ON "mail_sends" USING btree ("purpose","occasion","recipient_key");--> statement-breakpoint
CREATE INDEX "mail_sends_failed" ON "mail_sends" USING btree ("tenant_id","finished_at") WHERE status = 'failed';--> statement-breakpoint
CREATE INDEX "mail_sends_stale" ON "mail_sends" USING btree ("claimed_at") WHERE status = 'sending';--> statement-breakpoint
CREATE INDEX "jobs_finished" ON "jobs" USING btree ("status","finished_at");--> statement-breakpoint
-- Training reminders already sent (claimed in training_reminders) count as sent batch mail, so the upgrade mails nobody again.
INSERT INTO "mail_sends" ("tenant_id", "purpose", "occasion", "recipient_key", "person_id", "unit_id", "recipient_name", "email", "subject", "status", "finished_at")
SELECT a."tenant_id", 'training.remind', a."course_id"::text || ':' || r."threshold", a."id"::text, a."person_id", p."unit_id", p."name", p."email", '', 'sent', r."sent_at"
FROM "training_reminders" r JOIN "training_assignments" a ON a."id" = r."assignment_id" JOIN "people" p ON p."id" = a."person_id"
ON CONFLICT DO NOTHING;
