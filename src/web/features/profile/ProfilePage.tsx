import { Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../app/ui/PageHeader.js';
import { AccountSection } from './AccountSection.js';
import { LanguageSection } from './LanguageSection.js';
import { PasswordSection } from './PasswordSection.js';
import { TokensSection } from './TokensSection.js';
import { TotpSection } from './TotpSection.js';

export default function ProfilePage() {
  const { t } = useTranslation('profile');
  return (
    <>
      <PageHeader title={t('title')} />
      <Stack>
        <AccountSection />
        <LanguageSection />
        <PasswordSection />
        <TotpSection />
        <TokensSection />
      </Stack>
    </>
  );
}
