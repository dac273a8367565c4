import { SegmentedControl } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../../app/ui/PageHeader.js';
import { Pager } from '../../../app/ui/Pager.js';
import { ProblemAlert } from '../../../app/ui/ProblemAlert.js';
import { EmptyMessage, LoadingState } from '../../../app/ui/States.js';
import { useResponses } from './api.js';
import { ResponsesTable } from './ResponsesTable.js';

const PAGE = 50;

/** For a system's 責任者 or 管理者: the advisories affecting the systems they answer for. */
export default function MyAdvisoriesPage() {
  const { t } = useTranslation('advisories');
  const [status, setStatus] = useState<'open' | 'all'>('open');
  const [page, setPage] = useState(1);
  const list = useResponses('/advisories/mine', {
    status: status === 'open' ? 'open' : undefined,
    page,
    pageSize: PAGE,
  });
  return (
    <>
      <PageHeader title={t('mine.title')} description={t('mine.description')} />
      <SegmentedControl
        mb="md"
        value={status}
        onChange={(v) => {
          setStatus(v as 'open' | 'all');
          setPage(1);
        }}
        data={[
          { value: 'open', label: t('status.open') },
          { value: 'all', label: t('mine.all') },
        ]}
      />
      <ProblemAlert error={list.error} />
      {list.isPending ? (
        <LoadingState />
      ) : !list.data || list.data.items.length === 0 ? (
        <EmptyMessage title={t('mine.empty')} />
      ) : (
        <>
          <ResponsesTable items={list.data.items} showAdvisory />
          <Pager total={list.data.total} page={page} pageSize={PAGE} onChange={setPage} />
        </>
      )}
    </>
  );
}
