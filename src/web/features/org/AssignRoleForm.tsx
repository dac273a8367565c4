import { Button, Group, Select } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api.js';
import { useAuth } from '../../app/auth.js';
import { holds } from '../../app/policy.js';
import type { PersonDetail } from '../../app/types.js';
import { ProblemAlert } from '../../app/ui/ProblemAlert.js';
import { useLocalName, useUnitIndex } from '../../app/units.js';
import { roleName, useRoles } from '../admin/roles-api.js';
import { personKey } from './api.js';
import { pathLabel } from './tree.js';

/** Give the person a role at a unit (default: their own unit); only units the user may assign at. */
export function AssignRoleForm({ person }: { person: PersonDetail }) {
  const { t, i18n } = useTranslation('org');
  const { me, refresh } = useAuth();
  const queryClient = useQueryClient();
  const roles = useRoles();
  const index = useUnitIndex();
  const name = useLocalName();
  const [roleId, setRoleId] = useState<string | null>(null);
  const [unitId, setUnitId] = useState<string | null>(person.unitId);
  const unitOptions = useMemo(
    () =>
      [...index.values()]
        .filter((u) => !u.abolished && holds(me, 'role.assign', u.path))
        .map((u) => ({ value: u.id, label: pathLabel(u, index, name) })),
    [index, me, name],
  );
  const assign = useMutation({
    mutationFn: () => api(`/people/${person.id}/roles`, { method: 'POST', body: { roleId, unitId } }),
    onSuccess: async () => {
      setRoleId(null);
      await queryClient.invalidateQueries({ queryKey: personKey(person.id) });
      await queryClient.invalidateQueries({ queryKey: ['roles'] });
      if (person.id === me?.person.id) await refresh();
    },
  });
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        if (roleId && unitId) assign.mutate();
      }}
    >
      <ProblemAlert error={assign.error} />
      <Group align="flex-end" gap="xs" mt="xs">
        <Select
          label={t('roles.role')}
          data={(roles.data ?? []).map((r) => ({ value: r.id, label: roleName(r, i18n.language) }))}
          value={roleId}
          onChange={setRoleId}
          searchable
          style={{ flex: 1 }}
          miw={200}
        />
        <Select
          label={t('roles.unit')}
          data={unitOptions}
          value={unitId}
          onChange={setUnitId}
          searchable
          style={{ flex: 1 }}
          miw={200}
          limit={200}
        />
        <Button type="submit" loading={assign.isPending} disabled={!roleId || !unitId}>
          {t('roles.assign')}
        </Button>
      </Group>
    </form>
  );
}
