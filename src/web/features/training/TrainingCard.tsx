import { Button, Group, Progress, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatPercent } from '../../../lib/percent.js';
import { api } from '../../app/api.js';
import { DashboardCard } from '../../app/ui/DashboardCard.js';
import { ProblemAlert } from '../../app/ui/ProblemAlert.js';
import { LoadingState } from '../../app/ui/States.js';
import { TR } from './api.js';
import type { TrainingSummary } from './types.js';

/** Home-page card: my open courses; with training.view also the completion of each course in my units. */
export function TrainingCard() {
  const { t, i18n } = useTranslation('training');
  const summary = useQuery({
    queryKey: [TR, 'summary'],
    queryFn: () => api<TrainingSummary>('/training/summary'),
  });
  const s = summary.data;
  return (
    <DashboardCard id="training" title={t('card.title')}>
      {summary.isPending ? (
        <LoadingState />
      ) : !s ? (
        <ProblemAlert error={summary.error} />
      ) : (
        <Stack gap="sm">
          <Text size="xl" fw={700} data-testid="tr-card-open">
            {t('card.open', { count: s.my.open })}
          </Text>
          <Text size="sm" c={s.my.overdue > 0 ? 'red' : 'dimmed'}>
            {s.my.overdue > 0
              ? t('card.overdue', { count: s.my.overdue })
              : s.my.open === 0
                ? t('card.nothing')
                : t('card.keepGoing')}
          </Text>
          {s.courses && s.courses.length > 0 && (
            <Stack gap={6}>
              <Text size="sm" fw={600}>
                {t('card.units')}{' '}
                <Text span size="xs" c="dimmed">
                  {t('card.fiscalYear', { year: s.fiscalYear })}
                </Text>
              </Text>
              {s.courses.slice(0, 4).map((c) => (
                <Stack key={c.courseId} gap={2}>
                  <Group justify="space-between" wrap="nowrap" gap="xs">
                    <Text size="sm" lineClamp={1}>
                      {c.title}
                    </Text>
                    <Text size="sm" fw={600} data-testid="tr-card-rate">
                      {formatPercent(c.rate, i18n.language)}
                    </Text>
                  </Group>
                  <Progress
                    value={(c.rate ?? 0) * 100}
                    size="sm"
                    aria-label={t('card.rateOf', { title: c.title })}
                  />
                </Stack>
              ))}
            </Stack>
          )}
          <Group gap="xs">
            <Button component={Link} to="/training/my" size="xs" variant={s.my.open > 0 ? 'filled' : 'light'}>
              {t('card.openMy')}
            </Button>
            {s.courses && (
              <Button component={Link} to="/training/report" size="xs" variant="light">
                {t('card.openReport')}
              </Button>
            )}
          </Group>
        </Stack>
      )}
    </DashboardCard>
  );
}
