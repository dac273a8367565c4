import { ActionIcon, Stack, Table, Text, Tooltip, VisuallyHidden } from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api.js';
import { useAuth } from '../../app/auth.js';
import { holds } from '../../app/policy.js';
import type { PersonDetail } from '../../app/types.js';
import { ConfirmDialog } from '../../app/ui/ConfirmDialog.js';
import { useUnitIndex, useUnitLabel } from '../../app/units.js';
import { personKey } from './api.js';

type Assignment = PersonDetail['roles'][number];

/** The person's roles, each removable (after confirmation) where the user may assign roles. */
export function PersonRoles({ person }: { person: PersonDetail }) {
  const { t, i18n } = useTranslation('org');
  const { me, refresh } = useAuth();
  const queryClient = useQueryClient();
  const index = useUnitIndex();
  const unitLabel = useUnitLabel();
  const [removing, setRemoving] = useState<Assignment | null>(null);
  const mayRemove = (a: Assignment) => {
    const unit = index.get(a.unitId);
    return !!unit && holds(me, 'role.assign', unit.path);
  };
  const roleLabel = (a: Assignment) => (i18n.language === 'en' ? a.roleNameEn : a.roleNameJa);
  const remove = async () => {
    if (!removing) return;
    await api(`/role-assignments/${removing.id}`, { method: 'DELETE' });
    await queryClient.invalidateQueries({ queryKey: personKey(person.id) });
    await queryClient.invalidateQueries({ queryKey: ['roles'] });
    if (person.id === me?.person.id) await refresh();
  };
  if (person.roles.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t('roles.none')}
      </Text>
    );
  }
  return (
    <Stack gap={0}>
      <Table verticalSpacing={4} aria-label={t('roles.title')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('roles.role')}</Table.Th>
            <Table.Th>{t('roles.unit')}</Table.Th>
            <Table.Th w={40}>
              <VisuallyHidden>{t('roles.actions')}</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {person.roles.map((a) => (
            <Table.Tr key={a.id}>
              <Table.Td>{roleLabel(a)}</Table.Td>
              <Table.Td>{unitLabel(a.unitId, a.unitName)}</Table.Td>
              <Table.Td>
                {mayRemove(a) && (
                  <Tooltip label={t('roles.remove')}>
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      aria-label={t('roles.removeNamed', { role: roleLabel(a) })}
                      onClick={() => setRemoving(a)}
                    >
                      <IconTrash size={16} aria-hidden />
                    </ActionIcon>
                  </Tooltip>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <ConfirmDialog
        opened={!!removing}
        onClose={() => setRemoving(null)}
        title={t('roles.removeTitle')}
        message={
          removing
            ? t('roles.removeConfirm', {
                person: person.name,
                role: roleLabel(removing),
                unit: unitLabel(removing.unitId, removing.unitName),
              })
            : ''
        }
        confirmLabel={t('roles.remove')}
        onConfirm={remove}
      />
    </Stack>
  );
}
