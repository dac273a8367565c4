import { useTranslation } from 'react-i18next';
import { useRoles } from '../admin/roles-api.js';

/** A role key ('staff', 'ciso', …) as the agency names the role, in the UI language; an unknown key as it is. */
export function useRoleLabel() {
  const { i18n } = useTranslation();
  const roles = useRoles();
  return (key: string) => {
    const r = roles.data?.find((x) => x.key === key);
    return r ? (i18n.language === 'en' ? r.nameEn : r.nameJa) : key;
  };
}
