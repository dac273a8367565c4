CREATE SEQUENCE "public"."selfcheck_counters_version" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
ALTER TABLE "campaign_members" ADD COLUMN "several" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "selfcheck_counters" ADD COLUMN "members" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "selfcheck_counters" ADD COLUMN "in_scope" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "selfcheck_counters" ADD COLUMN "version" bigint DEFAULT nextval('selfcheck_counters_version') NOT NULL;--> statement-breakpoint
CREATE INDEX "campaign_members_flagged" ON "campaign_members" USING btree ("campaign_id") WHERE "campaign_members"."several";