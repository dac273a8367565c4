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
ALTER TABLE "security_exceptions" ADD CONSTRAINT "security_exceptions_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "security_exceptions" ADD CONSTRAINT "security_exceptions_unit_id_org_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "security_exceptions" ADD CONSTRAINT "security_exceptions_requester_id_people_id_fk" FOREIGN KEY ("requester_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "security_exceptions" ADD CONSTRAINT "security_exceptions_decided_by_people_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
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
CREATE INDEX "security_exceptions_tenant" ON "security_exceptions" USING btree ("tenant_id","state","to_on");--> statement-breakpoint
CREATE INDEX "security_exceptions_requester" ON "security_exceptions" USING btree ("requester_id");--> statement-breakpoint
CREATE INDEX "secaudit_engagements_year" ON "secaudit_engagements" USING btree ("tenant_id","fiscal_year");--> statement-breakpoint
CREATE INDEX "secaudit_finding_events_finding" ON "secaudit_finding_events" USING btree ("finding_id","at");--> statement-breakpoint
CREATE INDEX "secaudit_findings_open" ON "secaudit_findings" USING btree ("tenant_id","state","fiscal_year");--> statement-breakpoint
CREATE INDEX "secaudit_findings_engagement" ON "secaudit_findings" USING btree ("engagement_id");--> statement-breakpoint
CREATE INDEX "secaudit_milestones_due" ON "secaudit_milestones" USING btree ("tenant_id","due_on");--> statement-breakpoint
CREATE INDEX "secaudit_papers_engagement" ON "secaudit_papers" USING btree ("engagement_id");--> statement-breakpoint
CREATE UNIQUE INDEX "secaudit_plan_versions_key" ON "secaudit_plan_versions" USING btree ("plan_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "secaudit_plans_year" ON "secaudit_plans" USING btree ("tenant_id","fiscal_year");