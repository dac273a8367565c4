import { Anchor, Badge, Button, Group, Progress, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconPlus, IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDate } from '../../../app/format.js';
import { useCan } from '../../../app/permissions.js';
import { PageHeader } from '../../../app/ui/PageHeader.js';
import { Pager } from '../../../app/ui/Pager.js';
import { ProblemAlert } from '../../../app/ui/ProblemAlert.js';
import { EmptyMessage, LoadingState } from '../../../app/ui/States.js';
import { useRounds } from './api.js';
import { OpenRoundModal } from './OpenRoundModal.js';

const PAGE = 20;

/** Focused inspection rounds the user may see, newest first, with how many hosts have answered. */
export default function RoundsPage() {
  const { t, i18n } = useTranslation('inspections');
  const canManage = useCan('system.manage');
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 250);
  const [page, setPage] = useState(1);
  const [opening, setOpening] = useState(false);
  const rounds = useRounds({ q, page, pageSize: PAGE });
  const items = rounds.data?.items ?? [];
  return (
    <>
      <PageHeader
        title={t('rounds.title')}
        description={t('rounds.description')}
        actions={
          canManage && (
            <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setOpening(true)}>
              {t('rounds.new')}
            </Button>
          )
        }
      />
      <Group mb="md">
        <TextInput
          leftSection={<IconSearch size={16} aria-hidden />}
          placeholder={t('rounds.search')}
          aria-label={t('rounds.search')}
          value={search}
          onChange={(e) => {
            setSearch(e.currentTarget.value);
            setPage(1);
          }}
          w={{ base: '100%', sm: 280 }}
        />
      </Group>
      <ProblemAlert error={rounds.error} />
      {rounds.isPending ? (
        <LoadingState />
      ) : items.length === 0 ? (
        <EmptyMessage title={t('rounds.empty')} />
      ) : (
        <>
          <Table.ScrollContainer minWidth={640}>
            <Table striped verticalSpacing="sm" aria-label={t('rounds.title')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('rounds.col.name')}</Table.Th>
                  <Table.Th>{t('rounds.col.fiscalYear')}</Table.Th>
                  <Table.Th>{t('rounds.col.referenceDate')}</Table.Th>
                  <Table.Th>{t('rounds.col.status')}</Table.Th>
                  <Table.Th>{t('rounds.col.progress')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((r) => (
                  <Table.Tr key={r.id}>
                    <Table.Td>
                      <Anchor component={Link} to={`/inspections/${r.id}`} fw={600}>
                        {r.name}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{r.fiscalYear}</Table.Td>
                    <Table.Td>{formatDate(r.referenceDate, i18n.language)}</Table.Td>
                    <Table.Td>
                      <Badge color={r.status === 'open' ? 'blue' : 'gray'}>{t(`status.${r.status}`)}</Badge>
                    </Table.Td>
                    <Table.Td miw={180}>
                      <Text size="sm">{t('rounds.progress', { ...r.progress })}</Text>
                      <Progress
                        value={r.progress.total ? (100 * r.progress.answered) / r.progress.total : 0}
                        size="sm"
                        aria-hidden
                      />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <Pager total={rounds.data?.total ?? 0} page={page} pageSize={PAGE} onChange={setPage} />
        </>
      )}
      {opening && <OpenRoundModal onClose={() => setOpening(false)} />}
    </>
  );
}
