import { Anchor, Button, Group, Paper, SimpleGrid, Stack, Switch, Table, Text, Title } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { formatPercent, percentValue } from '../../../../lib/percent.js';
import { ProblemAlert } from '../../../app/ui/ProblemAlert.js';
import { LoadingState } from '../../../app/ui/States.js';
import { downloadHref, useCompare, useResults } from '../api.js';
import { formatElapsed, pointDelta } from '../figures.js';
import type { Drill, Figures, Group as Row } from '../types.js';
import { BothWays } from './BothWays.js';

/**
 * 開封率 as NISC counts it (link accessed or attachment opened, 001 L11409-11412), メール表示率 (the
 * image, a lower bound) apart, and the report rate; by unit and by role; every figure with and without
 * scanners. Groups below the agency's minimum size come withheld for those without drill.manage.
 */
export function ResultsPanel({ drill, canManage }: { drill: Drill; canManage: boolean }) {
  const { t, i18n } = useTranslation('drills');
  const [params, setParams] = useSearchParams();
  const includeFlagged = params.get('flagged') === '1';
  const unitId = params.get('unit');
  const results = useResults(drill.id, unitId, true);
  const compare = useCompare(drill.id, unitId, true);
  const r = results.data;
  const update = (k: string, v: string | null) => {
    const next = new URLSearchParams(params);
    if (v === null) next.delete(k);
    else next.set(k, v);
    setParams(next, { replace: true });
  };
  const lang = i18n.language;
  const pick = (g: Row) => (includeFlagged ? g.all : g.people);
  const pctOf = (x: number | null | undefined) => formatPercent(x, lang);
  const both = (g: Row, f: (x: Figures) => string) => ({
    people: g.people ? f(g.people) : '—',
    all: g.all ? f(g.all) : '—',
  });
  return (
    <Stack gap="md">
      <Group justify="space-between" wrap="wrap">
        <Switch
          label={t('results.includeFlagged')}
          description={t('results.includeFlaggedHelp')}
          checked={includeFlagged}
          onChange={(e) => update('flagged', e.currentTarget.checked ? '1' : null)}
          data-testid="flagged-toggle"
        />
        <Button
          component="a"
          href={downloadHref(`/${drill.id}/results/export`, { unitId: unitId ?? undefined })}
          variant="default"
          leftSection={<IconDownload size={16} aria-hidden />}
        >
          {t('results.export')}
        </Button>
      </Group>
      <ProblemAlert error={results.error} />
      {results.isPending ? (
        <LoadingState />
      ) : r ? (
        <>
          {unitId && r.unit ? (
            <Group gap="xs">
              <Text fw={600}>{r.unit.name}</Text>
              <Anchor component="button" type="button" size="sm" onClick={() => update('unit', null)}>
                {t('results.backToAll')}
              </Anchor>
            </Group>
          ) : r.scope.length > 1 ? (
            <Text fw={600} data-testid="drill-scope">
              {t('results.scope', { list: r.scope.map((u) => u.name).join('、') })}
            </Text>
          ) : null}
          {r.overall.suppressed ? (
            <Paper withBorder p="sm" data-testid="drill-overall-suppressed">
              <Text size="sm">{t('card.suppressed', { min: r.minGroupSize })}</Text>
            </Paper>
          ) : (
            <SimpleGrid cols={{ base: 2, sm: 3, md: 5 }}>
              <Headline
                label={t('results.delivered')}
                value={`${(r.overall.delivered ?? 0).toLocaleString()} / ${r.overall.targeted.toLocaleString()}`}
              />
              <HeadlineBoth
                label={t('results.openRate')}
                help={t('results.openRateHelp')}
                {...both(r.overall, (f) => pctOf(f.openRate))}
                includeFlagged={includeFlagged}
                testId="drill-open-rate"
              />
              <HeadlineBoth
                label={t('results.mailDisplayRate')}
                help={t('results.mailDisplayHelp')}
                {...both(r.overall, (f) => pctOf(f.mailDisplayRate))}
                includeFlagged={includeFlagged}
                testId="drill-display-rate"
              />
              <HeadlineBoth
                label={t('results.reportRate')}
                {...both(r.overall, (f) => pctOf(f.reportRate))}
                includeFlagged={includeFlagged}
              />
              <HeadlineBoth
                label={t('results.firstReport')}
                {...both(r.overall, (f) => formatElapsed(f.timeToFirstReportSeconds, lang))}
                includeFlagged={includeFlagged}
              />
            </SimpleGrid>
          )}
          {Object.keys(r.flaggedEvents).length > 0 && (
            <Text size="sm" c="dimmed">
              {t('results.flaggedSummary', {
                list: Object.entries(r.flaggedEvents)
                  .map(([k, n]) => `${t(`flag.${k}`, { defaultValue: k })} ${n}`)
                  .join('、'),
              })}
            </Text>
          )}
          <GroupTable
            id="units"
            title={t('results.byUnit')}
            rows={r.units}
            includeFlagged={includeFlagged}
            min={r.minGroupSize}
            onPick={(key) => update('unit', key)}
          />
          <GroupTable
            id="roles"
            title={t('results.byRole')}
            rows={r.roles}
            includeFlagged={includeFlagged}
            min={r.minGroupSize}
          />
          {[r.overall, ...r.units, ...r.roles].some((g) => g.suppressed) && (
            <Text size="xs" c="dimmed" data-testid="drill-small-groups-note">
              {t('results.smallGroupsNote', { min: r.minGroupSize })}
            </Text>
          )}
          <Paper withBorder p="md" component="section" aria-labelledby="dr-compare">
            <Title order={2} size="h5" id="dr-compare" mb="sm">
              {t('results.compare')}
            </Title>
            {compare.data && compare.data.items.length > 0 ? (
              <Table.ScrollContainer minWidth={620}>
                <Table striped aria-label={t('results.compare')} data-testid="drill-compare">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('results.col.drill')}</Table.Th>
                      <Table.Th ta="right">{t('results.openRate')}</Table.Th>
                      <Table.Th ta="right">{t('results.mailDisplayRate')}</Table.Th>
                      <Table.Th ta="right">{t('results.reportRate')}</Table.Th>
                      <Table.Th ta="right">{t('results.col.openDelta')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {compare.data.items.map((c) => (
                      <Table.Tr key={c.drillId} fw={c.drillId === drill.id ? 700 : undefined}>
                        <Table.Td>
                          {c.title}
                          <Text size="xs" c="dimmed">
                            {t(`variant.${c.variant}`)}
                            {c.announced ? `・${t('list.announced')}` : ''}
                          </Text>
                        </Table.Td>
                        <RateCells group={c.overall} includeFlagged={includeFlagged} min={r.minGroupSize} />
                        <Table.Td ta="right">
                          {c.drillId === drill.id
                            ? '—'
                            : pointDelta(
                                percentValue(pick(r.overall)?.openRate),
                                percentValue(pick(c.overall)?.openRate),
                              )}
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            ) : (
              <Text size="sm" c="dimmed">
                {compare.isPending ? t('results.loading') : t('results.noCompare')}
              </Text>
            )}
          </Paper>
          {!canManage && (
            <Text size="xs" c="dimmed">
              {t('results.aggregatesOnly')}
            </Text>
          )}
        </>
      ) : null}
    </Stack>
  );
}

function Headline({ label, value }: { label: string; value: string }) {
  return (
    <Paper withBorder p="sm">
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={700} size="lg">
        {value}
      </Text>
    </Paper>
  );
}

function HeadlineBoth(props: {
  label: string;
  help?: string;
  people: string;
  all: string;
  includeFlagged: boolean;
  testId?: string;
}) {
  const { t } = useTranslation('drills');
  const [main, other] = props.includeFlagged ? [props.all, props.people] : [props.people, props.all];
  return (
    <Paper withBorder p="sm">
      <Text size="xs" c="dimmed">
        {props.label}
      </Text>
      <Text fw={700} size="lg" data-testid={props.testId}>
        {main}
      </Text>
      <Text size="xs" c="dimmed">
        {props.includeFlagged
          ? t('results.otherExcluded', { value: other })
          : t('results.otherIncluded', { value: other })}
      </Text>
      {props.help && (
        <Text size="xs" c="dimmed" mt={4}>
          {props.help}
        </Text>
      )}
    </Paper>
  );
}

function GroupTable({
  id,
  title,
  rows,
  includeFlagged,
  min,
  onPick,
}: {
  id: string;
  title: string;
  rows: Row[];
  includeFlagged: boolean;
  min: number;
  onPick?(key: string): void;
}) {
  const { t, i18n } = useTranslation('drills');
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={`dr-${id}`}>
      <Title order={2} size="h5" id={`dr-${id}`} mb="sm">
        {title}
      </Title>
      {rows.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('results.none')}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={720}>
          <Table striped aria-label={title} data-testid={`drill-by-${id}`}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{id === 'units' ? t('results.col.unit') : t('results.col.role')}</Table.Th>
                <Table.Th ta="right">{t('results.delivered')}</Table.Th>
                <Table.Th ta="right">{t('results.openRate')}</Table.Th>
                <Table.Th ta="right">{t('results.mailDisplayRate')}</Table.Th>
                <Table.Th ta="right">{t('results.reportRate')}</Table.Th>
                <Table.Th ta="right">{t('results.firstReport')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((g) => (
                <Table.Tr key={g.key}>
                  <Table.Td>
                    {onPick ? (
                      <Anchor component="button" type="button" onClick={() => onPick(g.key)}>
                        {g.label}
                      </Anchor>
                    ) : (
                      g.label
                    )}
                  </Table.Td>
                  <Table.Td ta="right">
                    {g.delivered === null ? '—' : g.delivered.toLocaleString()} /{' '}
                    {g.targeted.toLocaleString()}
                  </Table.Td>
                  <RateCells group={g} includeFlagged={includeFlagged} min={min} span={4} />
                  {!g.suppressed && g.people && g.all && (
                    <Table.Td ta="right">
                      <BothWays
                        people={formatElapsed(g.people.timeToFirstReportSeconds, i18n.language)}
                        all={formatElapsed(g.all.timeToFirstReportSeconds, i18n.language)}
                        includeFlagged={includeFlagged}
                      />
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Paper>
  );
}

/**
 * The open (NISC), mail-display and report rate cells of one row, each with and without
 * scanner-flagged events; one cell saying why when the group is withheld.
 */
function RateCells({
  group,
  includeFlagged,
  min,
  span = 3,
}: {
  group: Row;
  includeFlagged: boolean;
  min: number;
  /** Columns the "withheld" cell covers. */
  span?: number;
}) {
  const { t, i18n } = useTranslation('drills');
  const { people, all } = group;
  if (group.suppressed || !people || !all) {
    return (
      <Table.Td colSpan={span} ta="right" c="dimmed" data-testid="drill-row-suppressed">
        {t('results.suppressed', { min })}
      </Table.Td>
    );
  }
  return (['openRate', 'mailDisplayRate', 'reportRate'] as const).map((k) => (
    <Table.Td key={k} ta="right">
      <BothWays
        people={formatPercent(people[k], i18n.language)}
        all={formatPercent(all[k], i18n.language)}
        includeFlagged={includeFlagged}
      />
    </Table.Td>
  ));
}
