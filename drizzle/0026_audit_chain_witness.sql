DROP INDEX "audit_events_tenant_at";--> statement-breakpoint
ALTER TABLE "audit_events" ADD COLUMN "witness" bigint[];--> statement-breakpoint
CREATE INDEX "audit_events_tenant_at" ON "audit_events" USING btree ("tenant_id","at","id");