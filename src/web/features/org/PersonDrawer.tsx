import { Anchor, Badge, Divider, Drawer, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDate } from '../../app/format.js';
import { useCan } from '../../app/permissions.js';
import type { PersonDetail } from '../../app/types.js';
import { ProblemAlert } from '../../app/ui/ProblemAlert.js';
import { LoadingState } from '../../app/ui/States.js';
import { useUnitLabel } from '../../app/units.js';
import { AssignRoleForm } from './AssignRoleForm.js';
import { usePerson } from './api.js';
import { STATUS_COLORS } from './labels.js';
import { PersonRoles } from './PersonRoles.js';

/** One person: details, login account and roles (with assign/remove for those allowed). */
export function PersonDrawer({ personId, onClose }: { personId: string | null; onClose(): void }) {
  const { t } = useTranslation('org');
  const person = usePerson(personId);
  return (
    <Drawer
      opened={!!personId}
      onClose={onClose}
      position="right"
      size="lg"
      title={person.data?.name ?? t('person.title')}
    >
      <ProblemAlert error={person.error} />
      {person.isPending && personId ? <LoadingState /> : person.data && <PersonBody person={person.data} />}
    </Drawer>
  );
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" component="div">
        {children}
      </Text>
    </Stack>
  );
}

function PersonBody({ person }: { person: PersonDetail }) {
  const { t, i18n } = useTranslation('org');
  const unitLabel = useUnitLabel();
  const canAssign = useCan('role.assign');
  const canManageAccounts = useCan('account.manage');
  const account = person.account;
  return (
    <Stack>
      <SimpleGrid cols={2} spacing="sm">
        <Field label={t('people.staffNo')}>{person.staffNo}</Field>
        <Field label={t('people.kana')}>{person.kana || '—'}</Field>
        <Field label={t('people.email')}>{person.email ?? '—'}</Field>
        <Field label={t('people.unit')}>{unitLabel(person.unitId, person.unitName)}</Field>
        <Field label={t('people.employment')}>{t(`employment.${person.employmentType}`)}</Field>
        <Field label={t('people.status')}>
          <Badge color={STATUS_COLORS[person.status]}>{t(`status.${person.status}`)}</Badge>
          {person.leftAt && ` ${formatDate(person.leftAt, i18n.language)}`}
        </Field>
      </SimpleGrid>
      <Divider />
      <Title order={3} size="h5">
        {t('person.account')}
      </Title>
      {account ? (
        <Group gap="xs">
          <Text size="sm" ff="monospace">
            {account.login}
          </Text>
          {account.disabled && <Badge color="red">{t('person.disabled')}</Badge>}
          {account.locked && <Badge color="orange">{t('person.locked')}</Badge>}
          <Badge color={account.totpEnabled ? 'green' : 'gray'}>
            {account.totpEnabled ? t('person.totpOn') : t('person.totpOff')}
          </Badge>
          {canManageAccounts && (
            <Anchor component={Link} to={`/admin?q=${encodeURIComponent(account.login)}`} size="sm">
              {t('person.manageAccount')}
            </Anchor>
          )}
        </Group>
      ) : (
        <Text size="sm" c="dimmed">
          {t('person.noAccount')}
        </Text>
      )}
      <Divider />
      <Title order={3} size="h5">
        {t('roles.title')}
      </Title>
      <PersonRoles person={person} />
      {canAssign && person.status !== 'left' && <AssignRoleForm person={person} />}
    </Stack>
  );
}
