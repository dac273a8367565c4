import { Alert, Grid, Paper, Stack, Text, Title } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { lazy, type ReactNode, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import type { Campaign, Results } from '../../../app/types.js';
import { ProblemAlert } from '../../../app/ui/ProblemAlert.js';
import { LoadingState } from '../../../app/ui/States.js';
import { useLocalName } from '../../../app/units.js';
import { useResults } from '../api.js';
import { CampaignShell } from '../campaigns/CampaignShell.js';
import { pctValue, VARIANTS, type Variant } from '../format.js';
import { UnitTrail, useDrill } from '../progress/UnitTrail.js';
import { AttainmentTable } from './AttainmentTable.js';
import { ChapterTable } from './ChapterTable.js';
import { HeadlineCards } from './HeadlineCards.js';
import { ItemDrawer } from './ItemDrawer.js';
import { useGroupLabel } from './labels.js';
import { childUnits, groupsOf, hasSuppressed, otherGroups } from './model.js';
import { ResultsToolbar } from './ResultsToolbar.js';
import { StaffAreaTable } from './StaffAreaTable.js';
import { UnitComparison } from './UnitComparison.js';
import { WeakestItems } from './WeakestItems.js';

const RateChart = lazy(() => import('./RateChart.js'));

export default function ResultsPage() {
  return <CampaignShell tab="results">{(c) => <ResultsView campaign={c} />}</CampaignShell>;
}

function Section({
  id,
  title,
  help,
  children,
}: {
  id: string;
  title: string;
  help?: string;
  children: ReactNode;
}) {
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={`sc-res-${id}`} h="100%">
      <Title order={2} size="h5" id={`sc-res-${id}`} mb={help ? 2 : 'sm'}>
        {title}
      </Title>
      {help && (
        <Text size="xs" c="dimmed" mb="sm">
          {help}
        </Text>
      )}
      {children}
    </Paper>
  );
}

/** The report's tables and charts for a campaign, for the whole agency or a unit drilled into. */
function ResultsView({ campaign }: { campaign: Campaign }) {
  const { t } = useTranslation('selfcheck');
  const { params, unitId, trail, update, go } = useDrill();
  const naPasses = params.get('na') === '1';
  const variantParam = params.get('v');
  const variant: Variant = VARIANTS.find((v) => v === variantParam) ?? 'nisc';
  const itemId = params.get('item');
  const results = useResults(campaign.id, { naPasses, unitId });
  const r = results.data;
  const shown = r && unitId ? (r.units.find((u) => u.unitId === r.rootUnitId) ?? null) : null;
  return (
    <Stack gap="lg">
      <UnitTrail
        trail={trail}
        current={shown}
        onTop={() => go([])}
        onPick={(i) => go(trail.slice(0, i + 1))}
      />
      <ProblemAlert error={results.error} />
      {results.isPending ? (
        <LoadingState />
      ) : (
        r && (
          <div style={{ opacity: results.isPlaceholderData ? 0.6 : 1 }}>
            <Stack gap="lg">
              <ResultsToolbar
                results={r}
                campaignId={campaign.id}
                unitId={unitId}
                naPasses={naPasses}
                variant={variant}
                onNaPasses={(v) => update({ na: v ? '1' : null })}
                onVariant={(v) => update({ v: v === 'nisc' ? null : v })}
              />
              <Alert
                color="blue"
                variant="light"
                icon={<IconInfoCircle aria-hidden />}
                data-testid="definition-note"
              >
                <Text size="sm">{t(`variantNote.${variant}`)}</Text>
                <Text size="sm" mt={4}>
                  {naPasses ? t('results.naNote.passes') : t('results.naNote.excluded')}
                </Text>
              </Alert>
              {r.minGroupSize !== null && hasSuppressed(r) && (
                <Alert color="gray" variant="light" data-testid="suppressed-note">
                  <Text size="sm">{t('results.suppressedNote', { min: r.minGroupSize })}</Text>
                </Alert>
              )}
              <HeadlineCards results={r} variant={variant} />
              <Grid>
                <Grid.Col span={{ base: 12, lg: 6 }}>
                  <Section
                    id="chart"
                    title={t('results.chartTitle')}
                    help={
                      r.previous
                        ? t('results.chartHelpPrevious', { year: r.previous.fiscalYear })
                        : t('results.chartHelp')
                    }
                  >
                    <GroupChart results={r} variant={variant} />
                  </Section>
                </Grid.Col>
                <Grid.Col span={{ base: 12, lg: 6 }}>
                  <Section
                    id="attainment"
                    title={t('results.attainmentTable')}
                    help={t('results.attainmentHelp')}
                  >
                    <AttainmentTable results={r} />
                  </Section>
                </Grid.Col>
              </Grid>
              <Section id="weakest" title={t('results.weakest')} help={t('results.weakestHelp')}>
                <WeakestItems results={r} onOpen={(id) => update({ item: id }, { push: true })} />
              </Section>
              {r.staffAreas && (
                <Section id="areas" title={t('results.staffAreas')} help={t('results.staffAreasNote')}>
                  <StaffAreaTable areas={r.staffAreas} />
                </Section>
              )}
              <Section id="units" title={t('results.byUnit')} help={t('results.byUnitHelp')}>
                <Stack>
                  <UnitComparison
                    results={r}
                    variant={variant}
                    onOpen={(u) => go([...trail, { unitId: u.unitId, nameJa: u.nameJa, nameEn: u.nameEn }])}
                  />
                  <UnitChart results={r} variant={variant} />
                </Stack>
              </Section>
              <Section id="chapters" title={t('results.byChapter')}>
                <ChapterTable results={r} variant={variant} />
              </Section>
            </Stack>
            <ItemDrawer results={r} itemId={itemId} onClose={() => update({ item: null })} />
          </div>
        )
      )}
    </Stack>
  );
}

/** 実施率 by group, this year beside the year compared with. */
function GroupChart({ results: r, variant }: { results: Results; variant: Variant }) {
  const { t } = useTranslation('selfcheck');
  const groupLabel = useGroupLabel();
  const groups = [...groupsOf(r), ...otherGroups(r)];
  const prev = r.previous;
  const data = groups.map((g) => ({
    label: groupLabel(g),
    current: pctValue(r.groups[g]?.implementation[variant]),
    ...(prev
      ? {
          previous: pctValue(prev.figures.groups[g]?.implementation[variant]),
        }
      : {}),
  }));
  const series = [
    ...(prev
      ? [{ name: 'previous', label: t('fiscalYear', { year: prev.fiscalYear }), color: 'gray.5' }]
      : []),
    { name: 'current', label: t('fiscalYear', { year: r.fiscalYear }), color: 'blue.7' },
  ];
  return (
    <Suspense fallback={<LoadingState />}>
      <RateChart data={data} series={series} height={260} label={t('results.chartTitle')} />
    </Suspense>
  );
}

/** 実施率 of the units below, as bars across (many bureaus fit). */
function UnitChart({ results: r, variant }: { results: Results; variant: Variant }) {
  const { t } = useTranslation('selfcheck');
  const name = useLocalName();
  const units = childUnits(r);
  if (units.length < 2) return null;
  const data = units.map((u) => ({ label: name(u), current: pctValue(u.figures.implementation[variant]) }));
  return (
    <Suspense fallback={<LoadingState />}>
      <RateChart
        data={data}
        series={[{ name: 'current', label: t('metric.implementation'), color: 'blue.7' }]}
        orientation="horizontal"
        height={Math.min(900, 40 + units.length * 32)}
        label={t('results.byUnitChart')}
      />
    </Suspense>
  );
}
