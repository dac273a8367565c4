CREATE TABLE "central_common_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"central_tenant_id" uuid NOT NULL,
	"fiscal_year" integer NOT NULL,
	"code" text NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"designated_by" uuid,
	"designated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "submissions" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "submissions" ADD COLUMN "origin_tenant_id" uuid;--> statement-breakpoint
ALTER TABLE "submissions" ADD COLUMN "forwarded_from_id" uuid;--> statement-breakpoint
ALTER TABLE "central_common_items" ADD CONSTRAINT "central_common_items_central_tenant_id_tenants_id_fk" FOREIGN KEY ("central_tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "central_common_items" ADD CONSTRAINT "central_common_items_designated_by_accounts_id_fk" FOREIGN KEY ("designated_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "central_common_items_code" ON "central_common_items" USING btree ("central_tenant_id","fiscal_year","code");--> statement-breakpoint
CREATE INDEX "central_common_items_fy" ON "central_common_items" USING btree ("central_tenant_id","fiscal_year");--> statement-breakpoint
ALTER TABLE "submissions" ADD CONSTRAINT "submissions_origin_tenant_id_tenants_id_fk" FOREIGN KEY ("origin_tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "submissions_from" ON "submissions" USING btree ("from_tenant_id","kind","fiscal_year");