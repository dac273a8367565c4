-- Roles of agencies and central bodies created before the annual report, central alerts and the portal
-- get their permissions (new tenants get them from src/modules/roles/catalog.ts).
UPDATE roles SET permissions = permissions || '["report.approve","report.view"]'::jsonb
  WHERE key = 'ciso' AND NOT permissions ? 'report.approve'
  AND tenant_id IN (SELECT id FROM tenants WHERE kind = 'agency');
--> statement-breakpoint
UPDATE roles SET permissions = permissions || '["report.manage","report.view","alert.handle","portal.manage"]'::jsonb
  WHERE key = 'chief_security_officer' AND NOT permissions ? 'report.manage'
  AND tenant_id IN (SELECT id FROM tenants WHERE kind = 'agency');
--> statement-breakpoint
UPDATE roles SET permissions = permissions || '["report.view"]'::jsonb
  WHERE key = 'audit_officer' AND NOT permissions ? 'report.view'
  AND tenant_id IN (SELECT id FROM tenants WHERE kind = 'agency');
--> statement-breakpoint
UPDATE roles SET permissions = permissions || '["alert.handle"]'::jsonb
  WHERE key = 'csirt' AND NOT permissions ? 'alert.handle'
  AND tenant_id IN (SELECT id FROM tenants WHERE kind = 'agency');
--> statement-breakpoint
UPDATE roles SET permissions = permissions || '["report.manage","report.approve","report.view","alert.handle","portal.manage"]'::jsonb
  WHERE key = 'mamoru_admin' AND NOT permissions ? 'report.manage'
  AND tenant_id IN (SELECT id FROM tenants WHERE kind = 'agency');
--> statement-breakpoint
UPDATE roles SET permissions = permissions || '["central.manage"]'::jsonb
  WHERE key = 'central_analyst' AND NOT permissions ? 'central.manage'
  AND tenant_id IN (SELECT id FROM tenants WHERE kind = 'central');
--> statement-breakpoint
UPDATE roles SET permissions = permissions || '["central.manage"]'::jsonb
  WHERE key = 'mamoru_admin' AND NOT permissions ? 'central.manage'
  AND tenant_id IN (SELECT id FROM tenants WHERE kind = 'central');
