import { Anchor, Badge, Button, Group, Paper, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDateTime } from '../../app/format.js';
import { useCan } from '../../app/permissions.js';
import { PageHeader } from '../../app/ui/PageHeader.js';
import { Pager } from '../../app/ui/Pager.js';
import { ProblemAlert } from '../../app/ui/ProblemAlert.js';
import { EmptyMessage, LoadingState } from '../../app/ui/States.js';
import { type AlertFilter, alertTitle, PAGE_SIZE, STATUS_COLORS, STATUSES, useCentralAlerts } from './api.js';
import { KindBadge } from './KindBadge.js';

/** The central body's alerts (001 L447-462): drafts, published and withdrawn, with how agencies answered. */
export default function CentralAlertsPage() {
  const { t, i18n } = useTranslation('alerts');
  const canManage = useCan('central.manage');
  const [f, setF] = useState<AlertFilter>({ status: null, q: '', page: 1 });
  const list = useCentralAlerts(f);
  const data = list.data;
  return (
    <>
      <PageHeader
        title={t('central.title')}
        description={t('central.description')}
        actions={
          canManage && (
            <Button component={Link} to="/central/alerts/new">
              {t('central.new')}
            </Button>
          )
        }
      />
      <Paper withBorder p="sm" mb="md">
        <Group>
          <Select
            label={t('filter.status')}
            clearable
            data={STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))}
            value={f.status}
            onChange={(v) => setF({ ...f, status: (v as AlertFilter['status']) ?? null, page: 1 })}
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
          <EmptyMessage title={t('central.empty')} />
        ) : (
          data && (
            <Table.ScrollContainer minWidth={860}>
              <Table striped highlightOnHover opacity={list.isPlaceholderData ? 0.6 : 1}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('field.kind')}</Table.Th>
                    <Table.Th>{t('field.title')}</Table.Th>
                    <Table.Th>{t('field.status')}</Table.Th>
                    <Table.Th>{t('field.publishedAt')}</Table.Th>
                    <Table.Th>{t('central.acknowledgedOf')}</Table.Th>
                    <Table.Th>{t('central.reportedOf')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.items.map((x) => (
                    <Table.Tr key={x.id}>
                      <Table.Td>
                        <KindBadge kind={x.kind} />
                      </Table.Td>
                      <Table.Td>
                        <Anchor component={Link} to={`/central/alerts/${x.id}`}>
                          {alertTitle(x, i18n.language)}
                        </Anchor>
                      </Table.Td>
                      <Table.Td>
                        <Badge color={STATUS_COLORS[x.status]}>{t(`status.${x.status}`)}</Badge>
                      </Table.Td>
                      <Table.Td>{formatDateTime(x.publishedAt, i18n.language)}</Table.Td>
                      <Table.Td>
                        {x.status === 'draft' ? '—' : `${x.counts.acknowledged} / ${x.counts.agencies}`}
                      </Table.Td>
                      <Table.Td>
                        {x.reportRequested ? (
                          <Group gap={4}>
                            <Text size="sm">
                              {x.counts.reported} / {x.counts.agencies}
                            </Text>
                            {x.counts.overdue > 0 && (
                              <Badge color="red" size="sm">
                                {t('overdueCount', { count: x.counts.overdue })}
                              </Badge>
                            )}
                          </Group>
                        ) : (
                          '—'
                        )}
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
