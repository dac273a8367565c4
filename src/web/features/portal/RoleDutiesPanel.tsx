import { Card, List, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../app/ui/ProblemAlert.js';
import { LoadingState } from '../../app/ui/States.js';
import { localized, useRoleDuties } from './api.js';

/** The duties of each security role (002 L628-662) and who holds it in the reader's unit chain. */
export function RoleDutiesPanel() {
  const { t, i18n } = useTranslation('portal');
  const roles = useRoleDuties();
  const en = i18n.language.startsWith('en');
  if (roles.isPending) return <LoadingState />;
  return (
    <Stack>
      <ProblemAlert error={roles.error} />
      <Text size="sm" c="dimmed">
        {t('roles.intro')}
      </Text>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        {roles.data?.items.map((r) => (
          <Card key={r.roleId} withBorder>
            <Title order={3} size="h5" mb="xs">
              {localized(i18n.language, r.nameJa, r.nameEn)}
            </Title>
            <Text size="sm" mb="xs">
              {en ? r.dutiesEn : r.dutiesJa}
            </Text>
            {r.source && (
              <Text size="xs" c="dimmed" mb="xs">
                {t('roles.source', { source: r.source })}
              </Text>
            )}
            <Text size="sm" fw={500}>
              {t('roles.holders')}
            </Text>
            {r.standardName === '行政事務従事者' ? (
              <Text size="sm">{t('roles.everyone')}</Text>
            ) : r.holders.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t('roles.noHolders')}
              </Text>
            ) : (
              <List size="sm">
                {r.holders.map((h) => (
                  <List.Item key={`${h.name}-${h.unitName}`}>
                    {h.name}（{h.unitName}）
                  </List.Item>
                ))}
              </List>
            )}
          </Card>
        ))}
      </SimpleGrid>
    </Stack>
  );
}
