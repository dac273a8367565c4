CREATE TABLE "classification_entry_systems" (
	"tenant_id" uuid NOT NULL,
	"entry_id" uuid NOT NULL,
	"system_id" uuid NOT NULL
);
--> statement-breakpoint
CREATE TABLE "security_exceptions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"requester_id" uuid NOT NULL,
	"clause" text NOT NULL,
	"catalog_item_id" text,
	"reason" text NOT NULL,
	"scope_people" text DEFAULT '' NOT NULL,
	"scope_systems" text DEFAULT '' NOT NULL,
	"scope_information" text DEFAULT '' NOT NULL,
	"from_on" date NOT NULL,
	"to_on" date NOT NULL,
	"measures" text NOT NULL,
	"state" text DEFAULT 'requested' NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"decision_note" text,
	"renews_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "incident_attachments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"incident_id" uuid NOT NULL,
	"filename" text NOT NULL,
	"content_type" text NOT NULL,
	"size" integer NOT NULL,
	"bytes" "bytea" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "incident_contact_checks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"title" text NOT NULL,
	"due_day" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "incident_contact_confirmations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"check_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"contact" text,
	"confirmed_at" timestamp with time zone,
	CONSTRAINT "incident_contact_confirmations_person" UNIQUE("check_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "incident_contact_drills" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"title" text NOT NULL,
	"message" text NOT NULL,
	"created_by" uuid,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "incident_contact_links" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"drill_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"person_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"acknowledged_at" timestamp with time zone,
	CONSTRAINT "incident_contact_links_token_hash_unique" UNIQUE("token_hash"),
	CONSTRAINT "incident_contact_links_person" UNIQUE("drill_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "incident_flows" (
	"tenant_id" uuid PRIMARY KEY NOT NULL,
	"steps" jsonb NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "incident_liaisons" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"incident_id" uuid NOT NULL,
	"direction" text NOT NULL,
	"counterpart" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"channel" text DEFAULT '' NOT NULL,
	"content" text NOT NULL,
	"recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "incident_steps" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"incident_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"key" text NOT NULL,
	"name_ja" text NOT NULL,
	"name_en" text NOT NULL,
	"resolver" text NOT NULL,
	"role_key" text,
	"holder_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"note" text,
	"done_at" timestamp with time zone,
	"done_by" uuid,
	CONSTRAINT "incident_steps_position" UNIQUE("incident_id","position")
);
--> statement-breakpoint
CREATE TABLE "incidents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"source" text NOT NULL,
	"reporter_person_id" uuid,
	"what" text NOT NULL,
	"when_text" text DEFAULT '' NOT NULL,
	"where_text" text DEFAULT '' NOT NULL,
	"contact" text DEFAULT '' NOT NULL,
	"discovered_at" timestamp with time zone,
	"state" text DEFAULT 'reported' NOT NULL,
	"title" text,
	"type" text,
	"severity" text,
	"personal_data" boolean,
	"system_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"register_entry_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"response" text,
	"prevention" text,
	"triaged_at" timestamp with time zone,
	"triaged_by" uuid,
	"closed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "secaudit_engagements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"plan_id" uuid NOT NULL,
	"fiscal_year" integer NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"unit_id" uuid NOT NULL,
	"auditor_kind" text NOT NULL,
	"auditor_name" text NOT NULL,
	"independence" text NOT NULL,
	"team_person_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"campaign_id" uuid,
	"system_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "secaudit_finding_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"finding_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"person_id" uuid,
	"note" text,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "secaudit_findings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"engagement_id" uuid NOT NULL,
	"fiscal_year" integer NOT NULL,
	"unit_id" uuid NOT NULL,
	"clause" text NOT NULL,
	"condition" text NOT NULL,
	"cause" text DEFAULT '' NOT NULL,
	"severity" text NOT NULL,
	"proposal" text DEFAULT '' NOT NULL,
	"state" text DEFAULT 'open' NOT NULL,
	"response" text,
	"response_plan" text,
	"due_on" date,
	"closed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "secaudit_milestones" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"plan_id" uuid NOT NULL,
	"step" text NOT NULL,
	"role_label" text NOT NULL,
	"responsible_id" uuid,
	"start_on" date,
	"due_on" date NOT NULL,
	"done_at" timestamp with time zone,
	"sort_order" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "secaudit_papers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"engagement_id" uuid NOT NULL,
	"finding_id" uuid,
	"filename" text NOT NULL,
	"content_type" text NOT NULL,
	"size" integer NOT NULL,
	"bytes" "bytea" NOT NULL,
	"uploaded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "secaudit_plan_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"policy" text NOT NULL,
	"targets" text NOT NULL,
	"methods" text NOT NULL,
	"criteria" text NOT NULL,
	"approved_by" uuid,
	"approved_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "secaudit_plans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"fiscal_year" integer NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"state" text DEFAULT 'draft' NOT NULL,
	"policy" text DEFAULT '' NOT NULL,
	"targets" text DEFAULT '' NOT NULL,
	"methods" text DEFAULT '' NOT NULL,
	"criteria" text DEFAULT '' NOT NULL,
	"approved_by" uuid,
	"approved_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "advisories" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"source" text NOT NULL,
	"tracking_id" text NOT NULL,
	"title" text NOT NULL,
	"summary" text DEFAULT '' NOT NULL,
	"published" date,
	"cves" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"cvss_vector" text,
	"cvss_score" real,
	"products" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"matched_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "advisory_policies" (
	"tenant_id" uuid PRIMARY KEY NOT NULL,
	"data" jsonb NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "advisory_responses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"advisory_id" uuid NOT NULL,
	"system_id" uuid NOT NULL,
	"components" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"reason" text DEFAULT '' NOT NULL,
	"target_date" date NOT NULL,
	"answered_by" uuid,
	"answered_at" timestamp with time zone,
	"notified_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
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
CREATE TABLE "inspection_answers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"target_id" uuid NOT NULL,
	"item_key" text NOT NULL,
	"status" text,
	"evidence" text DEFAULT '' NOT NULL,
	"evidence_file_name" text,
	"evidence_file_type" text,
	"evidence_file_bytes" "bytea",
	"probe_run_id" uuid,
	"probe_summary" text,
	"answered_by" text NOT NULL,
	"answered_account" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inspection_item_sets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"role" text NOT NULL,
	"name" text NOT NULL,
	"based_on" text,
	"items" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inspection_rounds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"name" text NOT NULL,
	"fiscal_year" integer NOT NULL,
	"reference_date" date NOT NULL,
	"due_on" date,
	"units" jsonb NOT NULL,
	"item_sets" jsonb NOT NULL,
	"previous_round_id" uuid,
	"status" text DEFAULT 'open' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "inspection_targets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"round_id" uuid NOT NULL,
	"host_id" uuid NOT NULL,
	"system_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"role" text NOT NULL,
	"host_name" text NOT NULL,
	"assignee_id" uuid,
	"notified_at" timestamp with time zone,
	"submitted_at" timestamp with time zone,
	"submitted_by" uuid
);
--> statement-breakpoint
CREATE TABLE "systems_settings" (
	"tenant_id" uuid PRIMARY KEY NOT NULL,
	"web_server_target" integer,
	"mail_server_target" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cloud_service_requests" (
	"request_id" uuid PRIMARY KEY NOT NULL,
	"service_id" uuid NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cloud_services" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"name" text NOT NULL,
	"provider" text NOT NULL,
	"url" text DEFAULT '' NOT NULL,
	"allowed_uses" text DEFAULT '' NOT NULL,
	"conditions" text DEFAULT '' NOT NULL,
	"max_confidentiality" integer DEFAULT 1 NOT NULL,
	"responsible_person_id" uuid,
	"named_by_person_id" uuid,
	"named_at" timestamp with time zone,
	"valid_from" date,
	"valid_to" date,
	"reconfirm_due" date,
	"last_confirmed_at" timestamp with time zone,
	"last_confirmed_by" uuid,
	"status" text DEFAULT 'active' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sns_account_managers" (
	"account_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	CONSTRAINT "sns_account_managers_account_id_person_id_pk" PRIMARY KEY("account_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "sns_accounts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"platform" text NOT NULL,
	"account_name" text NOT NULL,
	"url" text DEFAULT '' NOT NULL,
	"purpose" text DEFAULT '' NOT NULL,
	"checklist" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"checklist_updated_at" timestamp with time zone,
	"checklist_updated_by" uuid,
	"reconfirm_due" date,
	"last_confirmed_at" timestamp with time zone,
	"last_confirmed_by" uuid,
	"status" text DEFAULT 'active' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "vendor_check_files" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"check_id" uuid NOT NULL,
	"filename" text NOT NULL,
	"content_type" text NOT NULL,
	"size" integer NOT NULL,
	"bytes" "bytea" NOT NULL,
	"uploaded_by" uuid NOT NULL,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "vendor_contract_checks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"contract_id" uuid NOT NULL,
	"phase" text NOT NULL,
	"item_key" text NOT NULL,
	"result" text,
	"evidence" text DEFAULT '' NOT NULL,
	"checked_by" uuid,
	"checked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "vendor_contracts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"name" text NOT NULL,
	"contractor" text NOT NULL,
	"contractor_location" text DEFAULT '' NOT NULL,
	"subcontractors" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"work_location" text DEFAULT '' NOT NULL,
	"affiliation" text DEFAULT '' NOT NULL,
	"staff_qualifications" text DEFAULT '' NOT NULL,
	"isms_certificate_no" text DEFAULT '' NOT NULL,
	"isms_certificate_expiry" date,
	"period_from" date,
	"period_to" date,
	"system_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"spec_items" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "handling_request_steps" ADD COLUMN "assignee_person_id" uuid;--> statement-breakpoint
ALTER TABLE "handling_requests" ADD COLUMN "system_id" uuid;--> statement-breakpoint
ALTER TABLE "classification_entry_systems" ADD CONSTRAINT "classification_entry_systems_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "classification_entry_systems" ADD CONSTRAINT "classification_entry_systems_entry_id_classification_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."classification_entries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "classification_entry_systems" ADD CONSTRAINT "classification_entry_systems_system_id_systems_id_fk" FOREIGN KEY ("system_id") REFERENCES "public"."systems"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "security_exceptions" ADD CONSTRAINT "security_exceptions_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "security_exceptions" ADD CONSTRAINT "security_exceptions_unit_id_org_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "security_exceptions" ADD CONSTRAINT "security_exceptions_requester_id_people_id_fk" FOREIGN KEY ("requester_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "security_exceptions" ADD CONSTRAINT "security_exceptions_decided_by_people_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_attachments" ADD CONSTRAINT "incident_attachments_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_contact_checks" ADD CONSTRAINT "incident_contact_checks_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_contact_checks" ADD CONSTRAINT "incident_contact_checks_created_by_people_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_contact_confirmations" ADD CONSTRAINT "incident_contact_confirmations_check_id_incident_contact_checks_id_fk" FOREIGN KEY ("check_id") REFERENCES "public"."incident_contact_checks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_contact_confirmations" ADD CONSTRAINT "incident_contact_confirmations_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_contact_drills" ADD CONSTRAINT "incident_contact_drills_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_contact_drills" ADD CONSTRAINT "incident_contact_drills_created_by_people_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_contact_links" ADD CONSTRAINT "incident_contact_links_drill_id_incident_contact_drills_id_fk" FOREIGN KEY ("drill_id") REFERENCES "public"."incident_contact_drills"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_contact_links" ADD CONSTRAINT "incident_contact_links_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_flows" ADD CONSTRAINT "incident_flows_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_flows" ADD CONSTRAINT "incident_flows_updated_by_people_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_liaisons" ADD CONSTRAINT "incident_liaisons_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_liaisons" ADD CONSTRAINT "incident_liaisons_recorded_by_people_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_steps" ADD CONSTRAINT "incident_steps_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_steps" ADD CONSTRAINT "incident_steps_done_by_people_id_fk" FOREIGN KEY ("done_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incidents" ADD CONSTRAINT "incidents_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incidents" ADD CONSTRAINT "incidents_unit_id_org_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incidents" ADD CONSTRAINT "incidents_reporter_person_id_people_id_fk" FOREIGN KEY ("reporter_person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incidents" ADD CONSTRAINT "incidents_triaged_by_people_id_fk" FOREIGN KEY ("triaged_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "secaudit_engagements" ADD CONSTRAINT "secaudit_engagements_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "secaudit_engagements" ADD CONSTRAINT "secaudit_engagements_plan_id_secaudit_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."secaudit_plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "secaudit_engagements" ADD CONSTRAINT "secaudit_engagements_unit_id_org_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "secaudit_finding_events" ADD CONSTRAINT "secaudit_finding_events_finding_id_secaudit_findings_id_fk" FOREIGN KEY ("finding_id") REFERENCES "public"."secaudit_findings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "secaudit_finding_events" ADD CONSTRAINT "secaudit_finding_events_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "secaudit_findings" ADD CONSTRAINT "secaudit_findings_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "secaudit_findings" ADD CONSTRAINT "secaudit_findings_engagement_id_secaudit_engagements_id_fk" FOREIGN KEY ("engagement_id") REFERENCES "public"."secaudit_engagements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "secaudit_findings" ADD CONSTRAINT "secaudit_findings_unit_id_org_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "secaudit_milestones" ADD CONSTRAINT "secaudit_milestones_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "secaudit_milestones" ADD CONSTRAINT "secaudit_milestones_plan_id_secaudit_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."secaudit_plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "secaudit_milestones" ADD CONSTRAINT "secaudit_milestones_responsible_id_people_id_fk" FOREIGN KEY ("responsible_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "secaudit_papers" ADD CONSTRAINT "secaudit_papers_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "secaudit_papers" ADD CONSTRAINT "secaudit_papers_engagement_id_secaudit_engagements_id_fk" FOREIGN KEY ("engagement_id") REFERENCES "public"."secaudit_engagements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "secaudit_papers" ADD CONSTRAINT "secaudit_papers_finding_id_secaudit_findings_id_fk" FOREIGN KEY ("finding_id") REFERENCES "public"."secaudit_findings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "secaudit_papers" ADD CONSTRAINT "secaudit_papers_uploaded_by_people_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "secaudit_plan_versions" ADD CONSTRAINT "secaudit_plan_versions_plan_id_secaudit_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."secaudit_plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "secaudit_plan_versions" ADD CONSTRAINT "secaudit_plan_versions_approved_by_people_id_fk" FOREIGN KEY ("approved_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "secaudit_plans" ADD CONSTRAINT "secaudit_plans_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "secaudit_plans" ADD CONSTRAINT "secaudit_plans_approved_by_people_id_fk" FOREIGN KEY ("approved_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "advisories" ADD CONSTRAINT "advisories_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "advisories" ADD CONSTRAINT "advisories_created_by_accounts_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "advisory_policies" ADD CONSTRAINT "advisory_policies_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "advisory_policies" ADD CONSTRAINT "advisory_policies_updated_by_accounts_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "advisory_responses" ADD CONSTRAINT "advisory_responses_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "advisory_responses" ADD CONSTRAINT "advisory_responses_advisory_id_advisories_id_fk" FOREIGN KEY ("advisory_id") REFERENCES "public"."advisories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "advisory_responses" ADD CONSTRAINT "advisory_responses_system_id_systems_id_fk" FOREIGN KEY ("system_id") REFERENCES "public"."systems"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "advisory_responses" ADD CONSTRAINT "advisory_responses_answered_by_accounts_id_fk" FOREIGN KEY ("answered_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
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
ALTER TABLE "inspection_answers" ADD CONSTRAINT "inspection_answers_target_id_inspection_targets_id_fk" FOREIGN KEY ("target_id") REFERENCES "public"."inspection_targets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_answers" ADD CONSTRAINT "inspection_answers_answered_account_accounts_id_fk" FOREIGN KEY ("answered_account") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_item_sets" ADD CONSTRAINT "inspection_item_sets_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_rounds" ADD CONSTRAINT "inspection_rounds_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_rounds" ADD CONSTRAINT "inspection_rounds_created_by_accounts_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_targets" ADD CONSTRAINT "inspection_targets_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_targets" ADD CONSTRAINT "inspection_targets_round_id_inspection_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."inspection_rounds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_targets" ADD CONSTRAINT "inspection_targets_host_id_system_hosts_id_fk" FOREIGN KEY ("host_id") REFERENCES "public"."system_hosts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_targets" ADD CONSTRAINT "inspection_targets_system_id_systems_id_fk" FOREIGN KEY ("system_id") REFERENCES "public"."systems"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_targets" ADD CONSTRAINT "inspection_targets_unit_id_org_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_targets" ADD CONSTRAINT "inspection_targets_assignee_id_people_id_fk" FOREIGN KEY ("assignee_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_targets" ADD CONSTRAINT "inspection_targets_submitted_by_accounts_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "systems_settings" ADD CONSTRAINT "systems_settings_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cloud_service_requests" ADD CONSTRAINT "cloud_service_requests_request_id_handling_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."handling_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cloud_service_requests" ADD CONSTRAINT "cloud_service_requests_service_id_cloud_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."cloud_services"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cloud_services" ADD CONSTRAINT "cloud_services_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cloud_services" ADD CONSTRAINT "cloud_services_unit_id_org_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cloud_services" ADD CONSTRAINT "cloud_services_responsible_person_id_people_id_fk" FOREIGN KEY ("responsible_person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cloud_services" ADD CONSTRAINT "cloud_services_named_by_person_id_people_id_fk" FOREIGN KEY ("named_by_person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cloud_services" ADD CONSTRAINT "cloud_services_last_confirmed_by_people_id_fk" FOREIGN KEY ("last_confirmed_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sns_account_managers" ADD CONSTRAINT "sns_account_managers_account_id_sns_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."sns_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sns_account_managers" ADD CONSTRAINT "sns_account_managers_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sns_accounts" ADD CONSTRAINT "sns_accounts_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sns_accounts" ADD CONSTRAINT "sns_accounts_unit_id_org_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sns_accounts" ADD CONSTRAINT "sns_accounts_checklist_updated_by_people_id_fk" FOREIGN KEY ("checklist_updated_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sns_accounts" ADD CONSTRAINT "sns_accounts_last_confirmed_by_people_id_fk" FOREIGN KEY ("last_confirmed_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vendor_check_files" ADD CONSTRAINT "vendor_check_files_check_id_vendor_contract_checks_id_fk" FOREIGN KEY ("check_id") REFERENCES "public"."vendor_contract_checks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vendor_check_files" ADD CONSTRAINT "vendor_check_files_uploaded_by_people_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vendor_contract_checks" ADD CONSTRAINT "vendor_contract_checks_contract_id_vendor_contracts_id_fk" FOREIGN KEY ("contract_id") REFERENCES "public"."vendor_contracts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vendor_contract_checks" ADD CONSTRAINT "vendor_contract_checks_checked_by_people_id_fk" FOREIGN KEY ("checked_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vendor_contracts" ADD CONSTRAINT "vendor_contracts_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vendor_contracts" ADD CONSTRAINT "vendor_contracts_unit_id_org_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "classification_entry_systems_pk" ON "classification_entry_systems" USING btree ("entry_id","system_id");--> statement-breakpoint
CREATE INDEX "classification_entry_systems_system" ON "classification_entry_systems" USING btree ("system_id");--> statement-breakpoint
CREATE INDEX "security_exceptions_tenant" ON "security_exceptions" USING btree ("tenant_id","state","to_on");--> statement-breakpoint
CREATE INDEX "security_exceptions_requester" ON "security_exceptions" USING btree ("requester_id");--> statement-breakpoint
CREATE INDEX "incidents_tenant" ON "incidents" USING btree ("tenant_id","created_at");--> statement-breakpoint
CREATE INDEX "secaudit_engagements_year" ON "secaudit_engagements" USING btree ("tenant_id","fiscal_year");--> statement-breakpoint
CREATE INDEX "secaudit_finding_events_finding" ON "secaudit_finding_events" USING btree ("finding_id","at");--> statement-breakpoint
CREATE INDEX "secaudit_findings_open" ON "secaudit_findings" USING btree ("tenant_id","state","fiscal_year");--> statement-breakpoint
CREATE INDEX "secaudit_findings_engagement" ON "secaudit_findings" USING btree ("engagement_id");--> statement-breakpoint
CREATE INDEX "secaudit_milestones_due" ON "secaudit_milestones" USING btree ("tenant_id","due_on");--> statement-breakpoint
CREATE INDEX "secaudit_papers_engagement" ON "secaudit_papers" USING btree ("engagement_id");--> statement-breakpoint
CREATE UNIQUE INDEX "secaudit_plan_versions_key" ON "secaudit_plan_versions" USING btree ("plan_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "secaudit_plans_year" ON "secaudit_plans" USING btree ("tenant_id","fiscal_year");--> statement-breakpoint
CREATE UNIQUE INDEX "advisories_tenant_tracking" ON "advisories" USING btree ("tenant_id","tracking_id");--> statement-breakpoint
CREATE INDEX "advisories_tenant_published" ON "advisories" USING btree ("tenant_id","published");--> statement-breakpoint
CREATE UNIQUE INDEX "advisory_responses_pair" ON "advisory_responses" USING btree ("advisory_id","system_id");--> statement-breakpoint
CREATE INDEX "advisory_responses_system" ON "advisory_responses" USING btree ("system_id");--> statement-breakpoint
CREATE INDEX "advisory_responses_open" ON "advisory_responses" USING btree ("tenant_id","target_date") WHERE "advisory_responses"."status" = 'open';--> statement-breakpoint
CREATE INDEX "system_finding_events_finding" ON "system_finding_events" USING btree ("finding_id","at");--> statement-breakpoint
CREATE INDEX "system_finding_imports_tenant" ON "system_finding_imports" USING btree ("tenant_id","imported_at");--> statement-breakpoint
CREATE UNIQUE INDEX "system_findings_match" ON "system_findings" USING btree ("tenant_id","match_key");--> statement-breakpoint
CREATE INDEX "system_findings_system" ON "system_findings" USING btree ("system_id","status");--> statement-breakpoint
CREATE INDEX "system_findings_tenant_status" ON "system_findings" USING btree ("tenant_id","status","target_date");--> statement-breakpoint
CREATE UNIQUE INDEX "inspection_answers_target_item" ON "inspection_answers" USING btree ("target_id","item_key");--> statement-breakpoint
CREATE INDEX "inspection_item_sets_tenant" ON "inspection_item_sets" USING btree ("tenant_id");--> statement-breakpoint
CREATE INDEX "inspection_rounds_tenant" ON "inspection_rounds" USING btree ("tenant_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "inspection_targets_round_host" ON "inspection_targets" USING btree ("round_id","host_id");--> statement-breakpoint
CREATE INDEX "inspection_targets_system" ON "inspection_targets" USING btree ("system_id");--> statement-breakpoint
CREATE INDEX "cloud_services_tenant" ON "cloud_services" USING btree ("tenant_id","name");--> statement-breakpoint
CREATE INDEX "sns_account_managers_person" ON "sns_account_managers" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "sns_accounts_tenant" ON "sns_accounts" USING btree ("tenant_id","reconfirm_due");--> statement-breakpoint
CREATE INDEX "vendor_check_files_check" ON "vendor_check_files" USING btree ("check_id");--> statement-breakpoint
CREATE UNIQUE INDEX "vendor_contract_checks_item" ON "vendor_contract_checks" USING btree ("contract_id","phase","item_key");--> statement-breakpoint
CREATE INDEX "vendor_contracts_tenant" ON "vendor_contracts" USING btree ("tenant_id","name");--> statement-breakpoint
ALTER TABLE "handling_request_steps" ADD CONSTRAINT "handling_request_steps_assignee_person_id_people_id_fk" FOREIGN KEY ("assignee_person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "handling_requests" ADD CONSTRAINT "handling_requests_system_id_systems_id_fk" FOREIGN KEY ("system_id") REFERENCES "public"."systems"("id") ON DELETE no action ON UPDATE no action;