CREATE TABLE "selfcheck_counters" (
	"campaign_id" uuid NOT NULL,
	"unit_path" text NOT NULL,
	"role_key" text NOT NULL,
	"metric_group" text NOT NULL,
	"items" integer[] NOT NULL,
	"captured" integer NOT NULL,
	"failed" integer NOT NULL,
	"failed_by_chapter" integer[] NOT NULL,
	CONSTRAINT "selfcheck_counters_campaign_id_unit_path_role_key_metric_group_pk" PRIMARY KEY("campaign_id","unit_path","role_key","metric_group")
);
--> statement-breakpoint
ALTER TABLE "selfcheck_counters" ADD CONSTRAINT "selfcheck_counters_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "campaign_members_cells" ON "campaign_members" USING btree ("campaign_id","unit_path","role_key","metric_group","in_scope");--> statement-breakpoint
CREATE INDEX "campaign_members_several" ON "campaign_members" USING btree ("campaign_id","person_id") WHERE "campaign_members"."in_scope";