import { Badge, Button, Group, Select, Stack, Table, TextInput } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../app/api.js';
import { formatDateTime } from '../../app/format.js';
import { PageHeader } from '../../app/ui/PageHeader.js';
import { Pager } from '../../app/ui/Pager.js';
import { ProblemAlert } from '../../app/ui/ProblemAlert.js';
import { EmptyMessage, LoadingState } from '../../app/ui/States.js';
import { INC } from './api.js';
import { INCIDENT_TYPES, type IncidentState, type ListItem } from './types.js';

const PAGE_SIZE = 50;
export const STATE_COLORS: Record<IncidentState, string> = {
  reported: 'red',
  in_progress: 'yellow',
  closed: 'gray',
};

/** The cases the user may see, with search and filters. */
export default function IncidentsPage() {
  const { t, i18n } = useTranslation('incidents');
  const [page, setPage] = useState(1);
  const [q, setQ] = useState('');
  const [state, setState] = useState<string | null>(null);
  const [type, setType] = useState<string | null>(null);
  const query = {
    page,
    pageSize: PAGE_SIZE,
    q: q || undefined,
    state: state ?? undefined,
    type: type ?? undefined,
  };
  const list = useQuery({
    queryKey: [INC, 'list', query],
    queryFn: () => api<{ items: ListItem[]; total: number }>('/incidents', { query }),
    placeholderData: keepPreviousData,
  });
  return (
    <Stack>
      <PageHeader
        title={t('list.title')}
        actions={
          <Button component={Link} to="/incidents/report">
            {t('report.title')}
          </Button>
        }
      />
      <Group>
        <TextInput
          aria-label={t('list.search')}
          placeholder={t('list.search')}
          value={q}
          onChange={(e) => {
            setQ(e.currentTarget.value);
            setPage(1);
          }}
        />
        <Select
          aria-label={t('list.state')}
          placeholder={t('list.state')}
          clearable
          data={(['reported', 'in_progress', 'closed'] as const).map((s) => ({
            value: s,
            label: t(`state.${s}`),
          }))}
          value={state}
          onChange={(v) => {
            setState(v);
            setPage(1);
          }}
        />
        <Select
          aria-label={t('list.type')}
          placeholder={t('list.type')}
          clearable
          data={INCIDENT_TYPES.map((x) => ({ value: x, label: t(`type.${x}`) }))}
          value={type}
          onChange={(v) => {
            setType(v);
            setPage(1);
          }}
        />
      </Group>
      {list.isPending ? (
        <LoadingState />
      ) : list.error ? (
        <ProblemAlert error={list.error} />
      ) : list.data.items.length === 0 ? (
        <EmptyMessage title={t('list.empty')} />
      ) : (
        <>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('list.received')}</Table.Th>
                <Table.Th>{t('list.summary')}</Table.Th>
                <Table.Th>{t('list.type')}</Table.Th>
                <Table.Th>{t('list.unit')}</Table.Th>
                <Table.Th>{t('list.current')}</Table.Th>
                <Table.Th>{t('list.state')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.items.map((c) => (
                <Table.Tr key={c.id}>
                  <Table.Td>{formatDateTime(c.createdAt, i18n.language)}</Table.Td>
                  <Table.Td>
                    <Link to={`/incidents/${c.id}`}>{c.title ?? c.what.slice(0, 80)}</Link>
                  </Table.Td>
                  <Table.Td>{c.type ? t(`type.${c.type}`) : t('type.none')}</Table.Td>
                  <Table.Td>{c.unitNameJa}</Table.Td>
                  <Table.Td>{c.currentStep ?? '—'}</Table.Td>
                  <Table.Td>
                    <Badge color={STATE_COLORS[c.state]}>{t(`state.${c.state}`)}</Badge>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Pager total={list.data.total} page={page} pageSize={PAGE_SIZE} onChange={setPage} />
        </>
      )}
    </Stack>
  );
}
