import { Button, Checkbox, Group, Select, Stack, Table, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconDownload } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { withQuery } from '../../../app/api.js';
import { useCan } from '../../../app/permissions.js';
import { PageHeader } from '../../../app/ui/PageHeader.js';
import { Pager } from '../../../app/ui/Pager.js';
import { ProblemAlert } from '../../../app/ui/ProblemAlert.js';
import { EmptyMessage, LoadingState } from '../../../app/ui/States.js';
import { useFindingSummary, useFindings } from './api.js';
import { FindingsTable } from './FindingsTable.js';

const AGES = ['0-30', '31-90', '91-180', '181+'] as const;

/** Findings in the user's scope: filters, paging, and outstanding findings by division and age. */
export default function FindingsPage() {
  const { t } = useTranslation('findings');
  const canManage = useCan('system.manage');
  const [page, setPage] = useState(1);
  const [status, setStatus] = useState<string | null>('outstanding');
  const [band, setBand] = useState<string | null>(null);
  const [source, setSource] = useState<string | null>(null);
  const [overdue, setOverdue] = useState(false);
  const [q, setQ] = useState('');
  const [debounced] = useDebouncedValue(q, 300);
  const [params] = useSearchParams();
  const systemId = params.get('systemId') ?? undefined;
  const list = useFindings({
    page,
    pageSize: 50,
    status,
    band,
    source,
    systemId,
    overdue: overdue || undefined,
    q: debounced,
  });
  const summary = useFindingSummary();
  const reset = () => setPage(1);
  return (
    <Stack>
      <PageHeader
        title={t('title')}
        description={t('description')}
        actions={
          <Group gap="xs">
            <Button
              component="a"
              href={withQuery('/api/v1/findings/export', {
                format: 'sarif',
                systemId,
                status: status ?? 'all',
              })}
              download
              variant="light"
              leftSection={<IconDownload size={16} aria-hidden />}
              title={t('export.sarifHelp')}
            >
              {t('export.sarif')}
            </Button>
            {canManage && (
              <Button component={Link} to="/findings/import">
                {t('import.title')}
              </Button>
            )}
          </Group>
        }
      />
      <Title order={2} size="h4">
        {t('summary.title')}
      </Title>
      {summary.error ? (
        <ProblemAlert error={summary.error} />
      ) : summary.data && summary.data.units.length > 0 ? (
        <Table data-testid="findings-summary" withTableBorder>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('field.unit')}</Table.Th>
              {AGES.map((a) => (
                <Table.Th key={a}>{t(`age.${a}`)}</Table.Th>
              ))}
              <Table.Th>{t('summary.high')}</Table.Th>
              <Table.Th>{t('summary.overdue')}</Table.Th>
              <Table.Th>{t('summary.total')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {summary.data.units.map((u) => (
              <Table.Tr key={u.unitId}>
                <Table.Td>{u.unitName}</Table.Td>
                {AGES.map((a) => (
                  <Table.Td key={a}>{u.ages[a]}</Table.Td>
                ))}
                <Table.Td>{u.high}</Table.Td>
                <Table.Td c={u.overdue ? 'red' : undefined}>{u.overdue}</Table.Td>
                <Table.Td>{u.total}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : summary.isPending ? (
        <LoadingState />
      ) : (
        <EmptyMessage title={t('summary.none')} />
      )}
      <Group align="flex-end" wrap="wrap">
        <TextInput
          label={t('filter.search')}
          value={q}
          onChange={(e) => {
            setQ(e.currentTarget.value);
            reset();
          }}
        />
        <Select
          label={t('field.status')}
          value={status}
          onChange={(v) => {
            setStatus(v);
            reset();
          }}
          clearable
          data={(['outstanding', 'open', 'fixed', 'closed', 'accepted'] as const).map((s) => ({
            value: s,
            label: t(`status.${s}`),
          }))}
        />
        <Select
          label={t('field.band')}
          value={band}
          onChange={(v) => {
            setBand(v);
            reset();
          }}
          clearable
          data={(['high', 'medium', 'low', 'info'] as const).map((s) => ({
            value: s,
            label: t(`band.${s}`),
          }))}
        />
        <Select
          label={t('field.source')}
          value={source}
          onChange={(v) => {
            setSource(v);
            reset();
          }}
          clearable
          data={(['csv', 'testssl', 'zap', 'probe', 'manual'] as const).map((s) => ({
            value: s,
            label: t(`source.${s}`),
          }))}
        />
        <Checkbox
          label={t('filter.overdue')}
          checked={overdue}
          onChange={(e) => {
            setOverdue(e.currentTarget.checked);
            reset();
          }}
        />
      </Group>
      {list.error ? (
        <ProblemAlert error={list.error} />
      ) : list.isPending ? (
        <LoadingState />
      ) : list.data.items.length === 0 ? (
        <EmptyMessage title={t('none')} />
      ) : (
        <>
          <FindingsTable items={list.data.items} />
          <Pager total={list.data.total} page={page} pageSize={list.data.pageSize} onChange={setPage} />
        </>
      )}
    </Stack>
  );
}
