import { Anchor, Badge, Group, Paper, SegmentedControl, Stack, Table, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDateTime } from '../../app/format.js';
import { PageHeader } from '../../app/ui/PageHeader.js';
import { Pager } from '../../app/ui/Pager.js';
import { ProblemAlert } from '../../app/ui/ProblemAlert.js';
import { EmptyMessage, LoadingState } from '../../app/ui/States.js';
import { alertTitle, type Delivery, INBOX_STATES, type InboxFilter, PAGE_SIZE, useInbox } from './api.js';
import { KindBadge } from './KindBadge.js';

/** The agency's inbox of the central body's alerts (alert.handle), newest first. */
export default function InboxPage() {
  const { t, i18n } = useTranslation('alerts');
  const [f, setF] = useState<InboxFilter>({ state: 'all', q: '', page: 1 });
  const list = useInbox(f);
  const data = list.data;
  return (
    <>
      <PageHeader title={t('inbox.title')} description={t('inbox.description')} />
      <Paper withBorder p="sm" mb="md">
        <Group align="flex-end">
          <SegmentedControl
            aria-label={t('filter.state')}
            data={INBOX_STATES.map((s) => ({ value: s, label: t(`inbox.filter.${s}`) }))}
            value={f.state}
            onChange={(v) => setF({ ...f, state: v as InboxFilter['state'], page: 1 })}
          />
          <TextInput
            type="search"
            label={t('filter.q')}
            value={f.q}
            onChange={(e) => setF({ ...f, q: e.currentTarget.value, page: 1 })}
          />
        </Group>
      </Paper>
      <Stack>
        <ProblemAlert error={list.error} />
        {list.isPending ? (
          <LoadingState />
        ) : data && data.items.length === 0 ? (
          <EmptyMessage title={t('inbox.empty')} />
        ) : (
          data && (
            <Table.ScrollContainer minWidth={800}>
              <Table striped highlightOnHover opacity={list.isPlaceholderData ? 0.6 : 1}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('field.kind')}</Table.Th>
                    <Table.Th>{t('field.title')}</Table.Th>
                    <Table.Th>{t('field.receivedAt')}</Table.Th>
                    <Table.Th>{t('field.reportDueOn')}</Table.Th>
                    <Table.Th>{t('field.status')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.items.map((x) => (
                    <Table.Tr key={x.id}>
                      <Table.Td>
                        <KindBadge kind={x.alert.kind} />
                      </Table.Td>
                      <Table.Td>
                        <Anchor component={Link} to={`/alerts/${x.id}`}>
                          {alertTitle(x.alert, i18n.language)}
                        </Anchor>
                      </Table.Td>
                      <Table.Td>{formatDateTime(x.receivedAt, i18n.language)}</Table.Td>
                      <Table.Td>{x.alert.reportRequested ? (x.alert.reportDueOn ?? '—') : '—'}</Table.Td>
                      <Table.Td>
                        <StateBadges d={x} />
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )
        )}
        {data && data.total > 0 && (
          <Pager
            total={data.total}
            page={f.page}
            pageSize={PAGE_SIZE}
            onChange={(page) => setF({ ...f, page })}
          />
        )}
      </Stack>
    </>
  );
}

/** Where the agency's handling stands, as badges. */
export function StateBadges({ d }: { d: Delivery }) {
  const { t } = useTranslation('alerts');
  return (
    <Group gap={4}>
      {d.alert.withdrawnAt && <Badge color="dark">{t('status.withdrawn')}</Badge>}
      {d.acknowledgedAt ? (
        <Badge color="green">{t('state.acknowledged')}</Badge>
      ) : (
        <Badge color="gray">{t('state.unacknowledged')}</Badge>
      )}
      {d.reportOpen && !d.overdue && <Badge color="yellow">{t('state.reportOpen')}</Badge>}
      {d.overdue && <Badge color="red">{t('state.overdue')}</Badge>}
      {d.closedAt && <Badge color="teal">{t('state.closed')}</Badge>}
      {d.releasedAt && <Badge color="cyan">{t('state.released')}</Badge>}
    </Group>
  );
}
