ALTER TABLE "selfcheck_audit_samples" ALTER COLUMN "per_role" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "selfcheck_audit_samples" ALTER COLUMN "items_per_member" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "selfcheck_audit_samples" ADD COLUMN "role_counts" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "selfcheck_audit_samples" ADD COLUMN "unit_mode" text DEFAULT 'all' NOT NULL;--> statement-breakpoint
ALTER TABLE "selfcheck_audit_samples" ADD COLUMN "unit_ids" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "campaigns" ADD COLUMN "plan" jsonb;--> statement-breakpoint
ALTER TABLE "campaigns" ADD COLUMN "plan_approved_by" uuid;--> statement-breakpoint
ALTER TABLE "campaigns" ADD COLUMN "plan_approved_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_plan_approved_by_accounts_id_fk" FOREIGN KEY ("plan_approved_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- Agencies created before plan approval existed: their CISO (and the administrator who assigns roles) may
-- approve self-check plans (new agencies get it from the role catalog, src/modules/roles/catalog.ts).
UPDATE roles SET permissions = permissions || '["selfcheck.approve"]'::jsonb
  WHERE key IN ('ciso', 'mamoru_admin') AND NOT permissions ? 'selfcheck.approve'
  AND tenant_id IN (SELECT id FROM tenants WHERE kind = 'agency');
--> statement-breakpoint
-- Samples drawn before role counts: record how many people of each role they actually hold.
UPDATE selfcheck_audit_samples s SET role_counts = coalesce((
    SELECT jsonb_object_agg(x.role_key, x.n) FROM (
      SELECT m.role_key, count(DISTINCT e.member_id)::int AS n
      FROM selfcheck_audit_entries e JOIN campaign_members m ON m.id = e.member_id
      WHERE e.sample_id = s.id GROUP BY m.role_key) x), '{}'::jsonb)
  WHERE s.per_role IS NOT NULL;
