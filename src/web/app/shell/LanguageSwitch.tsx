import { SegmentedControl } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Lang } from '../../i18n/index.js';
import { api } from '../api.js';
import { useAuth } from '../auth.js';
import type { Me } from '../types.js';

// Language names are written in their own language, the usual convention for a language switch.
const OPTIONS = [
  { value: 'ja', label: '日本語' },
  { value: 'en', label: 'English' },
];

/** Switches the UI language; for a signed-in user it also becomes their saved preference. */
export function LanguageSwitch({ size = 'xs' }: { size?: 'xs' | 'sm' }) {
  const { t, i18n } = useTranslation();
  const { me, setMe } = useAuth();
  const change = async (value: string) => {
    const lang = value as Lang;
    await i18n.changeLanguage(lang);
    if (me && me.account.locale !== lang) {
      try {
        setMe(await api<Me>('/me', { method: 'PATCH', body: { locale: lang } }));
      } catch {
        // The switch still applies on this device; the profile page shows the saved preference.
      }
    }
  };
  return (
    <SegmentedControl
      size={size}
      data={OPTIONS}
      value={i18n.language === 'en' ? 'en' : 'ja'}
      onChange={change}
      aria-label={t('topbar.language')}
    />
  );
}
