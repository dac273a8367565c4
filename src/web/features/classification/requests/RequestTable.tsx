import { Anchor, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDateTime } from '../../../app/format.js';
import type { HandlingRequest } from '../types.js';
import { RequestStatusBadge } from '../ui/badges.js';
import { DecideButtons } from './DecideButtons.js';

/** Requests with what they concern, who asked, their status and (for approvers) the decision buttons. */
export function RequestTable({
  items,
  label,
  withDecide = false,
  dim,
}: {
  items: HandlingRequest[];
  label: string;
  withDecide?: boolean;
  dim?: boolean;
}) {
  const { t, i18n } = useTranslation('classification');
  const lang = i18n.language;
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table
        striped
        verticalSpacing="sm"
        aria-label={label}
        data-testid="requests-table"
        style={{ opacity: dim ? 0.6 : 1 }}
      >
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('requests.col.action')}</Table.Th>
            <Table.Th>{t('requests.col.entry')}</Table.Th>
            <Table.Th>{t('requests.col.requester')}</Table.Th>
            <Table.Th>{t('requests.col.createdAt')}</Table.Th>
            <Table.Th>{t('requests.col.status')}</Table.Th>
            {withDecide && <Table.Th>{t('requests.col.decide')}</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((r) => (
            <Table.Tr key={r.id}>
              <Table.Td>
                <Anchor component={Link} to={`/classification/requests/${r.id}`} fw={600}>
                  {t(`action.${r.action}`)}
                </Anchor>
                {r.destination && (
                  <Text size="xs" c="dimmed">
                    {t('requests.to', { destination: r.destination })}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <Stack gap={0}>
                  <Text size="sm">{r.entry?.title ?? t('requests.noEntry')}</Text>
                  <Text size="xs" c="dimmed">
                    {r.entry?.marking ?? t('requests.level', { level: r.confidentiality })}
                  </Text>
                </Stack>
              </Table.Td>
              <Table.Td>
                <Stack gap={0}>
                  <Text size="sm">{r.requester.name}</Text>
                  <Text size="xs" c="dimmed">
                    {r.unitName}
                  </Text>
                </Stack>
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <Text size="sm">{formatDateTime(r.createdAt, lang)}</Text>
              </Table.Td>
              <Table.Td>
                <RequestStatusBadge status={r.status} />
              </Table.Td>
              {withDecide && (
                <Table.Td>
                  <DecideButtons request={r} compact />
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
