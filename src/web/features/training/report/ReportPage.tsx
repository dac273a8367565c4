import {
  Anchor,
  Breadcrumbs,
  Button,
  Group,
  Paper,
  Progress,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { lazy, Suspense, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { fiscalYearOf } from '../../../../lib/dates.js';
import { formatPercent } from '../../../../lib/percent.js';
import { api } from '../../../app/api.js';
import { percentValue } from '../../../app/format.js';
import { PageHeader } from '../../../app/ui/PageHeader.js';
import { ProblemAlert } from '../../../app/ui/ProblemAlert.js';
import { EmptyMessage, LoadingState } from '../../../app/ui/States.js';
import { downloadHref, TR, useCourses } from '../api.js';
import { recentFiscalYears } from '../format.js';
import type { Completion, Quarterly } from '../types.js';
import { PeopleStatus } from './PeopleStatus.js';
import { SurveyResultsPanel } from './SurveyResults.js';

const QuarterChart = lazy(() => import('./QuarterChart.js'));

/** Completion of a course by unit (drill down by clicking a unit), by quarter, and person by person. */
export default function ReportPage() {
  const { t } = useTranslation('training');
  const [params, setParams] = useSearchParams();
  const courses = useCourses();
  const list = (courses.data ?? []).filter((c) => c.status !== 'draft');
  const courseId = params.get('course') ?? list[0]?.id ?? null;
  const unitId = params.get('unit');
  const currentYear = fiscalYearOf(new Date());
  const fiscalYear = Number(params.get('fy')) || currentYear;
  const trail = useMemo(() => (params.get('trail') ?? '').split(',').filter(Boolean), [params]);
  const update = (patch: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v === null) next.delete(k);
      else next.set(k, v);
    }
    setParams(next);
  };
  return (
    <>
      <PageHeader
        title={t('report.title')}
        description={t('report.description')}
        actions={
          courseId && (
            <Button
              component="a"
              href={downloadHref('/completion/export', { courseId, unitId: unitId ?? undefined, fiscalYear })}
              variant="default"
              leftSection={<IconDownload size={16} aria-hidden />}
            >
              {t('report.export')}
            </Button>
          )
        }
      />
      <ProblemAlert error={courses.error} />
      <Group mb="md" align="flex-end" wrap="wrap">
        <Select
          label={t('report.course')}
          data={list.map((c) => ({ value: c.id, label: c.title }))}
          value={courseId}
          onChange={(v) => update({ course: v, unit: null, trail: null, page: null })}
          searchable
          allowDeselect={false}
          w={{ base: '100%', sm: 420 }}
        />
        <Select
          label={t('report.fiscalYear')}
          data={recentFiscalYears(currentYear).map((y) => ({
            value: String(y),
            label: t('report.fiscalYearOption', { year: y }),
          }))}
          value={String(fiscalYear)}
          onChange={(v) => update({ fy: v && Number(v) !== currentYear ? v : null, page: null })}
          allowDeselect={false}
          w={{ base: '100%', sm: 160 }}
          data-testid="tr-fiscal-year"
        />
      </Group>
      {courses.isPending ? (
        <LoadingState />
      ) : !courseId ? (
        <EmptyMessage title={t('report.noCourses')} />
      ) : (
        <CourseReport
          courseId={courseId}
          fiscalYear={fiscalYear}
          unitId={unitId}
          trail={trail}
          go={(id, newTrail) =>
            update({ unit: id, trail: newTrail.length ? newTrail.join(',') : null, page: null })
          }
        />
      )}
    </>
  );
}

