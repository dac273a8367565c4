import { Button, Grid, Group, Paper, Title } from '@mantine/core';
import { IconUpload } from '@tabler/icons-react';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useCan } from '../../app/permissions.js';
import { PageHeader } from '../../app/ui/PageHeader.js';
import { ProblemAlert } from '../../app/ui/ProblemAlert.js';
import { EmptyMessage, LoadingState } from '../../app/ui/States.js';
import { useLocalName, useUnits } from '../../app/units.js';
import type { PeopleFilter } from './api.js';
import { ImportModal } from './ImportModal.js';
import { PeopleTable } from './PeopleTable.js';
import { PersonDrawer } from './PersonDrawer.js';
import { UnitTree } from './UnitTree.js';

const PAGE_SIZE = 50;

/** The org tree beside the people in the selected unit's subtree; the state lives in the URL. */
export default function OrgPage() {
  const { t } = useTranslation('org');
  const units = useUnits();
  const name = useLocalName();
  const [params, setParams] = useSearchParams();
  const canManage = useCan('org.manage');
  const [importing, setImporting] = useState(false);
  const filter: PeopleFilter = useMemo(
    () => ({
      unitId: params.get('unit'),
      subtree: params.get('sub') !== '0',
      q: params.get('q') ?? '',
      status: (params.get('status') ?? '') as PeopleFilter['status'],
      page: Math.max(1, Number(params.get('page')) || 1),
      pageSize: PAGE_SIZE,
    }),
    [params],
  );
  const update = useCallback(
    (patch: Partial<PeopleFilter> & { person?: string | null }) => {
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          const set = (key: string, value: string | null) =>
            value ? next.set(key, value) : next.delete(key);
          if ('unitId' in patch) set('unit', patch.unitId ?? null);
          if ('subtree' in patch) set('sub', patch.subtree ? null : '0');
          if ('q' in patch) set('q', patch.q || null);
          if ('status' in patch) set('status', patch.status || null);
          if ('page' in patch) set('page', patch.page && patch.page > 1 ? String(patch.page) : null);
          if ('person' in patch) set('person', patch.person ?? null);
          return next;
        },
        { replace: !('page' in patch && Object.keys(patch).length === 1) },
      );
    },
    [setParams],
  );
  const selected = filter.unitId ? units.data?.find((u) => u.id === filter.unitId) : undefined;
  const heading = selected ? name(selected) : t('people.everyone');
  return (
    <>
      <PageHeader
        title={t('title')}
        description={t('description')}
        actions={
          canManage && (
            <Button
              variant="light"
              leftSection={<IconUpload size={16} aria-hidden />}
              onClick={() => setImporting(true)}
            >
              {t('import.open')}
            </Button>
          )
        }
      />
      <ProblemAlert error={units.error} />
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 4, xl: 3 }}>
          <Paper withBorder p="sm" component="section" aria-labelledby="org-tree-heading">
            <Group justify="space-between" mb="xs">
              <Title order={2} size="h5" id="org-tree-heading">
                {t('tree.title')}
              </Title>
              {filter.unitId && (
                <Button size="compact-xs" variant="subtle" onClick={() => update({ unitId: null, page: 1 })}>
                  {t('tree.clear')}
                </Button>
              )}
            </Group>
            {units.isPending ? (
              <LoadingState />
            ) : units.data && units.data.length > 0 ? (
              <UnitTree
                units={units.data}
                selectedId={filter.unitId}
                onSelect={(id) => update({ unitId: id, page: 1 })}
              />
            ) : (
              <EmptyMessage title={t('tree.empty')} />
            )}
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 8, xl: 9 }}>
          <Paper withBorder p="sm" component="section" aria-labelledby="people-heading">
            <Title order={2} size="h4" id="people-heading" mb="xs" data-testid="people-heading">
              {heading}
            </Title>
            <PeopleTable
              filter={filter}
              onChange={update}
              onOpen={(id) => update({ person: id })}
              caption={t('people.tableLabel', { unit: heading })}
            />
          </Paper>
        </Grid.Col>
      </Grid>
      <ImportModal opened={importing} onClose={() => setImporting(false)} />
      <PersonDrawer personId={params.get('person')} onClose={() => update({ person: null })} />
    </>
  );
}
