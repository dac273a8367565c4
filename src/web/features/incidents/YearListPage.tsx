import { Anchor, Group, NumberInput, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../app/api.js';
import { PageHeader } from '../../app/ui/PageHeader.js';
import { ProblemAlert } from '../../app/ui/ProblemAlert.js';
import { EmptyMessage, LoadingState } from '../../app/ui/States.js';
import { INC } from './api.js';

interface YearList {
  fiscalYear: number;
  items: {
    id: string;
    month: string;
    date: string;
    summary: string;
    response: string | null;
    typeJa: string;
  }[];
}

/** The year's incident list in the annual report's shape (001 L15108-15571): month, summary, response, type. */
export default function YearListPage() {
  const { t } = useTranslation('incidents');
  const now = new Date();
  const [fy, setFy] = useState(now.getMonth() < 3 ? now.getFullYear() - 1 : now.getFullYear());
  const list = useQuery({
    queryKey: [INC, 'year', fy],
    queryFn: () => api<YearList>(`/incidents/year/${fy}`),
  });
  return (
    <Stack>
      <PageHeader
        title={t('year.title')}
        actions={
          <Group>
            <NumberInput
              aria-label={t('year.fiscalYear')}
              value={fy}
              min={2000}
              max={2100}
              onChange={(v) => typeof v === 'number' && setFy(v)}
              w={120}
            />
            <Anchor href={`/api/v1/incidents/year/${fy}/export?format=xlsx`}>{t('year.xlsx')}</Anchor>
            <Anchor href={`/api/v1/incidents/year/${fy}/export?format=csv`}>{t('year.csv')}</Anchor>
          </Group>
        }
      />
      {list.isPending ? (
        <LoadingState />
      ) : list.error ? (
        <ProblemAlert error={list.error} />
      ) : list.data.items.length === 0 ? (
        <EmptyMessage title={t('list.empty')} />
      ) : (
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('year.month')}</Table.Th>
              <Table.Th>{t('year.summary')}</Table.Th>
              <Table.Th>{t('list.type')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.data.items.map((i) => (
              <Table.Tr key={i.id}>
                <Table.Td>{i.month}</Table.Td>
                <Table.Td>
                  <Link to={`/incidents/${i.id}`}>{i.summary}</Link>
                  {i.response && (
                    <Text size="sm" c="dimmed" style={{ whiteSpace: 'pre-wrap' }}>
                      {i.response}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>{i.typeJa}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
