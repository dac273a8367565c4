import { Badge, Button, Group, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../app/api.js';
import { formatDate } from '../../app/format.js';
import { DashboardCard } from '../../app/ui/DashboardCard.js';
import { ProblemAlert } from '../../app/ui/ProblemAlert.js';
import { LoadingState } from '../../app/ui/States.js';
import { DR, STATE_COLORS } from './api.js';
import { rateText } from './figures.js';
import type { DrillSummary } from './types.js';

/** Home-page card for drill.view/manage: the latest drill and its click and report rates (people only). */
export function DrillCard() {
  const { t, i18n } = useTranslation('drills');
  const summary = useQuery({
    queryKey: [DR, 'summary'],
    queryFn: () => api<DrillSummary>('/drills/summary'),
  });
  const d = summary.data?.drill;
  return (
    <DashboardCard id="drills" title={t('card.title')}>
      {summary.isPending ? (
        <LoadingState />
      ) : summary.error ? (
        <ProblemAlert error={summary.error} />
      ) : !d ? (
        <Stack gap="sm">
          <Text c="dimmed">{t('card.none')}</Text>
          <Group>
            <Button component={Link} to="/drills" size="xs" variant="light">
              {t('card.open')}
            </Button>
          </Group>
        </Stack>
      ) : (
        <Stack gap="xs">
          <Group justify="space-between" wrap="nowrap">
            <Text fw={600} lineClamp={1}>
              {d.title}
            </Text>
            <Badge color={STATE_COLORS[d.state]}>{t(`state.${d.state}`)}</Badge>
          </Group>
          <Text size="sm" c="dimmed">
            {t('card.started', { date: formatDate(d.startedAt, i18n.language) })}
          </Text>
          <Group gap="xl">
            <Stack gap={0}>
              <Text size="xs" c="dimmed">
                {t('results.clickRate')}
              </Text>
              <Text size="xl" fw={700} data-testid="drill-card-click">
                {rateText(d.overall.people.clickRate)}
              </Text>
            </Stack>
            <Stack gap={0}>
              <Text size="xs" c="dimmed">
                {t('results.reportRate')}
              </Text>
              <Text size="xl" fw={700}>
                {rateText(d.overall.people.reportRate)}
              </Text>
            </Stack>
          </Group>
          <Text size="xs" c="dimmed">
            {t('card.peopleOnly')}
          </Text>
          <Group>
            <Button component={Link} to={`/drills/${d.id}`} size="xs" variant="light">
              {t('card.details')}
            </Button>
          </Group>
        </Stack>
      )}
    </DashboardCard>
  );
}
