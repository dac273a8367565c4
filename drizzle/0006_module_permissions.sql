-- Agencies created before classification, training and drills existed get those permissions on their
-- standard roles (new agencies get them from the role catalog in code, src/modules/roles/catalog.ts).
UPDATE roles SET permissions = permissions || '["classification.overview","training.view","drill.view"]'::jsonb
  WHERE key IN ('ciso', 'chief_security_officer', 'security_officer', 'division_security_officer', 'audit_officer', 'mamoru_admin')
  AND NOT permissions ? 'training.view'
  AND tenant_id IN (SELECT id FROM tenants WHERE kind = 'agency');
--> statement-breakpoint
UPDATE roles SET permissions = permissions || '["classification.confirm"]'::jsonb
  WHERE key IN ('security_officer', 'division_security_officer', 'mamoru_admin') AND NOT permissions ? 'classification.confirm'
  AND tenant_id IN (SELECT id FROM tenants WHERE kind = 'agency');
--> statement-breakpoint
UPDATE roles SET permissions = permissions || '["classification.manage","training.manage","drill.manage"]'::jsonb
  WHERE key IN ('chief_security_officer', 'mamoru_admin') AND NOT permissions ? 'training.manage'
  AND tenant_id IN (SELECT id FROM tenants WHERE kind = 'agency');
