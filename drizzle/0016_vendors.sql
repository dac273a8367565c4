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
ALTER TABLE "handling_request_steps" ADD COLUMN "approver_person_id" uuid;--> statement-breakpoint
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
CREATE INDEX "cloud_services_tenant" ON "cloud_services" USING btree ("tenant_id","name");--> statement-breakpoint
CREATE INDEX "sns_account_managers_person" ON "sns_account_managers" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "sns_accounts_tenant" ON "sns_accounts" USING btree ("tenant_id","reconfirm_due");--> statement-breakpoint
CREATE INDEX "vendor_check_files_check" ON "vendor_check_files" USING btree ("check_id");--> statement-breakpoint
CREATE UNIQUE INDEX "vendor_contract_checks_item" ON "vendor_contract_checks" USING btree ("contract_id","phase","item_key");--> statement-breakpoint
CREATE INDEX "vendor_contracts_tenant" ON "vendor_contracts" USING btree ("tenant_id","name");--> statement-breakpoint
ALTER TABLE "handling_request_steps" ADD CONSTRAINT "handling_request_steps_approver_person_id_people_id_fk" FOREIGN KEY ("approver_person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;