ALTER TABLE "jobs" ADD COLUMN "tenant_id" uuid;--> statement-breakpoint
ALTER TABLE "jobs" ADD COLUMN "requested_by" uuid;--> statement-breakpoint
ALTER TABLE "jobs" ADD COLUMN "cancellable" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "jobs" ADD COLUMN "cancel_requested_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "jobs_tenant_created" ON "jobs" USING btree ("tenant_id","created_at");