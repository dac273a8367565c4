import type { Me, Permission } from './types.js';

/**
 * Whether the user holds a permission — anywhere, or over the unit with this materialised path
 * ("/root/…/unit/"). Mirrors server/policy.ts `can`: a grant covers the subtree of the unit where the
 * role is held. Only for showing or hiding things; the server decides.
 */
export function holds(me: Me | null, permission: Permission, unitPath?: string): boolean {
  const grant = me?.permissions.find((p) => p.permission === permission);
  if (!grant || grant.unitIds.length === 0) return false;
  if (unitPath === undefined) return true;
  const chain = unitPath.split('/').filter(Boolean);
  return grant.unitIds.some((id) => chain.includes(id));
}

/** For navigation items and cards: the permission requirement, and the kind of tenant they are for. */
export function shownTo(
  me: Me | null,
  item: {
    permission?: Permission | readonly Permission[] | undefined;
    tenantKind?: 'agency' | 'central' | undefined;
  },
): boolean {
  if (item.tenantKind && me?.tenant.kind !== item.tenantKind) return false;
  return holdsAny(me, item.permission);
}

/** For navigation and pages: no requirement, one permission, or any one of several, held anywhere. */
export function holdsAny(me: Me | null, required: Permission | readonly Permission[] | undefined): boolean {
  if (required === undefined) return true;
  const list: readonly Permission[] = typeof required === 'string' ? [required] : required;
  return list.some((p) => holds(me, p));
}
