CREATE SEQUENCE "public"."selfcheck_counters_version" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE TABLE "training_served_sets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"course_id" uuid NOT NULL,
	"course_version" integer NOT NULL,
	"served" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "training_attempts" ALTER COLUMN "served" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "campaign_members" ADD COLUMN "several" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "selfcheck_counters" ADD COLUMN "members" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "selfcheck_counters" ADD COLUMN "in_scope" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "selfcheck_counters" ADD COLUMN "version" bigint DEFAULT nextval('selfcheck_counters_version') NOT NULL;--> statement-breakpoint
ALTER TABLE "training_attempts" ADD COLUMN "served_set_id" uuid;--> statement-breakpoint
ALTER TABLE "training_served_sets" ADD CONSTRAINT "training_served_sets_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_served_sets" ADD CONSTRAINT "training_served_sets_course_id_training_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."training_courses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_attempts" ADD CONSTRAINT "training_attempts_served_set_id_training_served_sets_id_fk" FOREIGN KEY ("served_set_id") REFERENCES "public"."training_served_sets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "campaign_members_flagged" ON "campaign_members" USING btree ("campaign_id") WHERE "campaign_members"."several";--> statement-breakpoint
ALTER TABLE "training_attempts" ADD CONSTRAINT "training_attempts_served_once" CHECK (("training_attempts"."served" is null) <> ("training_attempts"."served_set_id" is null));