import { Anchor, Badge, Button, Group, Modal, Stack, Table, Text, Textarea, TextInput } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api } from '../../app/api.js';
import { useCan } from '../../app/permissions.js';
import { PageHeader } from '../../app/ui/PageHeader.js';
import { Pager } from '../../app/ui/Pager.js';
import { fieldError, ProblemAlert } from '../../app/ui/ProblemAlert.js';
import { EmptyMessage, LoadingState } from '../../app/ui/States.js';
import { CERT_COLORS, PAGE_SIZE, useContracts, VK } from './api.js';
import type { Contract } from './types.js';
import { ListToolbar, UnitSelect } from './ui.js';

/** Outsourcing contracts (000 L1374-1430): open checks and ISMS certificates at a glance. */
export default function ContractsPage() {
  const { t } = useTranslation('vendors');
  const canManage = useCan('vendor.manage');
  const [q, setQ] = useState('');
  const [filter, setFilter] = useState('all');
  const [page, setPage] = useState(1);
  const list = useContracts({ q, filter, page });
  const [creating, setCreating] = useState(false);
  return (
    <>
      <PageHeader
        title={t('contracts.title')}
        description={t('contracts.description')}
        actions={
          <Group>
            <Button variant="default" component={Link} to="/vendors/spec">
              {t('spec.title')}
            </Button>
            {canManage && (
              <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
                {t('contracts.new')}
              </Button>
            )}
          </Group>
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
        filters={(['all', 'open', 'expiring'] as const).map((value) => ({
          value,
          label: t(`filter.${value}`),
        }))}
      />
      <ProblemAlert error={list.error} />
      {list.isPending ? (
        <LoadingState />
      ) : !list.data?.items.length ? (
        <EmptyMessage title={t('contracts.empty')} />
      ) : (
        <Stack>
          <Table.ScrollContainer minWidth={760}>
            <Table striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('field.name')}</Table.Th>
                  <Table.Th>{t('contracts.contractor')}</Table.Th>
                  <Table.Th>{t('field.unit')}</Table.Th>
                  <Table.Th>{t('contracts.period')}</Table.Th>
                  <Table.Th>{t('contracts.isms')}</Table.Th>
                  <Table.Th>{t('contracts.openChecks')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.data.items.map((c) => (
                  <ContractRow key={c.id} c={c} />
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <Pager total={list.data.total} page={page} pageSize={PAGE_SIZE} onChange={setPage} />
        </Stack>
      )}
      <ContractForm opened={creating} onClose={() => setCreating(false)} />
    </>
  );
}

function ContractRow({ c }: { c: Contract }) {
  const { t } = useTranslation('vendors');
  return (
    <Table.Tr data-testid="contract-row">
      <Table.Td>
        <Anchor component={Link} to={`/vendors/contracts/${c.id}`} fw={600}>
          {c.name}
        </Anchor>
      </Table.Td>
      <Table.Td>{c.contractor}</Table.Td>
      <Table.Td>{c.unit.name}</Table.Td>
      <Table.Td>{[c.periodFrom, c.periodTo].filter(Boolean).join(' – ')}</Table.Td>
      <Table.Td>
        <Badge color={CERT_COLORS[c.certificateStatus]} variant="light">
          {t(`cert.${c.certificateStatus}`)}
          {c.ismsCertificateExpiry ? ` ${c.ismsCertificateExpiry}` : ''}
        </Badge>
      </Table.Td>
      <Table.Td>
        <Badge color={c.openChecks ? 'yellow' : 'green'} variant="light">
          {c.openChecks}
        </Badge>
      </Table.Td>
    </Table.Tr>
  );
}

const EMPTY = {
  name: '',
  contractor: '',
  contractorLocation: '',
  workLocation: '',
  affiliation: '',
  staffQualifications: '',
  ismsCertificateNo: '',
  ismsCertificateExpiry: '',
  periodFrom: '',
  periodTo: '',
};

function ContractForm(props: { opened: boolean; onClose(): void }) {
  const { t } = useTranslation('vendors');
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [unitId, setUnitId] = useState<string | null>(null);
  const [form, setForm] = useState(EMPTY);
  const [error, setError] = useState<unknown>(null);
  const set = (k: keyof typeof form) => (e: { currentTarget: { value: string } }) => {
    const value = e.currentTarget.value;
    // Functional update: two quick changes must not overwrite each other with a stale form.
    setForm((f) => ({ ...f, [k]: value }));
  };
  const save = async () => {
    setError(null);
    const days = ['ismsCertificateExpiry', 'periodFrom', 'periodTo'] as const;
    const body: Record<string, unknown> = { ...form, unitId };
    for (const d of days) body[d] = form[d] || null;
    try {
      const c = await api<Contract>('/vendors/contracts', { method: 'POST', body });
      await qc.invalidateQueries({ queryKey: [VK] });
      props.onClose();
      navigate(`/vendors/contracts/${c.id}`);
    } catch (e) {
      setError(e);
    }
  };
  const date = (k: 'ismsCertificateExpiry' | 'periodFrom' | 'periodTo') => (
    <TextInput
      type="date"
      label={t(`contracts.${k}`)}
      value={form[k]}
      onChange={set(k)}
      error={fieldError(error, `body.${k}`)}
    />
  );
  return (
    <Modal opened={props.opened} onClose={props.onClose} title={t('contracts.new')} size="lg">
      <Stack>
        <UnitSelect value={unitId} onChange={setUnitId} error={fieldError(error, 'body.unitId')} />
        <TextInput
          label={t('field.name')}
          required
          value={form.name}
          onChange={set('name')}
          error={fieldError(error, 'body.name')}
        />
        <TextInput
          label={t('contracts.contractor')}
          required
          value={form.contractor}
          onChange={set('contractor')}
        />
        <TextInput
          label={t('contracts.contractorLocation')}
          value={form.contractorLocation}
          onChange={set('contractorLocation')}
        />
        <TextInput
          label={t('contracts.workLocation')}
          value={form.workLocation}
          onChange={set('workLocation')}
        />
        <Textarea
          label={t('contracts.affiliation')}
          description={t('contracts.affiliationHelp')}
          value={form.affiliation}
          onChange={set('affiliation')}
          autosize
        />
        <Textarea
          label={t('contracts.staffQualifications')}
          description={t('contracts.staffHelp')}
          value={form.staffQualifications}
          onChange={set('staffQualifications')}
          autosize
        />
        <Group grow>
          <TextInput
            label={t('contracts.ismsCertificateNo')}
            value={form.ismsCertificateNo}
            onChange={set('ismsCertificateNo')}
          />
          {date('ismsCertificateExpiry')}
        </Group>
        <Group grow>
          {date('periodFrom')}
          {date('periodTo')}
        </Group>
        <Text size="xs" c="dimmed">
          {t('contracts.laterNote')}
        </Text>
        <ProblemAlert error={error} />
        <Group justify="flex-end">
          <Button onClick={save}>{t('action.save')}</Button>
        </Group>
      </Stack>
    </Modal>
  );
}
