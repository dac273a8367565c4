import { Alert, Paper, SegmentedControl, Select, Stack, Table, Text, Title } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { STAFF_AREAS } from '../../../modules/selfcheck/catalog-model.js';
import { formatDateTime } from '../../app/format.js';
import { PageHeader } from '../../app/ui/PageHeader.js';
import { ProblemAlert } from '../../app/ui/ProblemAlert.js';
import { EmptyMessage, LoadingState } from '../../app/ui/States.js';
import { useLocalName } from '../../app/units.js';
import { fiscalYearOfDay, METRIC_GROUPS, pct, todayInJapan } from '../selfcheck/format.js';
import { type Triple, useComparison, useSubmissions } from './api.js';

/** The central body (NISC): what agencies submitted, and their self-check figures side by side for a year. */
export default function CentralPage() {
  const { t } = useTranslation('central');
  const thisYear = fiscalYearOfDay(todayInJapan());
  const [year, setYear] = useState(thisYear);
  const all = useSubmissions(null);
  const years = [...new Set([thisYear, ...(all.data ?? []).map((s) => s.fiscalYear)])].sort((a, b) => b - a);
  return (
    <>
      <PageHeader title={t('title')} description={t('description')} />
      <Stack gap="lg">
        <Select
          label={t('fiscalYear')}
          data={years.map((y) => ({ value: String(y), label: t('fiscalYearValue', { year: y }) }))}
          value={String(year)}
          onChange={(v) => v && setYear(Number(v))}
          allowDeselect={false}
          w={200}
        />
        <Comparison year={year} />
        <StaffAreas year={year} />
        <Submissions year={year} />
      </Stack>
    </>
  );
}

function Comparison({ year }: { year: number }) {
  const { t } = useTranslation('central');
  const name = useLocalName();
  const comparison = useComparison(year);
  const [scope, setScope] = useState<string>('overall');
  const pickOf = (x: { overall: Triple; groups: Record<string, Triple> }): Triple | undefined =>
    scope === 'overall' ? x.overall : x.groups[scope];
  const data = comparison.data;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="central-comparison">
      <Title order={2} size="h5" id="central-comparison" mb="xs">
        {t('comparison.title', { year })}
      </Title>
      <Alert color="blue" variant="light" icon={<IconInfoCircle aria-hidden />} mb="sm">
        {t('comparison.meanNote')}
      </Alert>
      <SegmentedControl
        size="xs"
        mb="sm"
        value={scope}
        onChange={setScope}
        data={[
          { value: 'overall', label: t('comparison.overall') },
          ...METRIC_GROUPS.map((g) => ({ value: g, label: t(`group.${g}`) })),
        ]}
        aria-label={t('comparison.scope')}
      />
      <ProblemAlert error={comparison.error} />
      {comparison.isPending ? (
        <LoadingState />
      ) : !data || data.agencies.length === 0 ? (
        <EmptyMessage title={t('comparison.empty')} />
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table striped aria-label={t('comparison.title', { year })} data-testid="central-comparison">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('comparison.agency')}</Table.Th>
                <Table.Th ta="right">{t('comparison.coverage')}</Table.Th>
                <Table.Th ta="right">{t('comparison.implementation')}</Table.Th>
                <Table.Th ta="right">{t('comparison.attainment100')}</Table.Th>
                <Table.Th>{t('comparison.submittedAt')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.agencies.map((a) => {
                const f = pickOf(a);
                return (
                  <Table.Tr key={a.agencyCode}>
                    <Table.Td>{name({ nameJa: a.agencyNameJa, nameEn: a.agencyNameEn })}</Table.Td>
                    <Table.Td ta="right">{pct(f?.coverage)}</Table.Td>
                    <Table.Td ta="right">{pct(f?.nisc)}</Table.Td>
                    <Table.Td ta="right">{pct(f?.attainment100)}</Table.Td>
                    <CellDate at={a.submittedAt} />
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
            <Table.Tfoot>
              <Table.Tr fw={700}>
                <Table.Th scope="row">{t('comparison.mean', { count: data.agencies.length })}</Table.Th>
                <Table.Td ta="right">{pct(pickOf(data.governmentMean)?.coverage)}</Table.Td>
                <Table.Td ta="right">{pct(pickOf(data.governmentMean)?.nisc)}</Table.Td>
                <Table.Td ta="right">{pct(pickOf(data.governmentMean)?.attainment100)}</Table.Td>
                <Table.Td />
              </Table.Tr>
            </Table.Tfoot>
          </Table>
        </Table.ScrollContainer>
      )}
    </Paper>
  );
}

/** Ordinary staff's 実施率 in the eight areas of the national report (001 L2883-2904), by agency. */
function StaffAreas({ year }: { year: number }) {
  const { t, i18n } = useTranslation('central');
  const name = useLocalName();
  const data = useComparison(year).data;
  const agencies = data?.agencies.filter((a) => a.staffAreas) ?? [];
  if (!data || agencies.length === 0) return null;
  const en = i18n.language.startsWith('en');
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="central-staff-areas">
      <Title order={2} size="h5" id="central-staff-areas" mb="sm">
        {t('staffAreas.title', { year })}
      </Title>
      <Table.ScrollContainer minWidth={640}>
        <Table striped data-testid="central-staff-areas">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('staffAreas.area')}</Table.Th>
              <Table.Th ta="right">{t('comparison.mean', { count: agencies.length })}</Table.Th>
              {agencies.map((a) => (
                <Table.Th key={a.agencyCode} ta="right">
                  {name({ nameJa: a.agencyNameJa, nameEn: a.agencyNameEn })}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {STAFF_AREAS.map((area) => (
              <Table.Tr key={area.ja}>
                <Table.Td>{en ? area.en : area.ja}</Table.Td>
                <Table.Td ta="right" fw={700}>
                  {pct(data.governmentMean.staffAreas[area.ja])}
                </Table.Td>
                {agencies.map((a) => (
                  <Table.Td key={a.agencyCode} ta="right">
                    {pct(a.staffAreas?.[area.ja])}
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}

function CellDate({ at }: { at: string }) {
  const { i18n } = useTranslation();
  return <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(at, i18n.language)}</Table.Td>;
}

function Submissions({ year }: { year: number }) {
  const { t } = useTranslation('central');
  const name = useLocalName();
  const submissions = useSubmissions(year);
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="central-submissions">
      <Title order={2} size="h5" id="central-submissions" mb="sm">
        {t('submissions.title', { year })}
      </Title>
      <ProblemAlert error={submissions.error} />
      {submissions.isPending ? (
        <LoadingState />
      ) : !submissions.data?.length ? (
        <EmptyMessage title={t('submissions.empty')} />
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table striped aria-label={t('submissions.title', { year })}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('submissions.agency')}</Table.Th>
                <Table.Th>{t('submissions.kind')}</Table.Th>
                <Table.Th>{t('submissions.subject')}</Table.Th>
                <Table.Th>{t('submissions.at')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {submissions.data.map((s) => (
                <Table.Tr key={s.id}>
                  <Table.Td>{name({ nameJa: s.agencyNameJa, nameEn: s.agencyNameEn })}</Table.Td>
                  <Table.Td>
                    <Text size="sm">
                      {s.kind === 'selfcheck.results' ? t('submissions.selfcheck') : s.kind}
                    </Text>
                  </Table.Td>
                  <Table.Td>{s.title}</Table.Td>
                  <CellDate at={s.submittedAt} />
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Paper>
  );
}
