import { useTranslation } from 'react-i18next';
import { PERMISSIONS, type Permission } from './types.js';

export function isPermission(p: string): p is Permission {
  return (PERMISSIONS as readonly string[]).includes(p);
}

/** A permission's name in the UI language; an unknown name (a newer server) as it is. */
export function usePermissionLabel() {
  const { t } = useTranslation();
  return (p: string) => (isPermission(p) ? t(`permission.${p}`) : p);
}
