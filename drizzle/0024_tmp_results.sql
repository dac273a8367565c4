ALTER TABLE "campaign_members" ADD COLUMN "several" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "selfcheck_counters" ADD COLUMN "members" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "selfcheck_counters" ADD COLUMN "in_scope" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX "campaign_members_flagged" ON "campaign_members" USING btree ("campaign_id") WHERE "campaign_members"."several";