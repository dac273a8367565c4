CREATE TABLE "classification_policies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"name" text NOT NULL,
	"based_on" text NOT NULL,
	"definition" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "classification_settings" (
	"tenant_id" uuid PRIMARY KEY NOT NULL,
	"active_policy_id" text DEFAULT 'unified-5th' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "classification_entries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"policy_id" text NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"owner_person_id" uuid NOT NULL,
	"form" text NOT NULL,
	"storage_location" text DEFAULT '' NOT NULL,
	"confidentiality" integer NOT NULL,
	"integrity" integer,
	"availability" integer,
	"restrictions" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"retention_until" date,
	"retention_note" text DEFAULT '' NOT NULL,
	"scope_restricted" boolean NOT NULL,
	"status" text NOT NULL,
	"serial_no" text,
	"correction_comment" text,
	"review_due_on" date,
	"review_reminded_for" date,
	"proposed_by" uuid NOT NULL,
	"proposed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"confirmed_by" uuid,
	"confirmed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "classification_entry_access" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"entry_id" uuid NOT NULL,
	"person_id" uuid,
	"unit_id" uuid
);
--> statement-breakpoint
CREATE TABLE "classification_entry_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"entry_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"person_id" uuid,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"changes" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"comment" text
);
--> statement-breakpoint
CREATE TABLE "classification_serials" (
	"tenant_id" uuid PRIMARY KEY NOT NULL,
	"last_issued" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "handling_request_steps" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"request_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"kind" text NOT NULL,
	"role_key" text NOT NULL,
	"role_name" text NOT NULL,
	"unit_id" uuid NOT NULL,
	"decision" text,
	"decided_by_person_id" uuid,
	"comment" text,
	"decided_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "handling_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"entry_id" uuid,
	"unit_id" uuid NOT NULL,
	"action" text NOT NULL,
	"policy_id" text NOT NULL,
	"confidentiality" integer NOT NULL,
	"rule" text NOT NULL,
	"details" text NOT NULL,
	"destination" text DEFAULT '' NOT NULL,
	"requester_person_id" uuid NOT NULL,
	"status" text NOT NULL,
	"valid_until" timestamp with time zone NOT NULL,
	"decided_at" timestamp with time zone,
	"expiry_notified_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "drill_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"drill_id" uuid NOT NULL,
	"recipient_id" bigint NOT NULL,
	"kind" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"flags" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"flagged" boolean DEFAULT false NOT NULL,
	"method" text,
	"user_agent" text,
	"ip" text,
	"data" jsonb
);
--> statement-breakpoint
CREATE TABLE "drill_inbound_mail" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid,
	"kind" text NOT NULL,
	"drill_id" uuid,
	"recipient_id" bigint,
	"from_address" text,
	"subject" text,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"via" text NOT NULL,
	"size" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "drill_recipients" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"drill_id" uuid NOT NULL,
	"tenant_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"name" text NOT NULL,
	"email" text NOT NULL,
	"unit_id" uuid NOT NULL,
	"unit_path" text NOT NULL,
	"role_keys" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"state" text DEFAULT 'queued' NOT NULL,
	"lure_due_at" timestamp with time zone,
	"message_id" text,
	"sent_at" timestamp with time zone,
	"error" text,
	"benign_state" text,
	"benign_message_id" text,
	"benign_sent_at" timestamp with time zone,
	"replied_at" timestamp with time zone,
	"claimed_by" text,
	"claimed_until" timestamp with time zone,
	"follow_up_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "drills" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"title" text NOT NULL,
	"state" text DEFAULT 'draft' NOT NULL,
	"variant" text DEFAULT 'standard' NOT NULL,
	"announced" boolean DEFAULT false NOT NULL,
	"sender_name" text NOT NULL,
	"sender_address" text NOT NULL,
	"subject" text NOT NULL,
	"body" text NOT NULL,
	"lure_kind" text DEFAULT 'link' NOT NULL,
	"attachment_name" text,
	"benign_subject" text,
	"benign_body" text,
	"lure_delay_hours" integer DEFAULT 48 NOT NULL,
	"training_content" text NOT NULL,
	"survey" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"target_unit_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"target_role_keys" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"sample_percent" integer DEFAULT 100 NOT NULL,
	"sample_seed" integer DEFAULT 1 NOT NULL,
	"start_at" timestamp with time zone,
	"window_start" text DEFAULT '00:00' NOT NULL,
	"window_end" text DEFAULT '24:00' NOT NULL,
	"rate_per_second" integer DEFAULT 20 NOT NULL,
	"scanner_window_seconds" integer DEFAULT 10 NOT NULL,
	"follow_up_course_id" uuid,
	"send_epoch" integer DEFAULT 0 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"scheduled_at" timestamp with time zone,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "training_assignments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"course_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"assigned_at" timestamp with time zone DEFAULT now() NOT NULL,
	"due_on" date,
	"source_kind" text NOT NULL,
	"source_id" uuid,
	"completed_at" timestamp with time zone,
	"completed_via" text,
	"notice_sent_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "training_attempts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"course_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"assignment_id" uuid,
	"course_version" integer NOT NULL,
	"seed" integer NOT NULL,
	"served" jsonb NOT NULL,
	"answers" jsonb,
	"state" text DEFAULT 'open' NOT NULL,
	"correct_count" integer,
	"score" integer,
	"passed" boolean,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"submitted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "training_attendance" (
	"session_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"attended" boolean NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "training_attendance_session_id_person_id_pk" PRIMARY KEY("session_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "training_courses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"key" text,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"audience_role_keys" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"pass_mark" integer DEFAULT 80 NOT NULL,
	"perfect_score_required" boolean DEFAULT false NOT NULL,
	"questions_per_attempt" integer,
	"shuffle" boolean DEFAULT true NOT NULL,
	"reminder_after_days" integer DEFAULT 30 NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"published_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "training_images" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"content_type" text NOT NULL,
	"filename" text NOT NULL,
	"bytes" "bytea" NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "training_pages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"course_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"videos" jsonb DEFAULT '[]'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "training_questions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"course_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"kind" text NOT NULL,
	"text" text NOT NULL,
	"choices" jsonb NOT NULL,
	"explanation" text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "training_reminders" (
	"assignment_id" uuid NOT NULL,
	"threshold" text NOT NULL,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "training_reminders_assignment_id_threshold_pk" PRIMARY KEY("assignment_id","threshold")
);
--> statement-breakpoint
CREATE TABLE "training_rules" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"course_id" uuid NOT NULL,
	"role_keys" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"unit_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"hired_on_or_after" date,
	"due_days" integer,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "training_sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"course_id" uuid NOT NULL,
	"held_on" date NOT NULL,
	"place" text DEFAULT '' NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "classification_policies" ADD CONSTRAINT "classification_policies_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "classification_settings" ADD CONSTRAINT "classification_settings_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "classification_entries" ADD CONSTRAINT "classification_entries_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "classification_entries" ADD CONSTRAINT "classification_entries_unit_id_org_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "classification_entries" ADD CONSTRAINT "classification_entries_owner_person_id_people_id_fk" FOREIGN KEY ("owner_person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "classification_entries" ADD CONSTRAINT "classification_entries_proposed_by_people_id_fk" FOREIGN KEY ("proposed_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "classification_entries" ADD CONSTRAINT "classification_entries_confirmed_by_people_id_fk" FOREIGN KEY ("confirmed_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "classification_entry_access" ADD CONSTRAINT "classification_entry_access_entry_id_classification_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."classification_entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "classification_entry_access" ADD CONSTRAINT "classification_entry_access_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "classification_entry_access" ADD CONSTRAINT "classification_entry_access_unit_id_org_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "classification_entry_events" ADD CONSTRAINT "classification_entry_events_entry_id_classification_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."classification_entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "classification_entry_events" ADD CONSTRAINT "classification_entry_events_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "classification_serials" ADD CONSTRAINT "classification_serials_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "handling_request_steps" ADD CONSTRAINT "handling_request_steps_request_id_handling_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."handling_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "handling_request_steps" ADD CONSTRAINT "handling_request_steps_unit_id_org_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "handling_request_steps" ADD CONSTRAINT "handling_request_steps_decided_by_person_id_people_id_fk" FOREIGN KEY ("decided_by_person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "handling_requests" ADD CONSTRAINT "handling_requests_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "handling_requests" ADD CONSTRAINT "handling_requests_entry_id_classification_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."classification_entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "handling_requests" ADD CONSTRAINT "handling_requests_unit_id_org_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "handling_requests" ADD CONSTRAINT "handling_requests_requester_person_id_people_id_fk" FOREIGN KEY ("requester_person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "drill_events" ADD CONSTRAINT "drill_events_drill_id_drills_id_fk" FOREIGN KEY ("drill_id") REFERENCES "public"."drills"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "drill_inbound_mail" ADD CONSTRAINT "drill_inbound_mail_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "drill_recipients" ADD CONSTRAINT "drill_recipients_drill_id_drills_id_fk" FOREIGN KEY ("drill_id") REFERENCES "public"."drills"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "drill_recipients" ADD CONSTRAINT "drill_recipients_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "drill_recipients" ADD CONSTRAINT "drill_recipients_unit_id_org_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "drills" ADD CONSTRAINT "drills_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "drills" ADD CONSTRAINT "drills_created_by_accounts_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_assignments" ADD CONSTRAINT "training_assignments_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_assignments" ADD CONSTRAINT "training_assignments_course_id_training_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."training_courses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_assignments" ADD CONSTRAINT "training_assignments_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_attempts" ADD CONSTRAINT "training_attempts_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_attempts" ADD CONSTRAINT "training_attempts_course_id_training_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."training_courses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_attempts" ADD CONSTRAINT "training_attempts_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_attempts" ADD CONSTRAINT "training_attempts_assignment_id_training_assignments_id_fk" FOREIGN KEY ("assignment_id") REFERENCES "public"."training_assignments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_attendance" ADD CONSTRAINT "training_attendance_session_id_training_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."training_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_attendance" ADD CONSTRAINT "training_attendance_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_courses" ADD CONSTRAINT "training_courses_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_images" ADD CONSTRAINT "training_images_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_images" ADD CONSTRAINT "training_images_created_by_accounts_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_pages" ADD CONSTRAINT "training_pages_course_id_training_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."training_courses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_questions" ADD CONSTRAINT "training_questions_course_id_training_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."training_courses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_reminders" ADD CONSTRAINT "training_reminders_assignment_id_training_assignments_id_fk" FOREIGN KEY ("assignment_id") REFERENCES "public"."training_assignments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_rules" ADD CONSTRAINT "training_rules_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_rules" ADD CONSTRAINT "training_rules_course_id_training_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."training_courses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_sessions" ADD CONSTRAINT "training_sessions_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_sessions" ADD CONSTRAINT "training_sessions_course_id_training_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."training_courses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "classification_policies_tenant" ON "classification_policies" USING btree ("tenant_id");--> statement-breakpoint
CREATE INDEX "classification_entries_unit" ON "classification_entries" USING btree ("tenant_id","unit_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "classification_entries_serial" ON "classification_entries" USING btree ("tenant_id","serial_no") WHERE "classification_entries"."serial_no" is not null;--> statement-breakpoint
CREATE INDEX "classification_entries_review" ON "classification_entries" USING btree ("review_due_on");--> statement-breakpoint
CREATE INDEX "classification_entry_access_entry" ON "classification_entry_access" USING btree ("entry_id");--> statement-breakpoint
CREATE INDEX "classification_entry_events_entry" ON "classification_entry_events" USING btree ("entry_id","at");--> statement-breakpoint
CREATE INDEX "handling_request_steps_request" ON "handling_request_steps" USING btree ("request_id","position");--> statement-breakpoint
CREATE INDEX "handling_request_steps_role" ON "handling_request_steps" USING btree ("role_key","unit_id");--> statement-breakpoint
CREATE INDEX "handling_requests_requester" ON "handling_requests" USING btree ("requester_person_id","created_at");--> statement-breakpoint
CREATE INDEX "handling_requests_entry" ON "handling_requests" USING btree ("entry_id");--> statement-breakpoint
CREATE INDEX "handling_requests_unit" ON "handling_requests" USING btree ("tenant_id","unit_id","status");--> statement-breakpoint
CREATE INDEX "drill_events_recipient" ON "drill_events" USING btree ("recipient_id","kind");--> statement-breakpoint
CREATE INDEX "drill_events_drill" ON "drill_events" USING btree ("drill_id");--> statement-breakpoint
CREATE INDEX "drill_inbound_tenant" ON "drill_inbound_mail" USING btree ("tenant_id","received_at");--> statement-breakpoint
CREATE INDEX "drill_recipients_drill_state" ON "drill_recipients" USING btree ("drill_id","state","id");--> statement-breakpoint
CREATE INDEX "drill_recipients_drill_path" ON "drill_recipients" USING btree ("drill_id","unit_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "drill_recipients_message" ON "drill_recipients" USING btree ("message_id");--> statement-breakpoint
CREATE INDEX "drill_recipients_benign_message" ON "drill_recipients" USING btree ("benign_message_id");--> statement-breakpoint
CREATE INDEX "drills_tenant" ON "drills" USING btree ("tenant_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "training_assignments_open" ON "training_assignments" USING btree ("course_id","person_id") WHERE completed_at is null;--> statement-breakpoint
CREATE INDEX "training_assignments_person" ON "training_assignments" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "training_assignments_course" ON "training_assignments" USING btree ("course_id","assigned_at");--> statement-breakpoint
CREATE INDEX "training_attempts_person" ON "training_attempts" USING btree ("person_id","course_id","started_at");--> statement-breakpoint
CREATE UNIQUE INDEX "training_courses_tenant_key" ON "training_courses" USING btree ("tenant_id","key");--> statement-breakpoint
CREATE INDEX "training_pages_course" ON "training_pages" USING btree ("course_id","position");--> statement-breakpoint
CREATE INDEX "training_questions_course" ON "training_questions" USING btree ("course_id","position");