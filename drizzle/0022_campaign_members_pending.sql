ALTER TABLE "campaigns" ADD COLUMN "members_pending" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "campaigns" ADD COLUMN "members_job_id" bigint;