import { Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Results, ResultsSummary } from '../../../app/types.js';
import { pct, THRESHOLDS, type Variant } from '../format.js';
import { useGroupLabel } from './labels.js';
import { groupsOf, otherGroups, points } from './model.js';

function Figure({
  label,
  value,
  big,
  testId,
}: {
  label: string;
  value: string;
  big?: boolean;
  testId?: string;
}) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size={big ? 'xl' : 'md'} fw={700} data-testid={testId}>
        {value}
      </Text>
    </Stack>
  );
}

function Card({
  id,
  title,
  f,
  variant,
  change,
}: {
  id: string;
  title: string;
  f: ResultsSummary;
  variant: Variant;
  /** This year − last year, when there is a year to compare with. */
  change: number | null | undefined;
}) {
  const { t } = useTranslation('selfcheck');
  return (
    <Paper
      withBorder
      p="md"
      component="section"
      aria-labelledby={`sc-headline-${id}`}
      data-testid={`headline-${id}`}
    >
      <Title order={3} size="h5" id={`sc-headline-${id}`} mb="xs">
        {title}
      </Title>
      <Group gap="lg" align="flex-start" wrap="wrap">
        <Figure label={t('metric.coverage')} value={pct(f.coverage)} big testId={`coverage-${id}`} />
        <Figure
          label={t('metric.implementationOf', { variant: t(`variant.${variant}`) })}
          value={pct(f.implementation[variant])}
          big
          testId={`implementation-${id}`}
        />
      </Group>
      <Group gap="md" mt="xs" wrap="wrap">
        {THRESHOLDS.map((th) => (
          <Figure
            key={th}
            label={t('metric.attainmentAt', { threshold: th })}
            value={pct(f.attainment[th])}
          />
        ))}
      </Group>
      {change != null && (
        <Text size="xs" mt="xs" c={change < 0 ? 'red.8' : 'green.9'}>
          {t('results.changeFromLastYear', { value: points(change) })}
        </Text>
      )}
      {f.suppressed ? (
        <Text size="xs" c="dimmed" mt={4} data-testid={`suppressed-${id}`}>
          {t('results.suppressed')}
        </Text>
      ) : (
        <Text size="xs" c="dimmed" mt={4}>
          {t('results.capturedOf', {
            captured: (f.captured ?? 0).toLocaleString(),
            inScope: f.inScope.toLocaleString(),
          })}
        </Text>
      )}
    </Paper>
  );
}

/** 把握率, 実施率 and 到達率 100/95/90 overall and for each metric group. */
export function HeadlineCards({ results: r, variant }: { results: Results; variant: Variant }) {
  const { t } = useTranslation('selfcheck');
  const groupLabel = useGroupLabel();
  const groups = [...groupsOf(r), ...otherGroups(r)];
  return (
    <SimpleGrid cols={{ base: 1, sm: 2, lg: Math.min(4, groups.length + 1) }}>
      <Card
        id="overall"
        title={t('results.overall')}
        f={r.overall}
        variant={variant}
        change={r.previous?.overall.implementation[variant]}
      />
      {groups.map((g) => (
        <Card
          key={g}
          id={g}
          title={groupLabel(g)}
          f={r.groups[g]!}
          variant={variant}
          change={r.previous?.groups[g]?.implementation[variant]}
        />
      ))}
    </SimpleGrid>
  );
}
