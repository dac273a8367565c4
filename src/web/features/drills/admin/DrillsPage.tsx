import { Anchor, Badge, Button, Group, SegmentedControl, Table, Text, TextInput } from '@mantine/core';
import { IconPlus, IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDateTime } from '../../../app/format.js';
import { useCan } from '../../../app/permissions.js';
import { PageHeader } from '../../../app/ui/PageHeader.js';
import { Pager } from '../../../app/ui/Pager.js';
import { ProblemAlert } from '../../../app/ui/ProblemAlert.js';
import { EmptyMessage, LoadingState } from '../../../app/ui/States.js';
import { STATE_COLORS, useDrills } from '../api.js';

const PAGE = 20;
type Filter = 'all' | 'active' | 'done';

/** The agency's drills, newest first: drafts, scheduled and sending ones, finished ones. */
export default function DrillsPage() {
  const { t, i18n } = useTranslation('drills');
  const drills = useDrills();
  const canManage = useCan('drill.manage');
  const [q, setQ] = useState('');
  const [filter, setFilter] = useState<Filter>('all');
  const [page, setPage] = useState(1);
  const needle = q.trim().toLowerCase();
  const shown = (drills.data ?? []).filter(
    (d) =>
      (filter === 'all' ||
        (filter === 'done'
          ? ['done', 'cancelled'].includes(d.state)
          : !['done', 'cancelled'].includes(d.state))) &&
      (!needle || d.title.toLowerCase().includes(needle) || d.subject.toLowerCase().includes(needle)),
  );
  const pageItems = shown.slice((page - 1) * PAGE, page * PAGE);
  return (
    <>
      <PageHeader
        title={t('list.title')}
        description={t('list.description')}
        actions={
          canManage && (
            <Button component={Link} to="/drills/new" leftSection={<IconPlus size={16} aria-hidden />}>
              {t('list.new')}
            </Button>
          )
        }
      />
      <Group mb="md" gap="sm" wrap="wrap">
        <TextInput
          leftSection={<IconSearch size={16} aria-hidden />}
          placeholder={t('list.search')}
          aria-label={t('list.search')}
          value={q}
          onChange={(e) => {
            setQ(e.currentTarget.value);
            setPage(1);
          }}
          w={{ base: '100%', sm: 280 }}
        />
        <SegmentedControl
          value={filter}
          onChange={(v) => {
            setFilter(v as Filter);
            setPage(1);
          }}
          aria-label={t('list.filter')}
          data={[
            { value: 'all', label: t('list.all') },
            { value: 'active', label: t('list.active') },
            { value: 'done', label: t('list.finished') },
          ]}
        />
      </Group>
      <ProblemAlert error={drills.error} />
      {drills.isPending ? (
        <LoadingState />
      ) : shown.length === 0 ? (
        <EmptyMessage title={t('list.empty')} description={canManage ? t('list.emptyHint') : undefined} />
      ) : (
        <>
          <Table.ScrollContainer minWidth={680}>
            <Table striped verticalSpacing="sm" aria-label={t('list.title')} data-testid="drills-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('list.col.title')}</Table.Th>
                  <Table.Th>{t('list.col.state')}</Table.Th>
                  <Table.Th>{t('list.col.kind')}</Table.Th>
                  <Table.Th ta="right">{t('list.col.recipients')}</Table.Th>
                  <Table.Th>{t('list.col.started')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {pageItems.map((d) => (
                  <Table.Tr key={d.id}>
                    <Table.Td>
                      <Anchor component={Link} to={`/drills/${d.id}`} fw={600}>
                        {d.title}
                      </Anchor>
                      <Text size="xs" c="dimmed" lineClamp={1}>
                        {d.subject}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Badge color={STATE_COLORS[d.state]}>{t(`state.${d.state}`)}</Badge>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">
                        {t(`variant.${d.variant}`)}・{t(`lure.${d.lureKind}`)}
                        {d.announced ? `・${t('list.announced')}` : ''}
                      </Text>
                    </Table.Td>
                    <Table.Td ta="right">{d.recipients.toLocaleString()}</Table.Td>
                    <Table.Td>{formatDateTime(d.startedAt ?? d.startAt, i18n.language)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <Pager total={shown.length} page={page} pageSize={PAGE} onChange={setPage} />
        </>
      )}
    </>
  );
}
