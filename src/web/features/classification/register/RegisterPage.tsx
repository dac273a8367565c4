import { Button, Group, Paper, Stack } from '@mantine/core';
import { IconFileSpreadsheet, IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMe } from '../../../app/auth.js';
import { PageHeader } from '../../../app/ui/PageHeader.js';
import { Pager } from '../../../app/ui/Pager.js';
import { ProblemAlert } from '../../../app/ui/ProblemAlert.js';
import { EmptyMessage, LoadingState } from '../../../app/ui/States.js';
import { exportHref, PAGE_SIZE, useActivePolicy, useEntries } from '../api.js';
import { EntryTable } from './EntryTable.js';
import { RegisterFilters } from './RegisterFilters.js';
import { useEntryFilter } from './useEntryFilter.js';

/**
 * The information register (格付台帳): the entries the user may see — their own, their unit's
 * non-restricted ones, those whose access scope names them, and, for a division head, the division's.
 */
export default function RegisterPage() {
  const { t } = useTranslation('classification');
  const me = useMe();
  const [filter, setFilter] = useEntryFilter();
  const policy = useActivePolicy();
  const entries = useEntries(filter);
  const data = entries.data;
  // The export covers one unit and what is below it, as far as the user may see (the server filters).
  const exportUnit = filter.unitId ?? me.person.unitId;
  return (
    <>
      <PageHeader
        title={t('register.title')}
        description={t('register.description')}
        actions={
          <Group gap="xs">
            <Button
              component="a"
              href={exportHref(exportUnit, true)}
              variant="default"
              leftSection={<IconFileSpreadsheet size={16} aria-hidden />}
            >
              {filter.unitId ? t('register.export') : t('register.exportMine')}
            </Button>
            <Button
              component={Link}
              to="/classification/register/new"
              leftSection={<IconPlus size={16} aria-hidden />}
            >
              {t('register.new')}
            </Button>
          </Group>
        }
      />
      <Paper withBorder p="sm" mb="md">
        <RegisterFilters filter={filter} onChange={setFilter} policy={policy.data} />
      </Paper>
      <Stack>
        <ProblemAlert error={entries.error ?? policy.error} />
        {entries.isPending ? (
          <LoadingState />
        ) : data && data.items.length === 0 ? (
          <EmptyMessage title={t('register.empty')} description={t('register.emptyHint')} />
        ) : (
          data && (
            <EntryTable
              items={data.items}
              policy={policy.data}
              dim={entries.isPlaceholderData}
              label={t('register.title')}
            />
          )
        )}
        {data && data.total > 0 && (
          <Pager
            total={data.total}
            page={filter.page}
            pageSize={PAGE_SIZE}
            onChange={(page) => setFilter({ page })}
          />
        )}
      </Stack>
    </>
  );
}
