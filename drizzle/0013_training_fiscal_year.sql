CREATE TABLE "training_offline_completions" (
	"assignment_id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"method" text NOT NULL,
	"completed_on" date NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"file_name" text,
	"file_type" text,
	"file_bytes" "bytea",
	"recorded_by" uuid,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "training_survey_answers" (
	"assignment_id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"course_id" uuid NOT NULL,
	"fiscal_year" integer NOT NULL,
	"answers" jsonb NOT NULL,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
DROP INDEX "training_assignments_open";--> statement-breakpoint
ALTER TABLE "training_assignments" ADD COLUMN "fiscal_year" integer;--> statement-breakpoint
-- Existing assignments count toward the fiscal year (April–March, Japanese calendar) they were made in.
UPDATE "training_assignments" SET "fiscal_year" = extract(year from ("assigned_at" at time zone 'Asia/Tokyo') - interval '3 months')::int;--> statement-breakpoint
ALTER TABLE "training_assignments" ALTER COLUMN "fiscal_year" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "training_courses" ADD COLUMN "survey" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "training_rules" ADD COLUMN "every_fiscal_year" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "training_offline_completions" ADD CONSTRAINT "training_offline_completions_assignment_id_training_assignments_id_fk" FOREIGN KEY ("assignment_id") REFERENCES "public"."training_assignments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_offline_completions" ADD CONSTRAINT "training_offline_completions_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_offline_completions" ADD CONSTRAINT "training_offline_completions_recorded_by_accounts_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_survey_answers" ADD CONSTRAINT "training_survey_answers_assignment_id_training_assignments_id_fk" FOREIGN KEY ("assignment_id") REFERENCES "public"."training_assignments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_survey_answers" ADD CONSTRAINT "training_survey_answers_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_survey_answers" ADD CONSTRAINT "training_survey_answers_course_id_training_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."training_courses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "training_survey_answers_course" ON "training_survey_answers" USING btree ("course_id","fiscal_year");--> statement-breakpoint
CREATE INDEX "training_assignments_course_year" ON "training_assignments" USING btree ("course_id","fiscal_year");--> statement-breakpoint
CREATE UNIQUE INDEX "training_assignments_open" ON "training_assignments" USING btree ("course_id","person_id","fiscal_year") WHERE completed_at is null;