import { Badge, Button, Group, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatPercent } from '../../../lib/percent.js';
import { api } from '../../app/api.js';
import { formatDate } from '../../app/format.js';
import { DashboardCard } from '../../app/ui/DashboardCard.js';
import { ProblemAlert } from '../../app/ui/ProblemAlert.js';
import { LoadingState } from '../../app/ui/States.js';
import { DR, STATE_COLORS } from './api.js';
import type { DrillSummary } from './types.js';

/**
 * Home-page card for drill.view/manage: the latest drill's 開封率 as NISC counts it (link or
 * attachment, 001 L11409-11412), the report rate and, apart, the mail-display rate (people only).
 */
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
          {d.overall.people ? (
            <>
              <Group gap="xl">
                <Stack gap={0}>
                  <Text size="xs" c="dimmed">
                    {t('results.openRate')}
                  </Text>
                  <Text size="xl" fw={700} data-testid="drill-card-open">
                    {formatPercent(d.overall.people.openRate, i18n.language)}
                  </Text>
                </Stack>
                <Stack gap={0}>
                  <Text size="xs" c="dimmed">
                    {t('results.reportRate')}
                  </Text>
                  <Text size="xl" fw={700}>
                    {formatPercent(d.overall.people.reportRate, i18n.language)}
                  </Text>
                </Stack>
                <Stack gap={0}>
                  <Text size="xs" c="dimmed">
                    {t('results.mailDisplayRate')}
                  </Text>
                  <Text size="md" fw={500} data-testid="drill-card-display">
                    {formatPercent(d.overall.people.mailDisplayRate, i18n.language)}
                  </Text>
                </Stack>
              </Group>
              <Text size="xs" c="dimmed">
                {t('results.openRateHelp')}
              </Text>
              <Text size="xs" c="dimmed">
                {t('results.mailDisplayHelp')}
              </Text>
            </>
          ) : (
            <Text size="sm" c="dimmed" data-testid="drill-card-suppressed">
              {t('card.suppressed', { min: d.minGroupSize })}
            </Text>
          )}
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
