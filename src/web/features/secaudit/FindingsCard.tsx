import { Button, Group, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../app/api.js';
import { DashboardCard } from '../../app/ui/DashboardCard.js';
import { ProblemAlert } from '../../app/ui/ProblemAlert.js';
import { LoadingState } from '../../app/ui/States.js';
import { SA } from './api.js';

interface Summary {
  fiscalYear: number;
  open: number;
  pastDue: number;
  carriedOver: number;
}

/** Home-page card: this year's open audit findings, those past due and those carried over. */
export function FindingsCard() {
  const { t } = useTranslation('secaudit');
  const s = useQuery({
    queryKey: [SA, 'summary'],
    queryFn: () => api<Summary>('/secaudit/findings/summary'),
  });
  const figure = (label: string, n: number, testId: string) => (
    <Stack gap={0}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="xl" fw={700} data-testid={testId}>
        {n}
      </Text>
    </Stack>
  );
  return (
    <DashboardCard id="secaudit-findings" title={t('card.title')}>
      {s.isPending ? (
        <LoadingState />
      ) : s.error ? (
        <ProblemAlert error={s.error} />
      ) : (
        <Stack gap="sm">
          <Group gap="xl">
            {figure(t('card.open'), s.data.open, 'findings-open')}
            {figure(t('card.pastDue'), s.data.pastDue, 'findings-past-due')}
            {figure(t('card.carriedOver'), s.data.carriedOver, 'findings-carried')}
          </Group>
          <Group>
            <Button component={Link} to="/secaudit/findings" size="xs" variant="light">
              {t('card.board')}
            </Button>
          </Group>
        </Stack>
      )}
    </DashboardCard>
  );
}
