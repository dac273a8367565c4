import { SegmentedControl, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { National, Rates, TenantRef } from './api.js';
import { AgencyTable, byGroupOrder, type Col, usePct } from './ui.js';

// The tables of the national report (001 ch. II), one per tab of 全国集計. Government means are
// unweighted over the agencies that submitted the figure (001 L2859); the server computes them.

export type AgencyIndex = Map<string, { agency: TenantRef; via: TenantRef | null }>;
type Props = { n: National; agencies: AgencyIndex };

const RATE_COLS = ['coverage', 'nisc', 'attainment100', 'attainment95', 'attainment90'] as const;

function useMeanLabel() {
  const { t } = useTranslation('central');
  return (count: number) => t('national.mean', { count });
}

/** 自己点検: 把握率, 実施率 and 到達率 100/95/90 per agency, overall or by metric group (001 L2772-2802). */
export function SelfcheckTable({ n, agencies }: Props) {
  const { t } = useTranslation('central');
  const pct = usePct();
  const mean = useMeanLabel();
  const [scope, setScope] = useState('overall');
  const pick = (x: { overall: Rates; groups: Record<string, Rates> }) =>
    scope === 'overall' ? x.overall : x.groups[scope];
  const m = pick(n.selfcheck.mean);
  const cols: Col<National['selfcheck']['rows'][number]>[] = RATE_COLS.map((k) => ({
    key: k,
    label: t(`rate.${k}`),
    value: (r) => pct(pick(r)?.[k]),
    foot: pct(m?.[k]),
  }));
  return (
    <Stack>
      <SegmentedControl
        size="xs"
        value={scope}
        onChange={setScope}
        aria-label={t('national.scope')}
        data={[
          { value: 'overall', label: t('national.overall') },
          ...[...n.selfcheck.groups]
            .sort(byGroupOrder)
            .map((g) => ({ value: g, label: t(`group.${g}`, { defaultValue: g }) })),
        ]}
        style={{ alignSelf: 'flex-start' }}
      />
      <AgencyTable
        label={t('tab.selfcheck')}
        testId="national-selfcheck"
        rows={n.selfcheck.rows}
        cols={cols}
        agencies={agencies}
        footLabel={mean(n.selfcheck.rows.length)}
      />
    </Stack>
  );
}

/** Ordinary staff's 実施率 in the eight areas (001 L2883-2904). */
export function StaffAreasTable({ n, agencies }: Props) {
  const { t, i18n } = useTranslation('central');
  const pct = usePct();
  const mean = useMeanLabel();
  const en = i18n.language.startsWith('en');
  const cols: Col<National['staffAreas']['rows'][number]>[] = n.staffAreas.areas.map((a) => ({
    key: a.ja,
    label: en ? a.en : a.ja,
    value: (r) => pct(r.values[a.ja]),
    foot: pct(n.staffAreas.mean[a.ja]),
  }));
  return (
    <AgencyTable
      label={t('tab.staffAreas')}
      testId="national-staff-areas"
      rows={n.staffAreas.rows}
      cols={cols}
      agencies={agencies}
      footLabel={mean(n.staffAreas.rows.length)}
    />
  );
}

/** 章別: each chapter's 実施率 for one metric group. */
export function ChaptersTable({ n, agencies }: Props) {
  const { t } = useTranslation('central');
  const pct = usePct();
  const mean = useMeanLabel();
  const groups = [
    ...new Set(
      [...n.chapters.rows.map((r) => r.values), n.chapters.mean].flatMap((v) =>
        Object.values(v).flatMap(Object.keys),
      ),
    ),
  ].sort(byGroupOrder);
  const [group, setGroup] = useState<string | null>(null);
  const g = group ?? groups[0] ?? '';
  const cols: Col<National['chapters']['rows'][number]>[] = n.chapters.chapters.map((c) => ({
    key: c.chapterNo,
    label: t('national.chapter', { no: c.chapterNo, title: c.title }),
    value: (r) => pct(r.values[c.chapterNo]?.[g]),
    foot: pct(n.chapters.mean[c.chapterNo]?.[g]),
  }));
  return (
    <Stack>
      {groups.length > 1 && (
        <SegmentedControl
          size="xs"
          value={g}
          onChange={setGroup}
          aria-label={t('national.scope')}
          data={groups.map((x) => ({ value: x, label: t(`group.${x}`, { defaultValue: x }) }))}
          style={{ alignSelf: 'flex-start' }}
        />
      )}
      <AgencyTable
        label={t('tab.chapters')}
        testId="national-chapters"
        rows={n.chapters.rows}
        cols={cols}
        agencies={agencies}
        footLabel={mean(n.chapters.rows.length)}
      />
    </Stack>
  );
}

/** 重点検査: hosts per grade A–D and the rate of items met, per agency and per item. */
export function InspectionTables({ n, agencies }: Props) {
  const { t } = useTranslation('central');
  const pct = usePct();
  const i = n.inspection;
  const cols: Col<National['inspection']['rows'][number]>[] = [
    ...(['A', 'B', 'C', 'D'] as const).map((g) => ({
      key: g,
      label: t('inspection.grade', { grade: g }),
      value: (r: (typeof i.rows)[number]) => r.grades[g],
      foot: i.gradeTotals[g],
    })),
    { key: 'rate', label: t('inspection.rate'), value: (r) => pct(r.rate), foot: pct(i.meanRate) },
  ];
  return (
    <Stack>
      <AgencyTable
        label={t('tab.inspection')}
        testId="national-inspection"
        rows={i.rows}
        cols={cols}
        agencies={agencies}
        footLabel={t('inspection.totals', { count: i.rows.length })}
      />
      {i.items.length > 0 && (
        <Table.ScrollContainer minWidth={640}>
          <Table striped aria-label={t('inspection.items')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('inspection.item')}</Table.Th>
                <Table.Th ta="right">{t('inspection.agencies')}</Table.Th>
                <Table.Th ta="right">{t('inspection.met')}</Table.Th>
                <Table.Th ta="right">{t('inspection.meanRate')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {i.items.map((it) => (
                <Table.Tr key={it.code}>
                  <Table.Td>
                    {it.code} {it.title}
                  </Table.Td>
                  <Table.Td ta="right">{it.agencies}</Table.Td>
                  <Table.Td ta="right">
                    {it.met} / {it.applicable}
                  </Table.Td>
                  <Table.Td ta="right">{pct(it.meanRate)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}

/** 訓練: targeted-email drills, NISC's 開封率 (opened / delivered) and the report rate. */
export function DrillsTable({ n, agencies }: Props) {
  const { t } = useTranslation('central');
  const pct = usePct();
  const mean = useMeanLabel();
  const cols: Col<National['drills']['rows'][number]>[] = [
    { key: 'drills', label: t('drills.drills'), value: (r) => r.drills },
    { key: 'delivered', label: t('drills.delivered'), value: (r) => r.delivered },
    { key: 'opened', label: t('drills.opened'), value: (r) => r.opened },
    {
      key: 'openRate',
      label: t('drills.openRate'),
      value: (r) => pct(r.openRate),
      foot: pct(n.drills.meanOpenRate),
    },
    {
      key: 'reportRate',
      label: t('drills.reportRate'),
      value: (r) => pct(r.reportRate),
      foot: pct(n.drills.meanReportRate),
    },
  ];
  return (
    <AgencyTable
      label={t('tab.drills')}
      testId="national-drills"
      rows={n.drills.rows}
      cols={cols}
      agencies={agencies}
      footLabel={mean(n.drills.rows.length)}
    />
  );
}

/** 教育: completion of the courses assigned in the year. */
export function TrainingTable({ n, agencies }: Props) {
  const { t } = useTranslation('central');
  const pct = usePct();
  const mean = useMeanLabel();
  const cols: Col<National['training']['rows'][number]>[] = [
    { key: 'assigned', label: t('training.assigned'), value: (r) => r.assigned },
    { key: 'completed', label: t('training.completed'), value: (r) => r.completed },
    { key: 'rate', label: t('training.rate'), value: (r) => pct(r.rate), foot: pct(n.training.meanRate) },
  ];
  return (
    <AgencyTable
      label={t('tab.training')}
      testId="national-training"
      rows={n.training.rows}
      cols={cols}
      agencies={agencies}
      footLabel={mean(n.training.rows.length)}
    />
  );
}

/** インシデント: counts by type per agency, with the government totals. */
export function IncidentsTable({ n, agencies }: Props) {
  const { t } = useTranslation('central');
  const cols: Col<National['incidents']['rows'][number]>[] = [
    ...n.incidents.types.map((ty) => ({
      key: ty.type,
      label: ty.label,
      value: (r: (typeof n.incidents.rows)[number]) => r.counts[ty.type] ?? 0,
      foot: n.incidents.totals[ty.type] ?? 0,
    })),
    { key: '__total', label: t('incidents.total'), value: (r) => r.total, foot: n.incidents.total },
  ];
  return (
    <AgencyTable
      label={t('tab.incidents')}
      testId="national-incidents"
      rows={n.incidents.rows}
      cols={cols}
      agencies={agencies}
      footLabel={t('incidents.totals')}
    />
  );
}

/** 3か年推移: the government means of this and the two earlier fiscal years. */
export function TrendsTable({ n }: { n: National }) {
  const { t } = useTranslation('central');
  const pct = usePct();
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table striped aria-label={t('tab.trends')} data-testid="national-trends">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('fiscalYear')}</Table.Th>
            <Table.Th ta="right">{t('trends.agencies')}</Table.Th>
            {RATE_COLS.map((k) => (
              <Table.Th key={k} ta="right">
                {t(`rate.${k}`)}
              </Table.Th>
            ))}
            <Table.Th ta="right">{t('drills.openRate')}</Table.Th>
            <Table.Th ta="right">{t('training.rate')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {n.trends.map((y) => (
            <Table.Tr key={y.fiscalYear}>
              <Table.Td>{t('fiscalYearValue', { year: y.fiscalYear })}</Table.Td>
              <Table.Td ta="right">{y.agencies}</Table.Td>
              {RATE_COLS.map((k) => (
                <Table.Td key={k} ta="right">
                  {pct(y.mean[k])}
                </Table.Td>
              ))}
              <Table.Td ta="right">{pct(y.drillOpenRate)}</Table.Td>
              <Table.Td ta="right">{pct(y.trainingRate)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** 弱い項目: the items with the lowest mean rate across the government, and how many agencies checked them. */
export function WeakestTable({ n }: { n: National }) {
  const { t } = useTranslation('central');
  const pct = usePct();
  if (n.weakestItems.length === 0) return <Text c="dimmed">{t('national.noRows')}</Text>;
  return (
    <Table striped aria-label={t('tab.weakest')} data-testid="national-weakest">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('weakest.item')}</Table.Th>
          <Table.Th ta="right">{t('weakest.meanRate')}</Table.Th>
          <Table.Th ta="right">{t('weakest.agencies')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {n.weakestItems.map((it) => (
          <Table.Tr key={it.code}>
            <Table.Td>
              {it.code} {it.title}
            </Table.Td>
            <Table.Td ta="right">{pct(it.meanRate)}</Table.Td>
            <Table.Td ta="right">{it.agencies}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
