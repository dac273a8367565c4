import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { PasswordChangeForm } from '../auth/PasswordChangeForm.js';
import { Section } from './Section.js';

export function PasswordSection() {
  const { t } = useTranslation(['profile', 'auth']);
  return (
    <Section id="password" title={t('password.title')} description={t('password.description')}>
      <PasswordChangeForm
        onDone={() => {
          notifications.show({ color: 'green', message: t('auth:password.done') });
        }}
      />
    </Section>
  );
}
