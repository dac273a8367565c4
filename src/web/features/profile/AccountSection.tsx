import { SimpleGrid, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../app/auth.js';
import { useLocalName } from '../../app/units.js';
import { Section } from './Section.js';

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm">{children}</Text>
    </Stack>
  );
}

export function AccountSection() {
  const { t } = useTranslation('profile');
  const me = useMe();
  const name = useLocalName();
  return (
    <Section id="account" title={t('account.title')}>
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
        <Field label={t('account.name')}>{me.person.name}</Field>
        <Field label={t('account.login')}>{me.account.login}</Field>
        <Field label={t('account.staffNo')}>{me.person.staffNo}</Field>
        <Field label={t('account.unit')}>
          {name({ nameJa: me.person.unitNameJa, nameEn: me.person.unitNameEn })}
        </Field>
        <Field label={t('account.email')}>{me.person.email ?? '—'}</Field>
        <Field label={t('account.agency')}>{name(me.tenant)}</Field>
      </SimpleGrid>
    </Section>
  );
}
