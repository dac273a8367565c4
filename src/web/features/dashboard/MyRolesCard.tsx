import { Badge, Group, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../app/auth.js';
import { DashboardCard } from '../../app/ui/DashboardCard.js';
import { useLocalName } from '../../app/units.js';

/** Who you are here: unit, roles and where you hold them, and sign-in protection. */
export function MyRolesCard() {
  const { t, i18n } = useTranslation('dashboard');
  const me = useMe();
  const name = useLocalName();
  return (
    <DashboardCard id="my-roles" title={t('myRoles.title')}>
      <Stack gap="sm">
        <Group gap="xs">
          <Text fw={600}>{me.person.name}</Text>
          <Text c="dimmed" size="sm">
            {name({ nameJa: me.person.unitNameJa, nameEn: me.person.unitNameEn })}
          </Text>
        </Group>
        {me.roles.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('myRoles.none')}
          </Text>
        ) : (
          <Table withRowBorders={false} verticalSpacing={4}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('myRoles.role')}</Table.Th>
                <Table.Th>{t('myRoles.unit')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {me.roles.map((r) => (
                <Table.Tr key={`${r.roleId}:${r.unitId}`}>
                  <Table.Td>{i18n.language === 'en' ? r.roleNameEn : r.roleNameJa}</Table.Td>
                  <Table.Td>{name({ nameJa: r.unitNameJa, nameEn: r.unitNameEn })}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        <Group gap="xs">
          <Text size="sm">{t('myRoles.totp')}</Text>
          <Badge color={me.account.totpEnabled ? 'green' : 'gray'}>
            {me.account.totpEnabled ? t('myRoles.totpOn') : t('myRoles.totpOff')}
          </Badge>
        </Group>
      </Stack>
    </DashboardCard>
  );
}
