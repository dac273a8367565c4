-- Agencies created before the self-check existed get its permissions on their standard roles
-- (new agencies get them from the role catalog in code).
UPDATE roles SET permissions = permissions || '["selfcheck.view"]'::jsonb
  WHERE key IN ('ciso', 'chief_security_officer', 'security_officer', 'division_security_officer', 'audit_officer', 'mamoru_admin')
  AND NOT permissions ? 'selfcheck.view'
  AND tenant_id IN (SELECT id FROM tenants WHERE kind = 'agency');
--> statement-breakpoint
UPDATE roles SET permissions = permissions || '["selfcheck.manage"]'::jsonb
  WHERE key IN ('chief_security_officer', 'mamoru_admin') AND NOT permissions ? 'selfcheck.manage'
  AND tenant_id IN (SELECT id FROM tenants WHERE kind = 'agency');
--> statement-breakpoint
UPDATE roles SET permissions = permissions || '["selfcheck.audit"]'::jsonb
  WHERE key IN ('audit_officer', 'mamoru_admin') AND NOT permissions ? 'selfcheck.audit'
  AND tenant_id IN (SELECT id FROM tenants WHERE kind = 'agency');
