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
ALTER TABLE "training_attempts" ADD COLUMN "served_set_id" uuid;--> statement-breakpoint
ALTER TABLE "training_served_sets" ADD CONSTRAINT "training_served_sets_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_served_sets" ADD CONSTRAINT "training_served_sets_course_id_training_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."training_courses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_attempts" ADD CONSTRAINT "training_attempts_served_set_id_training_served_sets_id_fk" FOREIGN KEY ("served_set_id") REFERENCES "public"."training_served_sets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_attempts" ADD CONSTRAINT "training_attempts_served_once" CHECK (("training_attempts"."served" is null) <> ("training_attempts"."served_set_id" is null));