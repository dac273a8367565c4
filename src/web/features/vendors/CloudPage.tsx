import { Anchor, Button, Group, Modal, Stack, Table, Text, Textarea, TextInput } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api.js';
import { useCan } from '../../app/permissions.js';
import { ConfirmDialog } from '../../app/ui/ConfirmDialog.js';
import { PageHeader } from '../../app/ui/PageHeader.js';
import { Pager } from '../../app/ui/Pager.js';
import { fieldError, ProblemAlert } from '../../app/ui/ProblemAlert.js';
import { EmptyMessage, LoadingState } from '../../app/ui/States.js';
import { PeoplePicker } from '../classification/ui/PeoplePicker.js';
import { PAGE_SIZE, useCloudServices, VK } from './api.js';
import type { CloudService } from './types.js';
import { DueBadge, ListToolbar, UnitSelect } from './ui.js';

/** Allowed terms-of-service cloud services (001 L11001-11080) and who answers for each. */
export default function CloudPage() {
  const { t } = useTranslation('vendors');
  const qc = useQueryClient();
  const canManage = useCan('vendor.manage');
  const [q, setQ] = useState('');
  const [filter, setFilter] = useState('all');
  const [page, setPage] = useState(1);
  const list = useCloudServices({ q, filter, page });
  const [creating, setCreating] = useState(false);
  const [naming, setNaming] = useState<CloudService | null>(null);
  const [retiring, setRetiring] = useState<CloudService | null>(null);
  const [error, setError] = useState<unknown>(null);
  const refresh = () => qc.invalidateQueries({ queryKey: [VK] });
  const confirm = async (s: CloudService) => {
    setError(null);
    try {
      await api(`/vendors/cloud-services/${s.id}/confirm`, { method: 'POST' });
      await refresh();
    } catch (e) {
      setError(e);
    }
  };
  return (
    <>
      <PageHeader
        title={t('cloud.title')}
        description={t('cloud.description')}
        actions={
          canManage && (
            <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
              {t('cloud.new')}
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
      <ProblemAlert error={error ?? list.error} />
      {list.isPending ? (
        <LoadingState />
      ) : !list.data?.items.length ? (
        <EmptyMessage title={t('cloud.empty')} />
      ) : (
        <Stack>
          <Table.ScrollContainer minWidth={800}>
            <Table striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('field.name')}</Table.Th>
                  <Table.Th>{t('field.unit')}</Table.Th>
                  <Table.Th>{t('cloud.conditions')}</Table.Th>
                  <Table.Th>{t('cloud.responsible')}</Table.Th>
                  <Table.Th>{t('field.reconfirm')}</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.data.items.map((s) => (
                  <Table.Tr key={s.id} data-testid="cloud-row">
                    <Table.Td>
                      <Text fw={600}>{s.name}</Text>
                      <Text size="xs" c="dimmed">
                        {s.provider}
                        {s.url && (
                          <>
                            {' · '}
                            <Anchor href={s.url} target="_blank" rel="noopener noreferrer" size="xs">
                              {s.url}
                            </Anchor>
                          </>
                        )}
                      </Text>
                    </Table.Td>
                    <Table.Td>{s.unit.name}</Table.Td>
                    <Table.Td>
                      <Text size="sm">{t('cloud.maxLevel', { level: s.maxConfidentiality })}</Text>
                      <Text size="xs" c="dimmed" lineClamp={2}>
                        {[s.allowedUses, s.conditions].filter(Boolean).join(' / ')}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      {s.responsible?.name ?? <Text c="red">{t('cloud.noResponsible')}</Text>}
                    </Table.Td>
                    <Table.Td>
                      {s.status === 'retired' ? (
                        t('status.retired')
                      ) : (
                        <DueBadge status={s.reconfirmStatus} due={s.reconfirmDue} />
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Group gap="xs" wrap="nowrap">
                        {s.can.confirm && s.status === 'active' && (
                          <Button size="xs" variant="light" onClick={() => confirm(s)}>
                            {t('action.confirm')}
                          </Button>
                        )}
                        {s.can.name && (
                          <Button size="xs" variant="default" onClick={() => setNaming(s)}>
                            {t('cloud.name')}
                          </Button>
                        )}
                        {s.can.edit && s.status === 'active' && (
                          <Button size="xs" variant="subtle" color="red" onClick={() => setRetiring(s)}>
                            {t('action.retire')}
                          </Button>
                        )}
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <Pager total={list.data.total} page={page} pageSize={PAGE_SIZE} onChange={setPage} />
        </Stack>
      )}
      <CloudForm opened={creating} onClose={() => setCreating(false)} onSaved={refresh} />
      {naming && <NameModal service={naming} onClose={() => setNaming(null)} onSaved={refresh} />}
      <ConfirmDialog
        opened={!!retiring}
        onClose={() => setRetiring(null)}
        title={t('action.retire')}
        message={t('cloud.retireConfirm', { name: retiring?.name ?? '' })}
        confirmLabel={t('action.retire')}
        onConfirm={async () => {
          await api(`/vendors/cloud-services/${retiring!.id}`, {
            method: 'PATCH',
            body: { status: 'retired' },
          });
          await refresh();
        }}
      />
    </>
  );
}

function CloudForm(props: { opened: boolean; onClose(): void; onSaved(): void }) {
  const { t } = useTranslation('vendors');
  const [unitId, setUnitId] = useState<string | null>(null);
  const [form, setForm] = useState({ name: '', provider: '', url: '', allowedUses: '', conditions: '' });
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const set = (k: keyof typeof form) => (e: { currentTarget: { value: string } }) => {
    const value = e.currentTarget.value;
    // Functional update: two quick changes must not overwrite each other with a stale form.
    setForm((f) => ({ ...f, [k]: value }));
  };
  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      await api('/vendors/cloud-services', { method: 'POST', body: { ...form, unitId } });
      props.onSaved();
      props.onClose();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal opened={props.opened} onClose={props.onClose} title={t('cloud.new')} size="lg">
      <Stack>
        <Text size="sm" c="dimmed">
          {t('cloud.levelNote')}
        </Text>
        <UnitSelect value={unitId} onChange={setUnitId} error={fieldError(error, 'body.unitId')} />
        <TextInput
          label={t('field.name')}
          required
          value={form.name}
          onChange={set('name')}
          error={fieldError(error, 'body.name')}
        />
        <TextInput
          label={t('cloud.provider')}
          required
          value={form.provider}
          onChange={set('provider')}
          error={fieldError(error, 'body.provider')}
        />
        <TextInput
          label={t('field.url')}
          value={form.url}
          onChange={set('url')}
          error={fieldError(error, 'body.url')}
        />
        <Textarea
          label={t('cloud.allowedUses')}
          value={form.allowedUses}
          onChange={set('allowedUses')}
          autosize
          minRows={2}
        />
        <Textarea
          label={t('cloud.conditions')}
          value={form.conditions}
          onChange={set('conditions')}
          autosize
          minRows={2}
        />
        <ProblemAlert error={error} />
        <Group justify="flex-end">
          <Button onClick={save} loading={busy}>
            {t('action.save')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function NameModal(props: { service: CloudService; onClose(): void; onSaved(): void }) {
  const { t } = useTranslation('vendors');
  const [ids, setIds] = useState<string[]>(props.service.responsible ? [props.service.responsible.id] : []);
  const [error, setError] = useState<unknown>(null);
  const save = async () => {
    setError(null);
    try {
      await api(`/vendors/cloud-services/${props.service.id}/responsible`, {
        method: 'PUT',
        body: { personId: ids[0] },
      });
      props.onSaved();
      props.onClose();
    } catch (e) {
      setError(e);
    }
  };
  return (
    <Modal opened onClose={props.onClose} title={t('cloud.name')}>
      <Stack>
        <Text size="sm" c="dimmed">
          {t('cloud.nameNote')}
        </Text>
        <PeoplePicker
          label={t('cloud.responsible')}
          value={ids}
          onChange={setIds}
          max={1}
          initial={props.service.responsible ? [props.service.responsible] : []}
        />
        <ProblemAlert error={error} />
        <Group justify="flex-end">
          <Button onClick={save} disabled={ids.length !== 1}>
            {t('action.save')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
