import { Badge, Group, Spoiler, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../app/format.js';
import { EmptyMessage } from '../../app/ui/States.js';
import { useLocalName } from '../../app/units.js';
import type { AgencyStatus } from './api.js';

/**
 * Each agency's handling as the central body sees it (001 L14111-15107): states and the action report,
 * never the agency's recipients or systems.
 */
export function AgencyStatusTable({
  rows,
  reportRequested,
}: {
  rows: AgencyStatus[];
  reportRequested: boolean;
}) {
  const { t, i18n } = useTranslation('alerts');
  const name = useLocalName();
  const when = (iso: string | null) => formatDateTime(iso, i18n.language);
  if (rows.length === 0) return <EmptyMessage title={t('agencyStatus.empty')} />;
  return (
    <Table.ScrollContainer minWidth={960}>
      <Table striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('agencyStatus.agency')}</Table.Th>
            <Table.Th>{t('agencyStatus.received')}</Table.Th>
            <Table.Th>{t('agencyStatus.acknowledged')}</Table.Th>
            <Table.Th>{t('agencyStatus.forwarded')}</Table.Th>
            <Table.Th>{t('agencyStatus.released')}</Table.Th>
            <Table.Th>{t('agencyStatus.reported')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr key={r.agencyId} data-testid={`agency-status-${r.agencyCode}`}>
              <Table.Td>
                <Text size="sm">{name({ nameJa: r.agencyNameJa, nameEn: r.agencyNameEn })}</Text>
                <Text size="xs" c="dimmed">
                  {r.agencyCode}
                </Text>
              </Table.Td>
              <Table.Td>{when(r.receivedAt)}</Table.Td>
              <Table.Td>
                {r.acknowledgedAt ? (
                  <Stack gap={2}>
                    <Badge color="green">{t('state.acknowledged')}</Badge>
                    <Text size="xs">{when(r.acknowledgedAt)}</Text>
                    {r.minutesToAcknowledge !== null && (
                      <Text size="xs" c="dimmed">
                        {t('agencyStatus.minutes', { count: r.minutesToAcknowledge })}
                      </Text>
                    )}
                  </Stack>
                ) : (
                  <Badge color="gray">{t('state.unacknowledged')}</Badge>
                )}
              </Table.Td>
              <Table.Td>
                {r.forwardedAt ? (
                  <Stack gap={2}>
                    <Text size="sm">{t('agencyStatus.people', { count: r.forwardedCount })}</Text>
                    <Text size="xs" c="dimmed">
                      {when(r.forwardedAt)}
                    </Text>
                  </Stack>
                ) : (
                  '—'
                )}
              </Table.Td>
              <Table.Td>{r.releasedAt ? when(r.releasedAt) : '—'}</Table.Td>
              <Table.Td>
                <Stack gap={4}>
                  <Group gap={4}>
                    {r.reportedAt && (
                      <Badge color={r.closedAt ? 'green' : 'blue'}>
                        {r.closedAt ? t('state.closed') : t('state.reported')}
                      </Badge>
                    )}
                    {reportRequested && r.reportOpen && !r.overdue && (
                      <Badge color="yellow">{t('state.reportOpen')}</Badge>
                    )}
                    {r.overdue && <Badge color="red">{t('state.overdue')}</Badge>}
                    {!reportRequested && !r.reportedAt && '—'}
                  </Group>
                  {r.reportedAt && (
                    <Text size="xs" c="dimmed">
                      {when(r.reportedAt)}
                    </Text>
                  )}
                  {r.actionReport && (
                    <Spoiler maxHeight={60} showLabel={t('more')} hideLabel={t('less')}>
                      <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                        {r.actionReport}
                      </Text>
                    </Spoiler>
                  )}
                </Stack>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
