import { type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Locale } from '../modules/accounts/schema.js';
import type { TenantKind } from '../modules/org/schema.js';
import { AppError } from './errors.js';

/**
 * The one place that decides who may do what (STYLE.md pattern 2).
 * A permission comes from a role; it applies to the subtree of the org unit where the role is held.
 * Everything not granted is denied.
 */
export const PERMISSIONS = [
  'org.read', // see org units and people
  'org.manage', // create and edit units and people, import
  'role.manage', // define and rename roles (tenant-wide)
  'role.assign', // give and take roles
  'account.manage', // create accounts, reset passwords, unlock, disable
  'audit.read', // read and verify the audit trail
  'central.read', // (central body) see what agencies submitted
  'selfcheck.manage', // catalogs, policies, campaigns, reminders, publication
  'selfcheck.view', // progress and results of the self-check
  'selfcheck.audit', // draw samples of answers and record whether they were true
  'selfcheck.approve', // approve (or withdraw approval of) a campaign's plan; the CISO's duty (002 L265-267)
  'classification.manage', // classification policies (levels, restrictions, handling rules), tenant-wide
  'classification.confirm', // confirm or return proposed classifications of register entries in the subtree
  'classification.overview', // counts of register entries by level and unit, without their content
  'training.manage', // courses, assignments, classroom attendance, reminders
  'training.view', // training completion of the subtree
  'drill.manage', // targeted-email drills and their individual results
  'drill.view', // drill aggregates of the subtree
  'system.view', // the information-system ledger, advisories, inspections and findings of the subtree
  'system.manage', // edit the ledger, enter advisories, run inspection rounds and probes, import diagnoses
  'incident.handle', // CSIRT: triage incidents and run their response flow
  'incident.view', // incident cases and counts of the subtree
  'secaudit.manage', // security audits (監査): plans, engagements, findings, working papers
  'secaudit.approve', // approve the yearly audit plan; the CISO's duty (003 L826-832)
  'secaudit.view', // audit plans and findings of the subtree
  'exception.approve', // approve exceptions (例外措置) in the subtree (002 L279)
  'exception.view', // the exception register of the subtree
  'vendor.manage', // cloud services, SNS accounts and outsourcing contracts
  'vendor.view', // those registers, read only
  'report.manage', // the annual report: basic facts, narrative blocks, exports; the statement to the central body
  'report.approve', // approve the annual report before it is final; the CISO's duty
  'report.view', // read the annual report and what was submitted
  'alert.handle', // acknowledge the central body's alerts, forward them inside the agency, report the action
  'portal.manage', // the security portal's documents, links, notices and procedures
  'central.manage', // (central body) publish alerts and designate the common self-check items
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export function isPermission(p: string): p is Permission {
  return (PERMISSIONS as readonly string[]).includes(p);
}

/**
 * What an API token can be limited to: permissions, and `self` for the routes open to any signed-in
 * user (their own profile, tasks and the register). Without `self` a token reaches none of those.
 */
export const TOKEN_SCOPES = [...PERMISSIONS, 'self'] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];

export function isTokenScope(s: string): s is TokenScope {
  return (TOKEN_SCOPES as readonly string[]).includes(s);
}

export interface Grant {
  permission: Permission;
  /** Materialised path of the unit where the role is held; the grant covers every path below it. */
  unitPath: string;
}

export interface ActorRole {
  roleId: string;
  roleKey: string;
  roleName: string;
  unitId: string;
  unitName: string;
}

export interface Actor {
  accountId: string;
  login: string;
  personId: string;
  personName: string;
  tenantId: string;
  tenantKind: TenantKind;
  locale: Locale | null;
  mustChangePassword: boolean;
  roles: ActorRole[];
  grants: Grant[];
  via: 'session' | 'token';
  /** For API tokens: the permissions (and `self`) the token was limited to. */
  tokenScopes?: TokenScope[];
}

/** A unit (or anything located in one) that a permission is checked against. */
export interface Located {
  tenantId: string;
  unitPath: string;
}

function effectiveGrants(actor: Actor, permission: Permission): Grant[] {
  if (actor.tokenScopes && !actor.tokenScopes.includes(permission)) return [];
  return actor.grants.filter((g) => g.permission === permission);
}

export function can(actor: Actor, permission: Permission, target?: Located): boolean {
  const grants = effectiveGrants(actor, permission);
  if (!target) return grants.length > 0;
  if (target.tenantId !== actor.tenantId) return false;
  return grants.some((g) => target.unitPath.startsWith(g.unitPath));
}

/** True when the permission covers the whole tenant (held at its root unit). */
export function canTenantWide(actor: Actor, permission: Permission): boolean {
  return effectiveGrants(actor, permission).some((g) => g.unitPath.split('/').filter(Boolean).length === 1);
}

