CREATE TABLE "systems_settings" (
	"tenant_id" uuid PRIMARY KEY NOT NULL,
	"web_server_target" integer,
	"mail_server_target" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "systems_settings" ADD CONSTRAINT "systems_settings_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;