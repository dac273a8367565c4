import { Badge, Button, Checkbox, Group, Stack, Table, Text, TextInput, Tooltip } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { IconSearch, IconUserPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { formatDateTime } from '../../app/format.js';
import type { TemporaryPassword } from '../../app/types.js';
import { Pager } from '../../app/ui/Pager.js';
import { ProblemAlert } from '../../app/ui/ProblemAlert.js';
import { EmptyMessage, LoadingState } from '../../app/ui/States.js';
import { AccountActions } from './AccountActions.js';
import { useAccounts } from './accounts-api.js';
import { CreateAccountModal } from './CreateAccountModal.js';
import { TemporaryPasswordModal } from './TemporaryPasswordModal.js';

export function AccountsTab() {
  const { t, i18n } = useTranslation('admin');
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const page = Math.max(1, Number(params.get('page')) || 1);
  const throttledOnly = params.get('throttled') === 'true';
  const [search, setSearch] = useState(q);
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<TemporaryPassword | null>(null);
  const setQuery = (patch: { q?: string; page?: number; throttled?: boolean }) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (patch.q !== undefined) {
          next.delete('page');
          if (patch.q) next.set('q', patch.q);
          else next.delete('q');
        }
        if (patch.throttled !== undefined) {
          next.delete('page');
          if (patch.throttled) next.set('throttled', 'true');
          else next.delete('throttled');
        }
        if (patch.page !== undefined) {
          if (patch.page > 1) next.set('page', String(patch.page));
          else next.delete('page');
        }
        return next;
      },
      { replace: true },
    );
  const commit = useDebouncedCallback((value: string) => setQuery({ q: value.trim() }), 300);
  const accounts = useAccounts(q, page, throttledOnly);
  const data = accounts.data;
  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <TextInput
          label={t('accounts.search')}
          placeholder={t('accounts.searchPlaceholder')}
          leftSection={<IconSearch size={16} aria-hidden />}
          type="search"
          value={search}
          onChange={(e) => {
            setSearch(e.currentTarget.value);
            commit(e.currentTarget.value);
          }}
          miw={300}
        />
        <Checkbox
          label={t('accounts.throttledOnly')}
          checked={throttledOnly}
          onChange={(e) => setQuery({ throttled: e.currentTarget.checked })}
          mb={8}
        />
        <Button leftSection={<IconUserPlus size={16} aria-hidden />} onClick={() => setCreating(true)}>
          {t('accounts.create.open')}
        </Button>
      </Group>
      <ProblemAlert error={accounts.error} />
      {accounts.isPending ? (
        <LoadingState />
      ) : data && data.items.length === 0 ? (
        <EmptyMessage title={t('accounts.empty')} />
      ) : (
        data && (
          <Table.ScrollContainer minWidth={760}>
            <Table
              striped
              verticalSpacing="xs"
              aria-label={t('accounts.tableLabel')}
              opacity={accounts.isPlaceholderData ? 0.6 : 1}
            >
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('accounts.login')}</Table.Th>
                  <Table.Th>{t('accounts.person')}</Table.Th>
                  <Table.Th>{t('accounts.unit')}</Table.Th>
                  <Table.Th>{t('accounts.state')}</Table.Th>
                  <Table.Th>{t('accounts.lastLogin')}</Table.Th>
                  <Table.Th>{t('accounts.actions')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.items.map((a) => (
                  <Table.Tr key={a.id}>
                    <Table.Td ff="monospace">{a.login}</Table.Td>
                    <Table.Td>
                      {a.personName}
                      <Text size="xs" c="dimmed">
                        {a.staffNo}
                      </Text>
                    </Table.Td>
                    <Table.Td>{a.unitName}</Table.Td>
                    <Table.Td>
                      <Group gap={4}>
                        <Badge color={a.disabled ? 'red' : 'green'}>
                          {a.disabled ? t('accounts.badge.disabled') : t('accounts.badge.enabled')}
                        </Badge>
                        {a.throttled && (
                          <Tooltip
                            label={t('accounts.badge.throttledUntil', {
                              time: formatDateTime(a.throttledUntil, i18n.language),
                            })}
                          >
                            <Badge color="orange">{t('accounts.badge.locked')}</Badge>
                          </Tooltip>
                        )}
                        {a.totpEnabled && <Badge color="blue">{t('accounts.badge.totp')}</Badge>}
                        {a.mustChangePassword && <Badge color="gray">{t('accounts.badge.mustChange')}</Badge>}
                      </Group>
                    </Table.Td>
                    <Table.Td>{formatDateTime(a.lastLoginAt, i18n.language)}</Table.Td>
                    <Table.Td>
                      <AccountActions account={a} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )
      )}
      {data && data.total > 0 && (
        <Pager
          total={data.total}
          page={data.page}
          pageSize={data.pageSize}
          onChange={(p) => setQuery({ page: p })}
        />
      )}
      <CreateAccountModal opened={creating} onClose={() => setCreating(false)} onCreated={setCreated} />
      <TemporaryPasswordModal result={created} onClose={() => setCreated(null)} />
    </Stack>
  );
}
