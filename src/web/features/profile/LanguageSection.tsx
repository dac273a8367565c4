import { Radio, Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api.js';
import { useAuth, useMe } from '../../app/auth.js';
import type { Me } from '../../app/types.js';
import { ProblemAlert } from '../../app/ui/ProblemAlert.js';
import { Section } from './Section.js';

/** The saved language: Japanese, English, or "as the browser asks" (null on the server). */
export function LanguageSection() {
  const { t, i18n } = useTranslation(['profile', 'common']);
  const me = useMe();
  const { setMe } = useAuth();
  const [error, setError] = useState<unknown>(null);
  const save = async (value: string) => {
    const locale = value === 'ja' || value === 'en' ? value : null;
    setError(null);
    try {
      setMe(await api<Me>('/me', { method: 'PATCH', body: { locale } }));
      if (locale) await i18n.changeLanguage(locale);
      notifications.show({ color: 'green', message: t('common:state.saved') });
    } catch (err) {
      setError(err);
    }
  };
  return (
    <Section id="language" title={t('language.title')} description={t('language.description')}>
      <ProblemAlert error={error} />
      <Radio.Group value={me.account.locale ?? 'auto'} onChange={save} label={t('language.label')}>
        <Stack gap="xs" mt="xs">
          <Radio value="ja" label="日本語" />
          <Radio value="en" label="English" />
          <Radio value="auto" label={t('language.auto')} />
        </Stack>
      </Radio.Group>
    </Section>
  );
}
