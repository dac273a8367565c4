import { Badge, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../app/format.js';
import { Pager } from '../../../app/ui/Pager.js';
import { ProblemAlert } from '../../../app/ui/ProblemAlert.js';
import { EmptyMessage, LoadingState } from '../../../app/ui/States.js';
import { PENDING_PAGE_SIZE, usePending } from '../api.js';
import { MEMBER_STATE_COLORS } from '../format.js';

/** Who in the unit's subtree has not submitted yet, 20 a page (keyed by unit, so a new unit starts at page 1). */
export function PendingList({
  campaignId,
  unitId,
  roleLabel,
}: {
  campaignId: string;
  unitId: string | null;
  roleLabel(key: string): string;
}) {
  const { t, i18n } = useTranslation('selfcheck');
  const [page, setPage] = useState(1);
  const pending = usePending(campaignId, unitId, page);
  const data = pending.data;
  return (
    <>
      <ProblemAlert error={pending.error} />
      {pending.isPending ? (
        <LoadingState />
      ) : !data || data.total === 0 ? (
        <EmptyMessage title={t('pending.empty')} />
      ) : (
        <>
          <Table.ScrollContainer minWidth={680}>
            <Table
              striped
              aria-label={t('pending.title')}
              opacity={pending.isPlaceholderData ? 0.6 : 1}
              data-testid="pending-table"
            >
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('pending.col.staffNo')}</Table.Th>
                  <Table.Th>{t('pending.col.name')}</Table.Th>
                  <Table.Th>{t('pending.col.unit')}</Table.Th>
                  <Table.Th>{t('pending.col.role')}</Table.Th>
                  <Table.Th>{t('pending.col.state')}</Table.Th>
                  <Table.Th>{t('pending.col.reminded')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.items.map((p) => (
                  <Table.Tr key={p.memberId}>
                    <Table.Td ff="monospace">{p.staffNo}</Table.Td>
                    <Table.Td>{p.name}</Table.Td>
                    <Table.Td>{p.unitName}</Table.Td>
                    <Table.Td>{roleLabel(p.roleKey)}</Table.Td>
                    <Table.Td>
                      <Badge color={MEMBER_STATE_COLORS[p.state]}>{t(`memberState.${p.state}`)}</Badge>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" c={p.lastRemindedAt ? undefined : 'dimmed'}>
                        {formatDateTime(p.lastRemindedAt, i18n.language)}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <Pager total={data.total} page={page} pageSize={PENDING_PAGE_SIZE} onChange={setPage} />
        </>
      )}
    </>
  );
}
