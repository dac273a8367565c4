import { Paper, Select, Stack, Table, Text } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../../app/permissions.js';
import { PageHeader } from '../../../app/ui/PageHeader.js';
import { ProblemAlert } from '../../../app/ui/ProblemAlert.js';
import { EmptyMessage, LoadingState } from '../../../app/ui/States.js';
import { useLocalName, useUnitIndex, useUnits } from '../../../app/units.js';
import { pathLabel } from '../../org/tree.js';
import { useActivePolicy, useOverview } from '../api.js';
import { levelName } from '../format.js';
import { overviewTable } from './model.js';

/** Counts of held information by unit and confidentiality level — never titles (000 L905-930). */
export default function OverviewPage() {
  const { t, i18n } = useTranslation('classification');
  const lang = i18n.language;
  const [unitId, setUnitId] = useState<string | null>(null);
  const overview = useOverview(unitId);
  const policy = useActivePolicy();
  const canReadOrg = useCan('org.read');
  const units = useUnits();
  const unitIndex = useUnitIndex();
  const name = useLocalName();
  const options = useMemo(
    () =>
      (units.data ?? [])
        .filter((u) => !u.abolished)
        .map((u) => ({ value: u.id, label: pathLabel(u, unitIndex, name) })),
    [units.data, unitIndex, name],
  );
  const table = overview.data ? overviewTable(overview.data) : null;
  return (
    <>
      <PageHeader title={t('overview.title')} description={t('overview.description')} />
      <Stack>
        {canReadOrg && (
          <Paper withBorder p="sm">
            <Select
              label={t('register.filters.unit')}
              placeholder={t('register.filters.anyUnit')}
              data={options}
              value={unitId}
              onChange={setUnitId}
              searchable
              clearable
              maw={480}
            />
          </Paper>
        )}
        <ProblemAlert error={overview.error} />
        {overview.isPending ? (
          <LoadingState />
        ) : !table || table.rows.length === 0 ? (
          <EmptyMessage title={t('overview.empty')} />
        ) : (
          <Table.ScrollContainer minWidth={560}>
            <Table striped verticalSpacing="sm" aria-label={t('overview.title')} data-testid="overview-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('field.unit')}</Table.Th>
                  {table.levels.map((l) => (
                    <Table.Th key={l} ta="right">
                      {levelName(policy.data, 'confidentiality', l, lang)}
                    </Table.Th>
                  ))}
                  <Table.Th ta="right">{t('overview.total')}</Table.Th>
                  <Table.Th ta="right">{t('overview.proposed')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {table.rows.map((r) => (
                  <Table.Tr key={r.unitId}>
                    <Table.Td>{r.unitName}</Table.Td>
                    {table.levels.map((l) => (
                      <Table.Td key={l} ta="right">
                        {(r.byLevel.get(l) ?? 0).toLocaleString()}
                      </Table.Td>
                    ))}
                    <Table.Td ta="right" fw={600}>
                      {r.total.toLocaleString()}
                    </Table.Td>
                    <Table.Td ta="right">{r.proposed.toLocaleString()}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
              <Table.Tfoot>
                <Table.Tr>
                  <Table.Th>{t('overview.total')}</Table.Th>
                  {table.levels.map((l) => (
                    <Table.Th key={l} ta="right">
                      {(table.totals.get(l) ?? 0).toLocaleString()}
                    </Table.Th>
                  ))}
                  <Table.Th ta="right">
                    {table.rows.reduce((n, r) => n + r.total, 0).toLocaleString()}
                  </Table.Th>
                  <Table.Th ta="right">
                    {table.rows.reduce((n, r) => n + r.proposed, 0).toLocaleString()}
                  </Table.Th>
                </Table.Tr>
              </Table.Tfoot>
            </Table>
          </Table.ScrollContainer>
        )}
        <Text size="xs" c="dimmed">
          {t('overview.note')}
        </Text>
      </Stack>
    </>
  );
}