/**
 * Throws when not allowed. For things the actor could not even see, callers pass `hide: true` so the
 * answer is "not found", never revealing that the target exists.
 */
export function authorize(
  actor: Actor,
  permission: Permission,
  target?: Located,
  opts: { hide?: boolean } = {},
) {
  if (can(actor, permission, target)) return;
  if (
    actor.tokenScopes &&
    !actor.tokenScopes.includes(permission) &&
    can({ ...actor, tokenScopes: undefined } as Actor, permission, target)
  ) {
    throw new AppError('token_scope');
  }
  throw new AppError(opts.hide ? 'not_found' : 'forbidden');
}

/** Throws unless the permission is held at the tenant's root (agency-wide operations: imports, campaigns). */
export function authorizeTenantWide(actor: Actor, permission: Permission) {
  authorize(actor, permission);
  if (!canTenantWide(actor, permission)) throw new AppError('forbidden');
}

/** The minimal set of subtree roots the actor holds a permission on (nested roots removed). */
export function scopeRoots(actor: Actor, permission: Permission): string[] {
  const paths = [...new Set(effectiveGrants(actor, permission).map((g) => g.unitPath))].sort();
  return paths.filter((p, i) => !paths.slice(0, i).some((q) => p.startsWith(q)));
}

/**
 * A WHERE fragment limiting a unit-path column to the actor's scope, so a list query cannot return
 * anything outside it even when a caller forgets a check. No grant → a condition that is always false.
 */
export function inScope(actor: Actor, permission: Permission, pathColumn: AnyPgColumn | SQL): SQL {
  const roots = scopeRoots(actor, permission);
  if (roots.length === 0) return sql`false`;
  const parts = roots.map((r) => withinSubtree(pathColumn, r));
  return sql`(${sql.join(parts, sql` or `)})`;
}

/** `column` is the unit at `path` or below it (an index-friendly prefix match). */
export function withinSubtree(pathColumn: AnyPgColumn | SQL, path: string): SQL {
  return sql`${pathColumn} like ${`${escapeLike(path)}%`}`;
}

/**
 * `path` is the unit at `ancestorPath` or below it, when both are SQL expressions (a column against a
 * column). `starts_with` takes no pattern, so nothing in a path can act as a wildcard.
 */
export function isWithin(path: AnyPgColumn | SQL | string, ancestorPath: AnyPgColumn | SQL | string): SQL {
  return sql`starts_with(${path}, ${ancestorPath})`;
}

export function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Permissions the actor holds anywhere, for the UI to show or hide actions. */
export function permissionSummary(actor: Actor): { permission: Permission; unitPaths: string[] }[] {
  return PERMISSIONS.map((p) => ({ permission: p, unitPaths: scopeRoots(actor, p) })).filter(
    (x) => x.unitPaths.length > 0,
  );
}

/** A permission someone holds at a place: a unit's subtree, or the whole tenant. */
export interface HeldPermission {
  permission: string;
  at: Located | 'tenant';
}

/**
 * The one rule against escalation: which of these held permissions the actor lacks at the same
 * place. Used when handing out a role (its permissions where it is given) and before acting on
 * someone's account (every permission they hold, wherever they hold it): nobody may give, or take
 * over, more than they themselves hold.
 */
export function missingPermissions(actor: Actor, held: HeldPermission[]): Permission[] {
  const missing = new Set<Permission>();
  for (const h of held) {
    if (!isPermission(h.permission)) continue;
    const ok = h.at === 'tenant' ? canTenantWide(actor, h.permission) : can(actor, h.permission, h.at);
    if (!ok) missing.add(h.permission);
  }
  return [...missing].sort((a, b) => PERMISSIONS.indexOf(a) - PERMISSIONS.indexOf(b));
}

/**
 * Throws unless the actor holds every one of these permissions where they are held. `role`: giving or
 * changing a role ("forbidden"); `account`: acting on a person's account ("account_outranks").
 */
export function authorizeOver(actor: Actor, held: HeldPermission[], what: 'role' | 'account') {
  const missing = missingPermissions(actor, held);
  if (missing.length === 0) return;
  const list = missing.join(', ');
  if (what === 'role') {
    throw new AppError('forbidden', {
      detail: {
        ja: `自分が持たない権限を含む役割は扱えません: ${list}`,
        en: `The role includes permissions you do not hold: ${list}`,
      },
    });
  }
  throw new AppError('account_outranks', {
    detail: {
      ja: `この職員は、あなたが持たない権限を持っています: ${list}`,
      en: `This person holds permissions you do not hold: ${list}`,
    },
    extra: { missingPermissions: missing },
  });
}
