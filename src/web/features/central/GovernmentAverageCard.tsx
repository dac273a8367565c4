import { Paper, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../app/format.js';
import { ProblemAlert } from '../../app/ui/ProblemAlert.js';
import { LoadingState } from '../../app/ui/States.js';
import { type GovernmentAverage, useGovernmentAverage } from './api.js';
import { usePct } from './ui.js';

type Comparable = GovernmentAverage['mean'];

const ROWS: { key: string; pick(c: Comparable): number | null | undefined }[] = [
  { key: 'rate.coverage', pick: (c) => c.selfcheck.overall.coverage },
  { key: 'rate.nisc', pick: (c) => c.selfcheck.overall.nisc },
  { key: 'rate.attainment100', pick: (c) => c.selfcheck.overall.attainment100 },
  { key: 'rate.attainment95', pick: (c) => c.selfcheck.overall.attainment95 },
  { key: 'rate.attainment90', pick: (c) => c.selfcheck.overall.attainment90 },
  { key: 'inspection.rate', pick: (c) => c.inspectionRate },
  { key: 'drills.openRate', pick: (c) => c.drillOpenRate },
  { key: 'drills.reportRate', pick: (c) => c.drillReportRate },
  { key: 'training.rate', pick: (c) => c.trainingRate },
];

/** 政府平均との比較: the agency's latest statement beside the unweighted government means (003 L658-661). */
export function GovernmentAverageCard({ fy }: { fy: number }) {
  const { t, i18n } = useTranslation('central');
  const pct = usePct();
  const q = useGovernmentAverage(fy);
  const d = q.data;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="gov-average">
      <Title order={2} size="h4" id="gov-average" mb="xs">
        {t('average.title')}
      </Title>
      <ProblemAlert error={q.error} />
      {q.isPending ? (
        <LoadingState />
      ) : d ? (
        <>
          <Text size="sm" c="dimmed" mb="sm">
            {t('average.note', { count: d.agencies })}
            {d.ownVersion !== null &&
              ` ${t('average.ownFrom', { version: d.ownVersion, at: formatDateTime(d.ownSubmittedAt, i18n.language) })}`}
          </Text>
          {d.own === null && (
            <Text size="sm" c="orange" mb="sm">
              {t('average.noOwn')}
            </Text>
          )}
          <Table striped aria-label={t('average.title')} data-testid="government-average">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('average.figure')}</Table.Th>
                <Table.Th ta="right">{t('average.own')}</Table.Th>
                <Table.Th ta="right">{t('average.mean', { count: d.agencies })}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {ROWS.map((r) => (
                <Table.Tr key={r.key}>
                  <Table.Td>{t(r.key as 'rate.coverage')}</Table.Td>
                  <Table.Td ta="right">{d.own ? pct(r.pick(d.own)) : '—'}</Table.Td>
                  <Table.Td ta="right">{pct(r.pick(d.mean))}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </>
      ) : null}
    </Paper>
  );
}
