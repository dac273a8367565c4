import { Button, Group, Select, Stack, Tabs } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { PageHeader } from '../../../app/ui/PageHeader.js';
import { Pager } from '../../../app/ui/Pager.js';
import { ProblemAlert } from '../../../app/ui/ProblemAlert.js';
import { EmptyMessage, LoadingState } from '../../../app/ui/States.js';
import { PAGE_SIZE, type Queue, useRequests } from '../api.js';
import { RequestTable } from './RequestTable.js';

const STATUSES = ['pending', 'approved', 'rejected', 'withdrawn', 'notified', 'expired'] as const;
const QUEUES: Queue[] = ['mine', 'approver', 'unit'];

/** My requests and their status; the requests waiting for my decision; my units' requests. */
export default function RequestsPage() {
  const { t } = useTranslation('classification');
  const [params, setParams] = useSearchParams();
  const queue = (QUEUES as string[]).includes(params.get('queue') ?? '')
    ? (params.get('queue') as Queue)
    : 'mine';
  const status = params.get('status') ?? '';
  const page = Number(params.get('page') ?? 1) || 1;
  const set = (patch: Record<string, string>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    if (!('page' in patch)) next.delete('page');
    setParams(next, { replace: true });
  };
  const requests = useRequests({ queue, status: status || undefined, page });
  const data = requests.data;
  return (
    <>
      <PageHeader
        title={t('requests.title')}
        description={t('requests.description')}
        actions={
          <Button
            component={Link}
            to="/classification/requests/new"
            variant="light"
            leftSection={<IconPlus size={16} aria-hidden />}
          >
            {t('requests.newEntryless')}
          </Button>
        }
      />
      <Tabs value={queue} onChange={(q) => set({ queue: q === 'mine' ? '' : (q ?? '') })} mb="md">
        <Tabs.List>
          {QUEUES.map((q) => (
            <Tabs.Tab key={q} value={q}>
              {t(`requests.queue.${q}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
      <Stack>
        <Group>
          <Select
            label={t('requests.statusFilter')}
            placeholder={t('register.filters.anyStatus')}
            data={STATUSES.map((s) => ({ value: s, label: t(`requestStatus.${s}`) }))}
            value={status || null}
            onChange={(v) => set({ status: v ?? '' })}
            clearable
            w={220}
          />
        </Group>
        <ProblemAlert error={requests.error} />
        {requests.isPending ? (
          <LoadingState />
        ) : !data?.items.length ? (
          <EmptyMessage title={t(`requests.empty.${queue}`)} />
        ) : (
          <RequestTable
            items={data.items}
            label={t(`requests.queue.${queue}`)}
            withDecide={queue !== 'mine'}
            dim={requests.isPlaceholderData}
          />
        )}
        {data && data.total > 0 && (
          <Pager
            total={data.total}
            page={page}
            pageSize={PAGE_SIZE}
            onChange={(p) => set({ page: String(p) })}
          />
        )}
      </Stack>
    </>
  );
}
