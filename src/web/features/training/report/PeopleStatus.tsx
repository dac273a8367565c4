import { Anchor, Badge, Group, Paper, Select, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../app/api.js';
import { formatDate } from '../../../app/format.js';
import type { Page } from '../../../app/types.js';
import { Pager } from '../../../app/ui/Pager.js';
import { ProblemAlert } from '../../../app/ui/ProblemAlert.js';
import { EmptyMessage, LoadingState } from '../../../app/ui/States.js';
import { downloadHref, TR } from '../api.js';
import { STATUS_COLORS } from '../format.js';
import type { AssignmentStatus, PersonStatus } from '../types.js';

const PAGE_SIZE = 50;
const STATUSES: AssignmentStatus[] = ['not_started', 'in_progress', 'overdue', 'completed'];

/** Everyone assigned the course in the unit shown: searchable by name or staff number, filterable by status. */
export function PeopleStatus({
  courseId,
  unitId,
  fiscalYear,
}: {
  courseId: string;
  unitId: string | null;
  fiscalYear: number;
}) {
  const { t, i18n } = useTranslation('training');
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const [status, setStatus] = useState<AssignmentStatus | null>(null);
  const [page, setPage] = useState(1);
  const people = useQuery({
    queryKey: [TR, 'people', courseId, unitId, fiscalYear, q, status, page],
    queryFn: () =>
      api<Page<PersonStatus>>('/training/completion/people', {
        query: { courseId, unitId, fiscalYear, q, status, page, pageSize: PAGE_SIZE },
      }),
    placeholderData: keepPreviousData,
  });
  const data = people.data;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="tr-people">
      <Title order={2} size="h5" id="tr-people" mb="sm">
        {t('report.people')}
      </Title>
      <Group mb="sm" wrap="wrap" gap="sm">
        <TextInput
          leftSection={<IconSearch size={16} aria-hidden />}
          placeholder={t('report.search')}
          aria-label={t('report.search')}
          value={search}
          onChange={(e) => {
            setSearch(e.currentTarget.value);
            setPage(1);
          }}
          w={{ base: '100%', sm: 260 }}
        />
        <Select
          aria-label={t('report.statusFilter')}
          placeholder={t('report.allStatuses')}
          data={STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))}
          value={status}
          onChange={(v) => {
            setStatus(v as AssignmentStatus | null);
            setPage(1);
          }}
          clearable
          w={{ base: '100%', sm: 180 }}
        />
      </Group>
      <ProblemAlert error={people.error} />
      {people.isPending ? (
        <LoadingState />
      ) : !data?.items.length ? (
        <EmptyMessage />
      ) : (
        <>
          <Table.ScrollContainer minWidth={640}>
            <Table striped aria-label={t('report.people')} data-testid="tr-people">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('report.col.person')}</Table.Th>
                  <Table.Th>{t('report.col.unit')}</Table.Th>
                  <Table.Th>{t('report.col.status')}</Table.Th>
                  <Table.Th>{t('report.col.due')}</Table.Th>
                  <Table.Th>{t('report.col.completed')}</Table.Th>
                  <Table.Th ta="right">{t('report.col.attempts')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.items.map((p) => (
                  <Table.Tr key={p.assignmentId}>
                    <Table.Td>
                      {p.name}{' '}
                      <Text span size="xs" c="dimmed">
                        {p.staffNo}
                      </Text>
                    </Table.Td>
                    <Table.Td>{p.unitName}</Table.Td>
                    <Table.Td>
                      <Badge color={STATUS_COLORS[p.status]}>{t(`status.${p.status}`)}</Badge>
                    </Table.Td>
                    <Table.Td>{formatDate(p.dueOn, i18n.language)}</Table.Td>
                    <Table.Td>
                      {formatDate(p.completedAt, i18n.language)}
                      {p.completedVia === 'classroom' && (
                        <Text span size="xs" c="dimmed">
                          {' '}
                          {t('report.classroom')}
                        </Text>
                      )}
                      {p.offline && (
                        <Text span size="xs" c="dimmed" data-testid="tr-offline">
                          {t('report.offline', { method: t(`offline.methods.${p.offline.method}`) })}
                          {p.offline.hasFile && (
                            <>
                              {' '}
                              <Anchor
                                size="xs"
                                href={downloadHref(`/offline-completions/${p.assignmentId}/file`)}
                              >
                                {t('report.evidence')}
                              </Anchor>
                            </>
                          )}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td ta="right">
                      {p.attempts}
                      {p.bestScore !== null && (
                        <Text span size="xs" c="dimmed">
                          {' '}
                          {t('report.best', { score: p.bestScore })}
                        </Text>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <Pager total={data.total} page={data.page} pageSize={data.pageSize} onChange={setPage} />
        </>
      )}
    </Paper>
  );
}