function CourseReport({
  courseId,
  fiscalYear,
  unitId,
  trail,
  go,
}: {
  courseId: string;
  fiscalYear: number;
  unitId: string | null;
  trail: string[];
  go(unitId: string | null, trail: string[]): void;
}) {
  const { t, i18n } = useTranslation('training');
  const pct = (x: number | null) => formatPercent(x, i18n.language);
  const completion = useQuery({
    queryKey: [TR, 'completion', courseId, unitId, fiscalYear],
    queryFn: () => api<Completion>('/training/completion', { query: { courseId, unitId, fiscalYear } }),
    placeholderData: keepPreviousData,
  });
  const quarterly = useQuery({
    queryKey: [TR, 'quarterly', courseId, unitId, fiscalYear],
    queryFn: () =>
      api<Quarterly>('/training/completion/quarterly', { query: { courseId, unitId, fiscalYear } }),
    placeholderData: keepPreviousData,
  });
  const scopeName = (u: { name: string } | null) => u?.name ?? t('report.allMine');
  const c = completion.data;
  // The trail holds "id:name" of the units above the one shown, so the breadcrumbs need no extra lookups.
  const crumbs = trail.map((x) => {
    const [id = '', ...rest] = x.split(':');
    return { id, name: decodeURIComponent(rest.join(':')) };
  });
  const chart = useMemo(() => {
    const q = quarterly.data;
    if (!q) return null;
    const label = (x: { fiscalYear: number; quarter: number }) =>
      t('report.quarter', { year: x.fiscalYear, q: x.quarter });
    const data = q.quarters.map((x, i) => {
      const row: Record<string, string | number | null> = {
        label: label(x),
        total: percentValue(x.rate),
      };
      for (const u of q.units.slice(0, 5)) {
        const r = u.quarters[i]?.rate;
        row[u.unitId] = percentValue(r);
      }
      return row;
    });
    const colors = ['teal.6', 'orange.6', 'grape.6', 'cyan.6', 'red.6'];
    const series = [
      { name: 'total', label: q.unit?.name ?? t('report.allMine'), color: 'blue.6' },
      ...q.units.slice(0, 5).map((u, i) => ({ name: u.unitId, label: u.name, color: colors[i] ?? 'gray.6' })),
    ];
    return { data, series };
  }, [quarterly.data, t]);
  return (
    <Stack gap="lg">
      <ProblemAlert error={completion.error ?? quarterly.error} />
      {c && (
        <>
          <Breadcrumbs separator="›" aria-label={t('report.trail')}>
            {crumbs.length === 0 && !unitId ? (
              <Text fw={600}>{scopeName(c.unit)}</Text>
            ) : (
              [
                <Anchor key="root" component="button" type="button" onClick={() => go(null, [])}>
                  {t('report.top')}
                </Anchor>,
                ...crumbs.map((cr, i) => (
                  <Anchor
                    key={cr.id}
                    component="button"
                    type="button"
                    onClick={() => go(cr.id, trail.slice(0, i))}
                  >
                    {cr.name}
                  </Anchor>
                )),
                <Text key="here" fw={600}>
                  {scopeName(c.unit)}
                </Text>,
              ]
            )}
          </Breadcrumbs>
          <SimpleGrid cols={{ base: 2, sm: 4 }}>
            <Figure label={t('report.rate')} value={pct(c.total.rate)} testId="tr-rate" />
            <Figure label={t('report.assigned')} value={c.total.assigned.toLocaleString()} />
            <Figure
              label={t('report.completed')}
              value={c.total.completed.toLocaleString()}
              note={
                c.total.offline > 0
                  ? `${t('report.offlineCount')} ${c.total.offline.toLocaleString()}`
                  : undefined
              }
            />
            <Figure label={t('report.overdue')} value={c.total.overdue.toLocaleString()} />
          </SimpleGrid>
          <Paper withBorder p="md" component="section" aria-labelledby="tr-units">
            <Title order={2} size="h5" id="tr-units" mb="sm">
              {t('report.byUnit')}
            </Title>
            {c.units.length === 0 ? (
              <Text c="dimmed" size="sm">
                {t('report.noSubUnits')}
              </Text>
            ) : (
              <Table.ScrollContainer minWidth={560}>
                <Table striped aria-label={t('report.byUnit')} data-testid="tr-units">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('report.col.unit')}</Table.Th>
                      <Table.Th ta="right">{t('report.assigned')}</Table.Th>
                      <Table.Th ta="right">{t('report.completed')}</Table.Th>
                      <Table.Th ta="right">{t('report.overdue')}</Table.Th>
                      <Table.Th miw={160}>{t('report.rate')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {c.units.map((u) => (
                      <Table.Tr key={u.unitId}>
                        <Table.Td>
                          {u.hasChildren || u.assigned > 0 ? (
                            <Anchor
                              component="button"
                              type="button"
                              onClick={() =>
                                go(u.unitId, [
                                  ...trail,
                                  ...(c.unit && unitId
                                    ? [`${c.unit.id}:${encodeURIComponent(c.unit.name)}`]
                                    : []),
                                ])
                              }
                            >
                              {u.name}
                            </Anchor>
                          ) : (
                            u.name
                          )}
                        </Table.Td>
                        <Table.Td ta="right">{u.assigned.toLocaleString()}</Table.Td>
                        <Table.Td ta="right">{u.completed.toLocaleString()}</Table.Td>
                        <Table.Td ta="right">{u.overdue.toLocaleString()}</Table.Td>
                        <Table.Td>
                          <Group gap="xs" wrap="nowrap">
                            <Progress value={(u.rate ?? 0) * 100} w={80} aria-hidden />
                            <Text size="sm">{pct(u.rate)}</Text>
                          </Group>
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )}
          </Paper>
        </>
      )}
      {completion.isPending && <LoadingState />}
      <Paper withBorder p="md" component="section" aria-labelledby="tr-quarters">
        <Title order={2} size="h5" id="tr-quarters" mb={2}>
          {t('report.quarterly')}
        </Title>
        <Text size="xs" c="dimmed" mb="sm">
          {t('report.quarterlyHelp')}
        </Text>
        {chart && chart.data.length > 0 ? (
          <Suspense fallback={<LoadingState />}>
            <QuarterChart data={chart.data} series={chart.series} label={t('report.quarterly')} />
          </Suspense>
        ) : quarterly.isPending ? (
          <LoadingState />
        ) : (
          <Text c="dimmed" size="sm">
            {t('report.noQuarters')}
          </Text>
        )}
      </Paper>
      <PeopleStatus courseId={courseId} unitId={unitId} fiscalYear={fiscalYear} />
      <SurveyResultsPanel courseId={courseId} fiscalYear={fiscalYear} />
    </Stack>
  );
}

function Figure({
  label,
  value,
  testId,
  note,
}: {
  label: string;
  value: string;
  testId?: string;
  note?: string | undefined;
}) {
  return (
    <Paper withBorder p="sm">
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={700} size="xl" data-testid={testId}>
        {value}
      </Text>
      {note && (
        <Text size="xs" c="dimmed">
          {note}
        </Text>
      )}
    </Paper>
  );
}
