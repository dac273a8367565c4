import { Alert, Button, Group, Paper, Stack, Table, Tabs, Text } from '@mantine/core';
import { IconDownload, IconInfoCircle } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fiscalYearOf } from '../../../lib/dates.js';
import { formatDateTime } from '../../app/format.js';
import { PageHeader } from '../../app/ui/PageHeader.js';
import { ProblemAlert } from '../../app/ui/ProblemAlert.js';
import { EmptyMessage, LoadingState } from '../../app/ui/States.js';
import { EXPORT_FORMATS, type National, nationalExportHref, useNational } from './api.js';
import {
  type AgencyIndex,
  ChaptersTable,
  DrillsTable,
  IncidentsTable,
  InspectionTables,
  SelfcheckTable,
  StaffAreasTable,
  TrainingTable,
  TrendsTable,
  WeakestTable,
} from './NationalTables.js';
import { AgencyName, FiscalYearSelect } from './ui.js';

const TABS = [
  'selfcheck',
  'staffAreas',
  'chapters',
  'inspection',
  'drills',
  'training',
  'incidents',
  'trends',
  'weakest',
  'agencies',
] as const;

/** 全国集計: the national tables (001 ch. II) from each agency's latest statement of the fiscal year. */
export default function NationalPage() {
  const { t, i18n } = useTranslation('central');
  const [fy, setFy] = useState(fiscalYearOf(new Date()));
  const q = useNational(fy);
  return (
    <>
      <PageHeader title={t('national.title')} description={t('national.description')} />
      <Stack gap="md">
        <Group align="flex-end" justify="space-between">
          <FiscalYearSelect value={fy} onChange={setFy} />
          <Group gap="xs" aria-label={t('national.export')} role="group">
            {EXPORT_FORMATS.map((f) => (
              <Button
                key={f}
                component="a"
                href={nationalExportHref(fy, f, i18n.language)}
                download
                variant="default"
                size="xs"
                leftSection={<IconDownload size={14} aria-hidden />}
              >
                {t(`format.${f}`)}
              </Button>
            ))}
          </Group>
        </Group>
        <Alert color="blue" variant="light" icon={<IconInfoCircle aria-hidden />}>
          {t('national.meanNote')}
        </Alert>
        <ProblemAlert error={q.error} />
        {q.isPending ? (
          <LoadingState />
        ) : !q.data ? null : q.data.agencies.length === 0 ? (
          <EmptyMessage title={t('national.empty')} />
        ) : (
          <NationalTabs n={q.data} />
        )}
      </Stack>
    </>
  );
}

function NationalTabs({ n }: { n: National }) {
  const { t } = useTranslation('central');
  const agencies: AgencyIndex = new Map(n.agencies.map((a) => [a.code, { agency: a, via: a.via }] as const));
  const props = { n, agencies };
  return (
    <Paper withBorder p="md">
      <Tabs defaultValue="selfcheck" keepMounted={false}>
        <Tabs.List mb="md">
          {TABS.map((tab) => (
            <Tabs.Tab key={tab} value={tab}>
              {t(`tab.${tab}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="selfcheck">
          <SelfcheckTable {...props} />
        </Tabs.Panel>
        <Tabs.Panel value="staffAreas">
          <StaffAreasTable {...props} />
        </Tabs.Panel>
        <Tabs.Panel value="chapters">
          <ChaptersTable {...props} />
        </Tabs.Panel>
        <Tabs.Panel value="inspection">
          <InspectionTables {...props} />
        </Tabs.Panel>
        <Tabs.Panel value="drills">
          <DrillsTable {...props} />
        </Tabs.Panel>
        <Tabs.Panel value="training">
          <TrainingTable {...props} />
        </Tabs.Panel>
        <Tabs.Panel value="incidents">
          <IncidentsTable {...props} />
        </Tabs.Panel>
        <Tabs.Panel value="trends">
          <TrendsTable n={n} />
        </Tabs.Panel>
        <Tabs.Panel value="weakest">
          <WeakestTable n={n} />
        </Tabs.Panel>
        <Tabs.Panel value="agencies">
          <AgenciesTable n={n} />
        </Tabs.Panel>
      </Tabs>
    </Paper>
  );
}

/** Which statement each row comes from: version, date and the 実施率 definition it used. */
function AgenciesTable({ n }: { n: National }) {
  const { t, i18n } = useTranslation('central');
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table striped aria-label={t('tab.agencies')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('agencyName')}</Table.Th>
            <Table.Th ta="right">{t('submissions.version')}</Table.Th>
            <Table.Th>{t('submissions.at')}</Table.Th>
            <Table.Th>{t('national.definition')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {n.agencies.map((a) => (
            <Table.Tr key={a.code}>
              <Table.Td>
                <AgencyName agency={a} via={a.via} />
              </Table.Td>
              <Table.Td ta="right">{a.version}</Table.Td>
              <Table.Td>{formatDateTime(a.submittedAt, i18n.language)}</Table.Td>
              <Table.Td>
                <Text size="sm">
                  {a.definition ? t(`definition.${a.definition}`, { defaultValue: a.definition }) : '—'}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
