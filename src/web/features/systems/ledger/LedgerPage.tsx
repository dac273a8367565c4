import {
  Anchor,
  Badge,
  Button,
  Group,
  Modal,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { IconDownload, IconPlus, IconSearch, IconUpload } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { formatDate } from '../../../app/format.js';
import { useCan } from '../../../app/permissions.js';
import { ImportActions } from '../../../app/ui/ImportActions.js';
import { ImportFileInput } from '../../../app/ui/ImportFileInput.js';
import { PageHeader } from '../../../app/ui/PageHeader.js';
import { Pager } from '../../../app/ui/Pager.js';
import { ProblemAlert } from '../../../app/ui/ProblemAlert.js';
import { EmptyMessage, LoadingState } from '../../../app/ui/States.js';
import { useLocalName, useUnitIndex, useUnits } from '../../../app/units.js';
import { useDryRunImport } from '../../../app/useDryRunImport.js';
import { pathLabel } from '../../org/tree.js';
import {
  emptyFilter,
  exportHref,
  HOST_ROLES,
  type LedgerFilter,
  LIFECYCLES,
  PAGE_SIZE,
  runImport,
  SY,
  type SystemDetail,
  useSystems,
} from './api.js';
import { CountsCard } from './CountsCard.js';
import { SystemForm } from './SystemForm.js';

export default function LedgerPage() {
  const { t, i18n } = useTranslation('systems');
  const [filter, setFilter] = useState<LedgerFilter>(emptyFilter);
  const change = (patch: Partial<LedgerFilter>) => setFilter((f) => ({ ...f, page: 1, ...patch }));
  const list = useSystems(filter);
  const canView = useCan('system.view');
  const canManage = list.data?.canManage ?? false;
  const [creating, setCreating] = useState(false);
  const [importing, setImporting] = useState(false);
  const navigate = useNavigate();
  return (
    <Stack>
      <PageHeader
        title={t('ledger.title')}
        description={t('ledger.description')}
        actions={
          <Group gap="xs">
            {canView && (
              <Button
                component="a"
                href={exportHref()}
                variant="default"
                leftSection={<IconDownload size={16} />}
              >
                {t('ledger.export')}
              </Button>
            )}
            {canManage && (
              <>
                <Button
                  variant="default"
                  leftSection={<IconUpload size={16} />}
                  onClick={() => setImporting(true)}
                >
                  {t('ledger.import')}
                </Button>
                <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
                  {t('ledger.create')}
                </Button>
              </>
            )}
          </Group>
        }
      />
      {canView && <CountsCard />}
      <Filters filter={filter} onChange={change} />
      {list.isPending ? (
        <LoadingState />
      ) : list.error ? (
        <ProblemAlert error={list.error} />
      ) : list.data.items.length === 0 ? (
        <EmptyMessage title={t('ledger.empty')} />
      ) : (
        <>
          <Table.ScrollContainer minWidth={900}>
            <Table striped highlightOnHover>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('ledger.columns.code')}</Table.Th>
                  <Table.Th>{t('ledger.columns.name')}</Table.Th>
                  <Table.Th>{t('ledger.columns.unit')}</Table.Th>
                  <Table.Th>{t('ledger.columns.officer')}</Table.Th>
                  <Table.Th>{t('ledger.columns.lifecycle')}</Table.Th>
                  <Table.Th>{t('ledger.columns.hosts')}</Table.Th>
                  <Table.Th>{t('ledger.columns.eos')}</Table.Th>
                  <Table.Th>{t('ledger.columns.reviewed')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.data.items.map((s) => (
                  <Table.Tr key={s.id}>
                    <Table.Td>{s.code}</Table.Td>
                    <Table.Td>
                      <Anchor component={Link} to={`/systems/${s.id}`}>
                        {s.name}
                      </Anchor>
                      {s.internetFacing && (
                        <Badge ml="xs" size="xs" variant="light">
                          {t('ledger.filters.internetFacing')}
                        </Badge>
                      )}
                    </Table.Td>
                    <Table.Td>{s.unit?.name}</Table.Td>
                    <Table.Td>{s.securityOfficer?.name ?? t('system.fields.none')}</Table.Td>
                    <Table.Td>{t(`system.lifecycle.${s.lifecycle}`)}</Table.Td>
                    <Table.Td>
                      <Group gap={4}>
                        {s.hostRoles.map((r) => (
                          <Badge key={r} size="xs" variant="outline">
                            {t(`system.role.${r}`)}
                          </Badge>
                        ))}
                        {s.hostCount === 0 && t('system.fields.none')}
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      {s.endOfSupportCount > 0 ? (
                        <Badge color="red" variant="light">
                          {s.endOfSupportCount}
                        </Badge>
                      ) : (
                        t('system.fields.none')
                      )}
                    </Table.Td>
                    <Table.Td>
                      {s.reviewedThisYear ? (
                        t('ledger.reviewedOn', { date: formatDate(s.reviewedOn, i18n.language) })
                      ) : (
                        <Badge color="yellow" variant="light">
                          {t('ledger.notReviewed')}
                        </Badge>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <Pager
            total={list.data.total}
            page={filter.page}
            pageSize={PAGE_SIZE}
            onChange={(page) => setFilter((f) => ({ ...f, page }))}
          />
        </>
      )}
      <SystemForm
        opened={creating}
        onClose={() => setCreating(false)}
        onSaved={(s: SystemDetail) => navigate(`/systems/${s.id}`)}
      />
      <ImportModal opened={importing} onClose={() => setImporting(false)} />
    </Stack>
  );
}

function Filters({ filter, onChange }: { filter: LedgerFilter; onChange(p: Partial<LedgerFilter>): void }) {
  const { t } = useTranslation('systems');
  const [q, setQ] = useState(filter.q);
  const commit = useDebouncedCallback((v: string) => onChange({ q: v.trim() }), 350);
  const units = useUnits();
  const unitIndex = useUnitIndex();
  const name = useLocalName();
  const unitOptions = useMemo(
    () =>
      (units.data ?? [])
        .filter((u) => !u.abolished)
        .map((u) => ({ value: u.id, label: pathLabel(u, unitIndex, name) })),
    [units.data, unitIndex, name],
  );
  return (
    <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="sm">
      <TextInput
        label={t('ledger.filters.q')}
        placeholder={t('ledger.filters.qPlaceholder')}
        leftSection={<IconSearch size={16} aria-hidden />}
        type="search"
        value={q}
        onChange={(e) => {
          setQ(e.currentTarget.value);
          commit(e.currentTarget.value);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter') onChange({ q: q.trim() });
        }}
      />
      <Select
        label={t('ledger.filters.role')}
        placeholder={t('ledger.filters.any')}
        data={HOST_ROLES.map((r) => ({ value: r, label: t(`system.role.${r}`) }))}
        value={filter.role || null}
        onChange={(v) => onChange({ role: v ?? '' })}
        clearable
      />
      {unitOptions.length > 0 && (
        <Select
          label={t('ledger.filters.unit')}
          placeholder={t('ledger.filters.any')}
          data={unitOptions}
          value={filter.unitId || null}
          onChange={(v) => onChange({ unitId: v ?? '' })}
          searchable
          clearable
        />
      )}
      <Select
        label={t('ledger.filters.internetFacing')}
        placeholder={t('ledger.filters.any')}
        data={[
          { value: 'true', label: t('ledger.filters.yes') },
          { value: 'false', label: t('ledger.filters.no') },
        ]}
        value={filter.internetFacing || null}
        onChange={(v) => onChange({ internetFacing: v ?? '' })}
        clearable
      />
      <Select
        label={t('ledger.filters.lifecycle')}
        placeholder={t('ledger.filters.any')}
        data={LIFECYCLES.map((l) => ({ value: l, label: t(`system.lifecycle.${l}`) }))}
        value={filter.lifecycle || null}
        onChange={(v) => onChange({ lifecycle: v ?? '' })}
        clearable
      />
      <Stack gap="xs" justify="flex-end">
        <Switch
          label={t('ledger.filters.endOfSupport')}
          checked={filter.endOfSupport}
          onChange={(e) => onChange({ endOfSupport: e.currentTarget.checked })}
        />
        <Switch
          label={t('ledger.filters.unreviewed')}
          checked={filter.unreviewed}
          onChange={(e) => onChange({ unreviewed: e.currentTarget.checked })}
        />
      </Stack>
    </SimpleGrid>
  );
}

function ImportModal({ opened, onClose }: { opened: boolean; onClose(): void }) {
  const { t } = useTranslation('systems');
  const queryClient = useQueryClient();
  const state = useDryRunImport(runImport, () => queryClient.invalidateQueries({ queryKey: [SY] }));
  const close = () => {
    state.clear();
    onClose();
  };
  const errors = state.invalid?.problem.errors ?? [];
  return (
    <Modal opened={opened} onClose={close} title={t('import.title')} size="lg">
      <Stack>
        <Text size="sm" c="dimmed">
          {t('import.help')}
        </Text>
        <ImportFileInput
          label={t('import.file')}
          accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          state={state}
        />
        {state.invalid ? (
          <ProblemAlert error={state.invalid} title={t('import.errors', { count: errors.length })} />
        ) : (
          <ProblemAlert error={state.error} />
        )}
        {state.result && (
          <Stack gap={4} role="status">
            <Text fw={600}>{state.result.dryRun ? t('import.preview') : t('import.done')}</Text>
            <Text size="sm">
              {t('import.created')}: {state.result.created.length} / {t('import.updated')}:{' '}
              {state.result.updated.length} / {t('import.unchanged')}: {state.result.unchanged.length}
            </Text>
            <Text size="sm">
              {t('import.components', {
                hosts: state.result.hosts,
                software: state.result.software,
                certificates: state.result.certificates,
              })}
            </Text>
          </Stack>
        )}
        <ImportActions
          busy={state.busy}
          file={state.file}
          result={state.result}
          checkLabel={t('import.check')}
          runLabel={t('import.run')}
          onClose={close}
          onRun={state.run}
        />
      </Stack>
    </Modal>
  );
}
