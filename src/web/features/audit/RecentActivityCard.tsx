import { Button, Group, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDateTime } from '../../app/format.js';
import { DashboardCard } from '../../app/ui/DashboardCard.js';
import { EmptyMessage, LoadingState } from '../../app/ui/States.js';
import { emptyAuditFilter, useAuditEvents } from './api.js';
import { useAuditLabels } from './labels.js';

/** Home-page card for auditors: the latest recorded operations. */
export function RecentActivityCard() {
  const { t, i18n } = useTranslation('audit');
  const labels = useAuditLabels();
  const events = useAuditEvents(emptyAuditFilter, 5);
  return (
    <DashboardCard id="recent-activity" title={t('card.title')}>
      {events.isPending ? (
        <LoadingState />
      ) : !events.data || events.data.items.length === 0 ? (
        <EmptyMessage title={t('empty')} />
      ) : (
        <Stack gap="xs">
          <Table verticalSpacing={4} aria-label={t('card.title')}>
            <Table.Tbody>
              {events.data.items.map((e) => (
                <Table.Tr key={e.id}>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    <Text size="xs" c="dimmed">
                      {formatDateTime(e.at, i18n.language)}
                    </Text>
                  </Table.Td>
                  <Table.Td>{labels.action(e.action)}</Table.Td>
                  <Table.Td>{e.actor}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Group>
            <Button component={Link} to="/audit" variant="light" size="xs">
              {t('card.open')}
            </Button>
          </Group>
        </Stack>
      )}
    </DashboardCard>
  );
}
