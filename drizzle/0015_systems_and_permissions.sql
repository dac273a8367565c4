CREATE TABLE "system_certificates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"system_id" uuid NOT NULL,
	"host_id" uuid,
	"subject" text NOT NULL,
	"issuer" text DEFAULT '' NOT NULL,
	"not_after" timestamp with time zone,
	"key_type" text,
	"key_bits" integer,
	"signature_algorithm" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "system_changes" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"system_id" uuid NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_id" uuid,
	"action" text NOT NULL,
	"changes" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "system_hosts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"system_id" uuid NOT NULL,
	"role" text NOT NULL,
	"name" text NOT NULL,
	"addresses" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"domains" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"probe_opt_in" boolean DEFAULT false NOT NULL,
	"probe_ports" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "system_probe_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"system_id" uuid NOT NULL,
	"host_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"target" text NOT NULL,
	"result" jsonb,
	"error" text,
	"requested_by" uuid,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "system_software" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"system_id" uuid NOT NULL,
	"host_id" uuid,
	"vendor" text NOT NULL,
	"product" text NOT NULL,
	"version" text DEFAULT '' NOT NULL,
	"vendor_key" text NOT NULL,
	"product_key" text NOT NULL,
	"cpe" text,
	"end_of_support" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "systems" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"purpose" text DEFAULT '' NOT NULL,
	"unit_id" uuid NOT NULL,
	"maintenance_unit_id" uuid,
	"security_officer_id" uuid,
	"administrator_id" uuid,
	"contractor" text DEFAULT '' NOT NULL,
	"lifecycle" text DEFAULT 'operating' NOT NULL,
	"internet_facing" boolean DEFAULT false NOT NULL,
	"max_classification" text,
	"cloud" jsonb DEFAULT '{"used":false,"confidentialData":false,"storedInJapan":null,"contractTerms":""}'::jsonb NOT NULL,
	"bcp_status" text DEFAULT 'none' NOT NULL,
	"reviewed_on" date,
	"reviewed_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "system_certificates" ADD CONSTRAINT "system_certificates_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "system_certificates" ADD CONSTRAINT "system_certificates_system_id_systems_id_fk" FOREIGN KEY ("system_id") REFERENCES "public"."systems"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "system_certificates" ADD CONSTRAINT "system_certificates_host_id_system_hosts_id_fk" FOREIGN KEY ("host_id") REFERENCES "public"."system_hosts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "system_changes" ADD CONSTRAINT "system_changes_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "system_changes" ADD CONSTRAINT "system_changes_system_id_systems_id_fk" FOREIGN KEY ("system_id") REFERENCES "public"."systems"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "system_changes" ADD CONSTRAINT "system_changes_actor_id_accounts_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "system_hosts" ADD CONSTRAINT "system_hosts_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "system_hosts" ADD CONSTRAINT "system_hosts_system_id_systems_id_fk" FOREIGN KEY ("system_id") REFERENCES "public"."systems"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "system_probe_runs" ADD CONSTRAINT "system_probe_runs_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "system_probe_runs" ADD CONSTRAINT "system_probe_runs_system_id_systems_id_fk" FOREIGN KEY ("system_id") REFERENCES "public"."systems"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "system_probe_runs" ADD CONSTRAINT "system_probe_runs_host_id_system_hosts_id_fk" FOREIGN KEY ("host_id") REFERENCES "public"."system_hosts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "system_probe_runs" ADD CONSTRAINT "system_probe_runs_requested_by_accounts_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "system_software" ADD CONSTRAINT "system_software_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "system_software" ADD CONSTRAINT "system_software_system_id_systems_id_fk" FOREIGN KEY ("system_id") REFERENCES "public"."systems"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "system_software" ADD CONSTRAINT "system_software_host_id_system_hosts_id_fk" FOREIGN KEY ("host_id") REFERENCES "public"."system_hosts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "systems" ADD CONSTRAINT "systems_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "systems" ADD CONSTRAINT "systems_unit_id_org_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "systems" ADD CONSTRAINT "systems_maintenance_unit_id_org_units_id_fk" FOREIGN KEY ("maintenance_unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "systems" ADD CONSTRAINT "systems_security_officer_id_people_id_fk" FOREIGN KEY ("security_officer_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "systems" ADD CONSTRAINT "systems_administrator_id_people_id_fk" FOREIGN KEY ("administrator_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "systems" ADD CONSTRAINT "systems_reviewed_by_accounts_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "system_certificates_system" ON "system_certificates" USING btree ("system_id");--> statement-breakpoint
CREATE INDEX "system_changes_system" ON "system_changes" USING btree ("system_id","at");--> statement-breakpoint
CREATE INDEX "system_hosts_system" ON "system_hosts" USING btree ("system_id");--> statement-breakpoint
CREATE INDEX "system_hosts_tenant_role" ON "system_hosts" USING btree ("tenant_id","role");--> statement-breakpoint
CREATE INDEX "system_probe_runs_host" ON "system_probe_runs" USING btree ("host_id","started_at");--> statement-breakpoint
CREATE INDEX "system_probe_runs_tenant_started" ON "system_probe_runs" USING btree ("tenant_id","started_at");--> statement-breakpoint
CREATE INDEX "system_software_system" ON "system_software" USING btree ("system_id");--> statement-breakpoint
CREATE INDEX "system_software_match" ON "system_software" USING btree ("tenant_id","vendor_key","product_key");--> statement-breakpoint
CREATE INDEX "system_software_cpe" ON "system_software" USING btree ("tenant_id","cpe");--> statement-breakpoint
CREATE UNIQUE INDEX "systems_tenant_code" ON "systems" USING btree ("tenant_id","code");--> statement-breakpoint
CREATE INDEX "systems_unit" ON "systems" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "systems_security_officer" ON "systems" USING btree ("security_officer_id");--> statement-breakpoint
CREATE INDEX "systems_administrator" ON "systems" USING btree ("administrator_id");--> statement-breakpoint
-- Agencies created before the systems, incident, audit, exception and vendor capabilities get their
-- permissions on the standard roles (new agencies get them from src/modules/roles/catalog.ts).
UPDATE roles SET permissions = permissions || '["system.view","incident.view","secaudit.approve","secaudit.view","exception.view","vendor.view"]'::jsonb
  WHERE key = 'ciso' AND NOT permissions ? 'system.view'
  AND tenant_id IN (SELECT id FROM tenants WHERE kind = 'agency');
--> statement-breakpoint
UPDATE roles SET permissions = permissions || '["system.view","system.manage","incident.handle","incident.view","secaudit.view","exception.view","vendor.manage","vendor.view"]'::jsonb
  WHERE key = 'chief_security_officer' AND NOT permissions ? 'system.view'
  AND tenant_id IN (SELECT id FROM tenants WHERE kind = 'agency');
--> statement-breakpoint
UPDATE roles SET permissions = permissions || '["system.view","incident.view","exception.approve","exception.view","vendor.view"]'::jsonb
  WHERE key = 'security_officer' AND NOT permissions ? 'system.view'
  AND tenant_id IN (SELECT id FROM tenants WHERE kind = 'agency');
--> statement-breakpoint
UPDATE roles SET permissions = permissions || '["system.view","incident.view","exception.view","vendor.view"]'::jsonb
  WHERE key = 'division_security_officer' AND NOT permissions ? 'system.view'
  AND tenant_id IN (SELECT id FROM tenants WHERE kind = 'agency');
--> statement-breakpoint
UPDATE roles SET permissions = permissions || '["system.view","incident.view","secaudit.manage","secaudit.view","exception.view","vendor.view"]'::jsonb
  WHERE key = 'audit_officer' AND NOT permissions ? 'system.view'
  AND tenant_id IN (SELECT id FROM tenants WHERE kind = 'agency');
--> statement-breakpoint
UPDATE roles SET permissions = permissions || '["system.view","system.manage","incident.handle","incident.view","secaudit.manage","secaudit.approve","secaudit.view","exception.approve","exception.view","vendor.manage","vendor.view"]'::jsonb
  WHERE key = 'mamoru_admin' AND NOT permissions ? 'system.view'
  AND tenant_id IN (SELECT id FROM tenants WHERE kind = 'agency');
--> statement-breakpoint
INSERT INTO roles (tenant_id, key, name_ja, name_en, standard_name, metric_group, permissions, description_ja, description_en, sort_order)
  SELECT t.id, 'csirt', 'CSIRT 要員', 'CSIRT Member', NULL, NULL,
    '["org.read","system.view","incident.handle","incident.view"]'::jsonb,
    '障害・事故等の報告を受け付け、対処の流れを進める府省庁 CSIRT の要員。',
    'Receives incident reports and runs the response flow for the agency CSIRT.', 95
  FROM tenants t WHERE t.kind = 'agency'
  ON CONFLICT (tenant_id, key) DO NOTHING;
