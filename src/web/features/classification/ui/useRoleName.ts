import { useTranslation } from 'react-i18next';
import { useRoles } from '../../admin/roles-api.js';

/**
 * A role named by its key in the UI language. Rules and steps carry the standard Japanese name
 * (`課室情報セキュリティ責任者`); in English the agency's role list gives its English name.
 */
export function useRoleName() {
  const { i18n } = useTranslation();
  const roles = useRoles();
  return (roleKey: string, japanese: string) => {
    if (i18n.language !== 'en') return japanese;
    return roles.data?.find((r) => r.key === roleKey)?.nameEn ?? japanese;
  };
}
