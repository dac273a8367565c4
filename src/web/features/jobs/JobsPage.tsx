import { Paper, SegmentedControl, Select, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../app/format.js';
import { useCan } from '../../app/permissions.js';
import { PageHeader } from '../../app/ui/PageHeader.js';
import { Pager } from '../../app/ui/Pager.js';
import { ProblemAlert } from '../../app/ui/ProblemAlert.js';
import { EmptyMessage, LoadingState } from '../../app/ui/States.js';
import { JOB_PAGE_SIZE, JOB_STATUSES, type JobStatus, useJobs } from './api.js';
import { JobProgress } from './JobProgress.js';

/** Long work (reminders, assignments, imports, reports): mine, or the whole agency's for overseers. */
export default function JobsPage() {
  const { t, i18n } = useTranslation('jobs');
  // audit.read is held for the whole agency (the server refuses the agency scope otherwise).
  const overseer = useCan('audit.read');
  const [scope, setScope] = useState<'mine' | 'agency'>('mine');
  const [status, setStatus] = useState<JobStatus | ''>('');
  const [page, setPage] = useState(1);
  const list = useJobs(scope, status, page);
  const data = list.data;
  return (
    <>
      <PageHeader title={t('title')} description={t('description')} />
      <Paper withBorder p="sm">
        <Stack gap="sm">
          {overseer && (
            <SegmentedControl
              value={scope}
              onChange={(v) => {
                setScope(v as 'mine' | 'agency');
                setPage(1);
              }}
              data={[
                { value: 'mine', label: t('scope.mine') },
                { value: 'agency', label: t('scope.agency') },
              ]}
            />
          )}
          <Select
            label={t('filter.status')}
            maw={280}
            value={status}
            onChange={(v) => {
              setStatus((v ?? '') as JobStatus | '');
              setPage(1);
            }}
            data={[
              { value: '', label: t('filter.any') },
              ...JOB_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) })),
            ]}
          />
        </Stack>
      </Paper>
      <Stack mt="md">
        <ProblemAlert error={list.error} />
        {list.isPending ? (
          <LoadingState />
        ) : data && data.items.length === 0 ? (
          <EmptyMessage title={t('empty')} />
        ) : (
          data && (
            <Table.ScrollContainer minWidth={640}>
              <Table verticalSpacing="sm" aria-label={t('title')} data-testid="jobs">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('table.started')}</Table.Th>
                    <Table.Th>{t('table.job')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.items.map((j) => (
                    <Table.Tr key={j.id}>
                      <Table.Td style={{ whiteSpace: 'nowrap', verticalAlign: 'top' }}>
                        <Text size="sm">{formatDateTime(j.createdAt, i18n.language)}</Text>
                        <Text size="xs" c="dimmed">
                          #{j.id}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <JobProgress jobId={j.id} />
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )
        )}
        {data && data.total > 0 && (
          <Pager total={data.total} page={page} pageSize={JOB_PAGE_SIZE} onChange={setPage} />
        )}
      </Stack>
    </>
  );
}
