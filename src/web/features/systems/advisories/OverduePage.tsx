import { Table, TextInput, Title } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../../app/ui/PageHeader.js';
import { Pager } from '../../../app/ui/Pager.js';
import { ProblemAlert } from '../../../app/ui/ProblemAlert.js';
import { EmptyMessage, LoadingState } from '../../../app/ui/States.js';
import { useOverdue } from './api.js';
import { ResponsesTable } from './ResponsesTable.js';

const PAGE = 50;

/** Open and overdue responses per division, and the overdue list (CVSS bands, 001 L11788-11796). */
export default function OverduePage() {
  const { t } = useTranslation('advisories');
  const [q, setQ] = useState('');
  const [unitId, setUnitId] = useState<string | undefined>();
  const [page, setPage] = useState(1);
  const o = useOverdue({ q, unitId, page, pageSize: PAGE });
  return (
    <>
      <PageHeader title={t('overdue.title')} description={t('overdue.description')} />
      <ProblemAlert error={o.error} />
      {o.isPending ? (
        <LoadingState />
      ) : o.data ? (
        <>
          <Table striped mb="lg" data-testid="overdue-divisions">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('col.unit')}</Table.Th>
                <Table.Th ta="right">{t('col.open')}</Table.Th>
                <Table.Th ta="right">{t('overdue.overdue')}</Table.Th>
                <Table.Th ta="right">{t('overdue.critical')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {o.data.divisions.map((d) => (
                <Table.Tr
                  key={d.unitId}
                  onClick={() => {
                    setUnitId(unitId === d.unitId ? undefined : d.unitId);
                    setPage(1);
                  }}
                  style={{ cursor: 'pointer', fontWeight: unitId === d.unitId ? 700 : undefined }}
                >
                  <Table.Td>{d.unitName}</Table.Td>
                  <Table.Td ta="right">{d.open}</Table.Td>
                  <Table.Td ta="right">{d.overdue}</Table.Td>
                  <Table.Td ta="right">{d.overdueCritical}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Title order={2} size="h4" mb="sm">
            {t('overdue.list')}
          </Title>
          <TextInput
            mb="md"
            leftSection={<IconSearch size={16} aria-hidden />}
            placeholder={t('list.search')}
            aria-label={t('list.search')}
            value={q}
            onChange={(e) => {
              setQ(e.currentTarget.value);
              setPage(1);
            }}
            w={{ base: '100%', sm: 320 }}
          />
          {o.data.items.length === 0 ? (
            <EmptyMessage title={t('overdue.empty')} />
          ) : (
            <>
              <ResponsesTable items={o.data.items} showAdvisory />
              <Pager total={o.data.total} page={page} pageSize={PAGE} onChange={setPage} />
            </>
          )}
        </>
      ) : null}
    </>
  );
}
