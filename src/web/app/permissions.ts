import { useAuth } from './auth.js';
import { holds } from './policy.js';
import type { Permission } from './types.js';
import { useUnitIndex } from './units.js';

/**
 * Whether to offer an action: the permission held anywhere, or over `unitId` when given.
 * A unit outside the user's visible units counts as not covered.
 */
export function useCan(permission: Permission, unitId?: string): boolean {
  const { me } = useAuth();
  const units = useUnitIndex();
  if (unitId === undefined) return holds(me, permission);
  const unit = units.get(unitId);
  if (!unit)
    return me?.permissions.some((p) => p.permission === permission && p.unitIds.includes(unitId)) ?? false;
  return holds(me, permission, unit.path);
}
