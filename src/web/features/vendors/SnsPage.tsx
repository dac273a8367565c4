import { Anchor, Badge, Button, Group, Modal, Stack, Table, Text, Textarea, TextInput } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../app/api.js';
import { useCan } from '../../app/permissions.js';
import { PageHeader } from '../../app/ui/PageHeader.js';
import { Pager } from '../../app/ui/Pager.js';
import { fieldError, ProblemAlert } from '../../app/ui/ProblemAlert.js';
import { EmptyMessage, LoadingState } from '../../app/ui/States.js';
import { PeoplePicker } from '../classification/ui/PeoplePicker.js';
import { PAGE_SIZE, useSnsAccounts, VK } from './api.js';
import { DueBadge, ListToolbar, UnitSelect } from './ui.js';

/** Official SNS accounts with their 管理担当者, checklist and re-confirmation (001 L14190-14392). */
export default function SnsPage() {
  const { t } = useTranslation('vendors');
  const qc = useQueryClient();
  const canManage = useCan('vendor.manage');
  const [q, setQ] = useState('');
  const [filter, setFilter] = useState('all');
  const [page, setPage] = useState(1);
  const list = useSnsAccounts({ q, filter, page });
  const [creating, setCreating] = useState(false);
  return (
    <>
      <PageHeader
        title={t('sns.title')}
        description={t('sns.description')}
        actions={
          canManage && (
            <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
              {t('sns.new')}
            </Button>
          )
        }
      />
      <ListToolbar
        q={q}
        onQ={(v) => {
          setQ(v);
          setPage(1);
        }}
        filter={filter}
        onFilter={(f) => {
          setFilter(f);
          setPage(1);
        }}
        filters={(['all', 'due', 'overdue'] as const).map((value) => ({
          value,
          label: t(`filter.${value}`),
        }))}
      />
      <ProblemAlert error={list.error} />
      {list.isPending ? (
        <LoadingState />
      ) : !list.data?.items.length ? (
        <EmptyMessage title={t('sns.empty')} />
      ) : (
        <Stack>
          <Table.ScrollContainer minWidth={760}>
            <Table striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('sns.account')}</Table.Th>
                  <Table.Th>{t('field.unit')}</Table.Th>
                  <Table.Th>{t('sns.managers')}</Table.Th>
                  <Table.Th>{t('sns.checklist')}</Table.Th>
                  <Table.Th>{t('field.reconfirm')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.data.items.map((a) => (
                  <Table.Tr key={a.id} data-testid="sns-row">
                    <Table.Td>
                      <Anchor component={Link} to={`/vendors/sns/${a.id}`} fw={600}>
                        {a.accountName}
                      </Anchor>
                      <Text size="xs" c="dimmed">
                        {a.platform}
                      </Text>
                    </Table.Td>
                    <Table.Td>{a.unit.name}</Table.Td>
                    <Table.Td>{a.managers.map((m) => m.name).join('、') || '—'}</Table.Td>
                    <Table.Td>
                      <Badge color={a.openItems.length ? 'yellow' : 'green'} variant="light">
                        {t('sns.open', { count: a.openItems.length })}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      {a.status === 'retired' ? (
                        t('status.retired')
                      ) : (
                        <DueBadge status={a.reconfirmStatus} due={a.reconfirmDue} />
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <Pager total={list.data.total} page={page} pageSize={PAGE_SIZE} onChange={setPage} />
        </Stack>
      )}
      <SnsForm
        opened={creating}
        onClose={() => setCreating(false)}
        onSaved={() => qc.invalidateQueries({ queryKey: [VK] })}
      />
    </>
  );
}

function SnsForm(props: { opened: boolean; onClose(): void; onSaved(): void }) {
  const { t } = useTranslation('vendors');
  const [unitId, setUnitId] = useState<string | null>(null);
  const [managerIds, setManagerIds] = useState<string[]>([]);
  const [form, setForm] = useState({ platform: '', accountName: '', url: '', purpose: '' });
  const [error, setError] = useState<unknown>(null);
  const set = (k: keyof typeof form) => (e: { currentTarget: { value: string } }) => {
    const value = e.currentTarget.value;
    // Functional update: two quick changes must not overwrite each other with a stale form.
    setForm((f) => ({ ...f, [k]: value }));
  };
  const save = async () => {
    setError(null);
    try {
      await api('/vendors/sns-accounts', { method: 'POST', body: { ...form, unitId, managerIds } });
      props.onSaved();
      props.onClose();
    } catch (e) {
      setError(e);
    }
  };
  return (
    <Modal opened={props.opened} onClose={props.onClose} title={t('sns.new')} size="lg">
      <Stack>
        <UnitSelect value={unitId} onChange={setUnitId} error={fieldError(error, 'body.unitId')} />
        <TextInput label={t('sns.platform')} required value={form.platform} onChange={set('platform')} />
        <TextInput label={t('sns.account')} required value={form.accountName} onChange={set('accountName')} />
        <TextInput
          label={t('field.url')}
          value={form.url}
          onChange={set('url')}
          error={fieldError(error, 'body.url')}
        />
        <Textarea
          label={t('sns.purpose')}
          value={form.purpose}
          onChange={set('purpose')}
          autosize
          minRows={2}
        />
        <PeoplePicker label={t('sns.managers')} value={managerIds} onChange={setManagerIds} />
        <ProblemAlert error={error} />
        <Group justify="flex-end">
          <Button onClick={save}>{t('action.save')}</Button>
        </Group>
      </Stack>
    </Modal>
  );
}
