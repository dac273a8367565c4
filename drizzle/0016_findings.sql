CREATE TABLE "classification_entry_systems" (
	"tenant_id" uuid NOT NULL,
	"entry_id" uuid NOT NULL,
	"system_id" uuid NOT NULL
);
--> statement-breakpoint
CREATE TABLE "system_finding_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"finding_id" uuid NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_id" uuid,
	"action" text NOT NULL,
	"from_status" text,
	"to_status" text,
	"note" text DEFAULT '' NOT NULL,
	"import_id" uuid
);
--> statement-breakpoint
CREATE TABLE "system_finding_imports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"source" text NOT NULL,
	"file_name" text NOT NULL,
	"probe_run_id" uuid,
	"summary" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"imported_by" uuid,
	"imported_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "system_finding_policies" (
	"tenant_id" uuid PRIMARY KEY NOT NULL,
	"high_days" integer NOT NULL,
	"medium_days" integer NOT NULL,
	"low_days" integer NOT NULL,
	"info_days" integer NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid
);
--> statement-breakpoint
CREATE TABLE "system_findings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"system_id" uuid NOT NULL,
	"host_id" uuid,
	"host_label" text DEFAULT '' NOT NULL,
	"source" text NOT NULL,
	"match_key" text NOT NULL,
	"title" text NOT NULL,
	"band" text NOT NULL,
	"cvss_score" real,
	"cvss_vector" text,
	"description" text DEFAULT '' NOT NULL,
	"recommendation" text DEFAULT '' NOT NULL,
	"evidence" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"found_on" date NOT NULL,
	"target_date" date NOT NULL,
	"owner_id" uuid,
	"status" text DEFAULT 'open' NOT NULL,
	"retest" text,
	"retested_on" date,
	"accepted_reason" text,
	"fixed_on" date,
	"closed_on" date,
	"last_import_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "handling_request_steps" ADD COLUMN "assignee_person_id" uuid;--> statement-breakpoint
ALTER TABLE "handling_requests" ADD COLUMN "system_id" uuid;--> statement-breakpoint
ALTER TABLE "classification_entry_systems" ADD CONSTRAINT "classification_entry_systems_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "classification_entry_systems" ADD CONSTRAINT "classification_entry_systems_entry_id_classification_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."classification_entries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "classification_entry_systems" ADD CONSTRAINT "classification_entry_systems_system_id_systems_id_fk" FOREIGN KEY ("system_id") REFERENCES "public"."systems"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "system_finding_events" ADD CONSTRAINT "system_finding_events_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "system_finding_events" ADD CONSTRAINT "system_finding_events_finding_id_system_findings_id_fk" FOREIGN KEY ("finding_id") REFERENCES "public"."system_findings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "system_finding_events" ADD CONSTRAINT "system_finding_events_actor_id_accounts_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "system_finding_events" ADD CONSTRAINT "system_finding_events_import_id_system_finding_imports_id_fk" FOREIGN KEY ("import_id") REFERENCES "public"."system_finding_imports"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "system_finding_imports" ADD CONSTRAINT "system_finding_imports_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "system_finding_imports" ADD CONSTRAINT "system_finding_imports_probe_run_id_system_probe_runs_id_fk" FOREIGN KEY ("probe_run_id") REFERENCES "public"."system_probe_runs"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "system_finding_imports" ADD CONSTRAINT "system_finding_imports_imported_by_accounts_id_fk" FOREIGN KEY ("imported_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "system_finding_policies" ADD CONSTRAINT "system_finding_policies_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "system_finding_policies" ADD CONSTRAINT "system_finding_policies_updated_by_accounts_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "system_findings" ADD CONSTRAINT "system_findings_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "system_findings" ADD CONSTRAINT "system_findings_system_id_systems_id_fk" FOREIGN KEY ("system_id") REFERENCES "public"."systems"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "system_findings" ADD CONSTRAINT "system_findings_host_id_system_hosts_id_fk" FOREIGN KEY ("host_id") REFERENCES "public"."system_hosts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "system_findings" ADD CONSTRAINT "system_findings_owner_id_people_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "system_findings" ADD CONSTRAINT "system_findings_last_import_id_system_finding_imports_id_fk" FOREIGN KEY ("last_import_id") REFERENCES "public"."system_finding_imports"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "classification_entry_systems_pk" ON "classification_entry_systems" USING btree ("entry_id","system_id");--> statement-breakpoint
CREATE INDEX "classification_entry_systems_system" ON "classification_entry_systems" USING btree ("system_id");--> statement-breakpoint
CREATE INDEX "system_finding_events_finding" ON "system_finding_events" USING btree ("finding_id","at");--> statement-breakpoint
CREATE INDEX "system_finding_imports_tenant" ON "system_finding_imports" USING btree ("tenant_id","imported_at");--> statement-breakpoint
CREATE UNIQUE INDEX "system_findings_match" ON "system_findings" USING btree ("tenant_id","match_key");--> statement-breakpoint
CREATE INDEX "system_findings_system" ON "system_findings" USING btree ("system_id","status");--> statement-breakpoint
CREATE INDEX "system_findings_tenant_status" ON "system_findings" USING btree ("tenant_id","status","target_date");--> statement-breakpoint
ALTER TABLE "handling_request_steps" ADD CONSTRAINT "handling_request_steps_assignee_person_id_people_id_fk" FOREIGN KEY ("assignee_person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "handling_requests" ADD CONSTRAINT "handling_requests_system_id_systems_id_fk" FOREIGN KEY ("system_id") REFERENCES "public"."systems"("id") ON DELETE no action ON UPDATE no action;