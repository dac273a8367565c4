import { ActionIcon, Anchor, Badge, Button, Group, Stack, Table, Text, Tooltip } from '@mantine/core';
import { IconPencil, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePermissionLabel } from '../../app/labels.js';
import { useCan } from '../../app/permissions.js';
import type { Role } from '../../app/types.js';
import { ProblemAlert } from '../../app/ui/ProblemAlert.js';
import { EmptyMessage, LoadingState } from '../../app/ui/States.js';
import { RoleEditModal } from './RoleEditModal.js';
import { RoleHoldersDrawer } from './RoleHoldersDrawer.js';
import { roleName, useRoles } from './roles-api.js';

/** The role catalog: names (renamable), the standard's name, metric group, permissions, holders. */
export function RolesTab() {
  const { t, i18n } = useTranslation('admin');
  const roles = useRoles();
  const permissionLabel = usePermissionLabel();
  const canManage = useCan('role.manage');
  const canSeeHolders = useCan('org.read');
  const [editing, setEditing] = useState<Role | null>(null);
  const [creating, setCreating] = useState(false);
  const [holdersOf, setHoldersOf] = useState<Role | null>(null);
  return (
    <Stack>
      <Group justify="space-between">
        <Text c="dimmed" size="sm">
          {t('roles.description')}
        </Text>
        {canManage && (
          <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setCreating(true)}>
            {t('roles.create')}
          </Button>
        )}
      </Group>
      <ProblemAlert error={roles.error} />
      {roles.isPending ? (
        <LoadingState />
      ) : !roles.data || roles.data.length === 0 ? (
        <EmptyMessage />
      ) : (
        <Table.ScrollContainer minWidth={800}>
          <Table striped verticalSpacing="xs" aria-label={t('roles.tableLabel')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('roles.name')}</Table.Th>
                <Table.Th>{t('roles.metricGroup')}</Table.Th>
                <Table.Th>{t('roles.permissions')}</Table.Th>
                <Table.Th>{t('roles.holders.count')}</Table.Th>
                {canManage && <Table.Th>{t('roles.actions')}</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {roles.data.map((r) => (
                <Table.Tr key={r.id}>
                  <Table.Td>
                    <Text size="sm" fw={600}>
                      {roleName(r, i18n.language)}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {r.standardName ? t('roles.standard', { name: r.standardName }) : t('roles.agencyOwn')}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    {r.metricGroup ? t(`roles.group.${r.metricGroup}`) : t('roles.group.none')}
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      {r.permissions.length === 0 && (
                        <Text size="sm" c="dimmed">
                          {t('roles.noPermissions')}
                        </Text>
                      )}
                      {r.permissions.map((p) => (
                        <Badge key={p} size="sm" color="gray" tt="none">
                          {permissionLabel(p)}
                        </Badge>
                      ))}
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    {canSeeHolders ? (
                      <Anchor component="button" type="button" size="sm" onClick={() => setHoldersOf(r)}>
                        {t('roles.holders.countValue', { count: r.holders })}
                      </Anchor>
                    ) : (
                      t('roles.holders.countValue', { count: r.holders })
                    )}
                  </Table.Td>
                  {canManage && (
                    <Table.Td>
                      <Tooltip label={t('roles.edit.title')}>
                        <ActionIcon
                          variant="subtle"
                          aria-label={t('roles.edit.named', { role: roleName(r, i18n.language) })}
                          onClick={() => setEditing(r)}
                        >
                          <IconPencil size={16} aria-hidden />
                        </ActionIcon>
                      </Tooltip>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <RoleEditModal
        role={editing}
        opened={!!editing || creating}
        onClose={() => {
          setEditing(null);
          setCreating(false);
        }}
      />
      <RoleHoldersDrawer role={holdersOf} onClose={() => setHoldersOf(null)} />
    </Stack>
  );
}
