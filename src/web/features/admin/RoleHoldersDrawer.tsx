import { Drawer, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../app/types.js';
import { Pager } from '../../app/ui/Pager.js';
import { ProblemAlert } from '../../app/ui/ProblemAlert.js';
import { EmptyMessage, LoadingState } from '../../app/ui/States.js';
import { useUnitLabel } from '../../app/units.js';
import { roleName, useRoleHolders } from './roles-api.js';

/** Who holds a role, and at which unit (paged: a role such as 行政事務従事者 is held by everyone). */
export function RoleHoldersDrawer({ role, onClose }: { role: Role | null; onClose(): void }) {
  const { t, i18n } = useTranslation('admin');
  const [page, setPage] = useState(1);
  const holders = useRoleHolders(role?.id ?? null, page);
  const unitLabel = useUnitLabel();
  const data = holders.data;
  return (
    <Drawer
      opened={!!role}
      onClose={() => {
        setPage(1);
        onClose();
      }}
      position="right"
      size="lg"
      title={role ? t('roles.holders.title', { role: roleName(role, i18n.language) }) : ''}
    >
      <Stack>
        <ProblemAlert error={holders.error} />
        {holders.isPending ? (
          <LoadingState />
        ) : data && data.items.length === 0 ? (
          <EmptyMessage title={t('roles.holders.empty')} />
        ) : (
          data && (
            <Table verticalSpacing={4} aria-label={t('roles.holders.tableLabel')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('roles.holders.staffNo')}</Table.Th>
                  <Table.Th>{t('roles.holders.name')}</Table.Th>
                  <Table.Th>{t('roles.holders.unit')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.items.map((h) => (
                  <Table.Tr key={h.assignmentId}>
                    <Table.Td>
                      <Text size="sm" ff="monospace">
                        {h.staffNo}
                      </Text>
                    </Table.Td>
                    <Table.Td>{h.name}</Table.Td>
                    <Table.Td>{unitLabel(h.unitId, h.unitName)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )
        )}
        {data && data.total > 0 && (
          <Pager total={data.total} page={data.page} pageSize={data.pageSize} onChange={setPage} />
        )}
      </Stack>
    </Drawer>
  );
}
