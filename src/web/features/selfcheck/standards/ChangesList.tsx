import { ActionIcon, Badge, Code, Table, Text } from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../app/api.js';
import { formatDateTime } from '../../../app/format.js';
import type { PolicyDetail } from '../../../app/types.js';
import { ConfirmDialog } from '../../../app/ui/ConfirmDialog.js';
import { EmptyMessage } from '../../../app/ui/States.js';
import { keys } from '../api.js';

/** The agency's changes to the catalog, each removable (after confirmation) by the security office. */
export function ChangesList({ policy, canManage }: { policy: PolicyDetail; canManage: boolean }) {
  const { t, i18n } = useTranslation('selfcheck');
  const queryClient = useQueryClient();
  const [removing, setRemoving] = useState<PolicyDetail['changes'][number] | null>(null);
  if (policy.changes.length === 0) return <EmptyMessage title={t('policy.noChanges')} />;
  return (
    <>
      <Table.ScrollContainer minWidth={640}>
        <Table striped aria-label={t('policy.changesLabel')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('policy.col.item')}</Table.Th>
              <Table.Th>{t('policy.col.kind')}</Table.Th>
              <Table.Th>{t('policy.col.reason')}</Table.Th>
              <Table.Th>{t('policy.col.at')}</Table.Th>
              {canManage && <Table.Th />}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {policy.changes.map((c) => (
              <Table.Tr key={c.id}>
                <Table.Td>
                  <Code fz="xs">{c.itemId}</Code>
                </Table.Td>
                <Table.Td>
                  <Badge>{t(`changeKind.${c.kind}`)}</Badge>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{c.reason}</Text>
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  {formatDateTime(c.createdAt, i18n.language)}
                </Table.Td>
                {canManage && (
                  <Table.Td>
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      onClick={() => setRemoving(c)}
                      aria-label={t('policy.removeChange', { item: c.itemId })}
                    >
                      <IconTrash size={16} aria-hidden />
                    </ActionIcon>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <ConfirmDialog
        opened={removing !== null}
        onClose={() => setRemoving(null)}
        title={t('policy.removeTitle')}
        message={t('policy.removeBody', { item: removing?.itemId ?? '' })}
        confirmLabel={t('policy.removeConfirm')}
        onConfirm={async () => {
          if (!removing) return;
          await api(`/selfcheck/policies/${policy.id}/changes/${removing.id}`, { method: 'DELETE' });
          await queryClient.invalidateQueries({ queryKey: keys.policy(policy.id) });
          await queryClient.invalidateQueries({ queryKey: keys.policies });
        }}
      />
    </>
  );
}
