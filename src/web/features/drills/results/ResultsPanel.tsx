import { Anchor, Button, Group, Paper, SimpleGrid, Stack, Switch, Table, Text, Title } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ProblemAlert } from '../../../app/ui/ProblemAlert.js';
import { LoadingState } from '../../../app/ui/States.js';
import { downloadHref, useCompare, useResults } from '../api.js';
import { formatElapsed, pointDelta, ratePct, rateText } from '../figures.js';
import type { Drill, Group as Row } from '../types.js';
import { BothWays } from './BothWays.js';

/** Open, click and report rates for the drill, by unit and by role; every figure with and without scanners. */
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
          {unitId && (
            <Group gap="xs">
              <Text fw={600}>{r.unit.name}</Text>
              <Anchor component="button" type="button" size="sm" onClick={() => update('unit', null)}>
                {t('results.backToAll')}
              </Anchor>
            </Group>
          )}
          <SimpleGrid cols={{ base: 2, sm: 3, md: 5 }}>
            <Headline
              label={t('results.delivered')}
              value={`${r.overall.delivered.toLocaleString()} / ${r.overall.targeted.toLocaleString()}`}
            />
            <HeadlineBoth
              label={t('results.openRate')}
              people={rateText(r.overall.people.openRate)}
              all={rateText(r.overall.all.openRate)}
              includeFlagged={includeFlagged}
              testId="drill-open-rate"
            />
            <HeadlineBoth
              label={t('results.clickRate')}
              people={rateText(r.overall.people.clickRate)}
              all={rateText(r.overall.all.clickRate)}
              includeFlagged={includeFlagged}
              testId="drill-click-rate"
            />
            <HeadlineBoth
              label={t('results.reportRate')}
              people={rateText(r.overall.people.reportRate)}
              all={rateText(r.overall.all.reportRate)}
              includeFlagged={includeFlagged}
            />
            <HeadlineBoth
              label={t('results.firstReport')}
              people={formatElapsed(r.overall.people.timeToFirstReportSeconds, lang)}
              all={formatElapsed(r.overall.all.timeToFirstReportSeconds, lang)}
              includeFlagged={includeFlagged}
            />
          </SimpleGrid>
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
            onPick={(key) => update('unit', key)}
          />
          <GroupTable id="roles" title={t('results.byRole')} rows={r.roles} includeFlagged={includeFlagged} />
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
                      <Table.Th ta="right">{t('results.clickRate')}</Table.Th>
                      <Table.Th ta="right">{t('results.reportRate')}</Table.Th>
                      <Table.Th ta="right">{t('results.col.clickDelta')}</Table.Th>
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
                        <RateCells figures={c.overall} includeFlagged={includeFlagged} />
                        <Table.Td ta="right">
                          {c.drillId === drill.id
                            ? '—'
                            : pointDelta(
                                ratePct(pick(r.overall).clickRate),
                                ratePct(pick(c.overall).clickRate),
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
    </Paper>
  );
}

function GroupTable({
  id,
  title,
  rows,
  includeFlagged,
  onPick,
}: {
  id: string;
  title: string;
  rows: Row[];
  includeFlagged: boolean;
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
                <Table.Th ta="right">{t('results.clickRate')}</Table.Th>
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
                    {g.delivered.toLocaleString()} / {g.targeted.toLocaleString()}
                  </Table.Td>
                  <RateCells figures={g} includeFlagged={includeFlagged} />
                  <Table.Td ta="right">
                    <BothWays
                      people={formatElapsed(g.people.timeToFirstReportSeconds, i18n.language)}
                      all={formatElapsed(g.all.timeToFirstReportSeconds, i18n.language)}
                      includeFlagged={includeFlagged}
                    />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Paper>
  );
}

/** The open, click and report rate cells of one row, each with and without scanner-flagged events. */
function RateCells({
  figures,
  includeFlagged,
}: {
  figures: Record<'people' | 'all', Record<'openRate' | 'clickRate' | 'reportRate', number | null>>;
  includeFlagged: boolean;
}) {
  return (['openRate', 'clickRate', 'reportRate'] as const).map((k) => (
    <Table.Td key={k} ta="right">
      <BothWays
        people={rateText(figures.people[k])}
        all={rateText(figures.all[k])}
        includeFlagged={includeFlagged}
      />
    </Table.Td>
  ));
}
