import { Button, Group, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../app/api.js';
import { DashboardCard } from '../../app/ui/DashboardCard.js';
import { ProblemAlert } from '../../app/ui/ProblemAlert.js';
import { LoadingState } from '../../app/ui/States.js';
import { EX } from './api.js';

interface Summary {
  active: number;
  expiringIn30Days: number;
  expired: number;
  pending: number;
}

/** Home-page card: exceptions ending within 30 days, expired ones not renewed, requests waiting. */
export function ExceptionsCard() {
  const { t } = useTranslation('exceptions');
  const s = useQuery({ queryKey: [EX, 'summary'], queryFn: () => api<Summary>('/exceptions/summary') });
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
    <DashboardCard id="exceptions" title={t('card.title')}>
      {s.isPending ? (
        <LoadingState />
      ) : s.error ? (
        <ProblemAlert error={s.error} />
      ) : (
        <Stack gap="sm">
          <Group gap="xl">
            {figure(t('card.expiring'), s.data.expiringIn30Days, 'exceptions-expiring')}
            {figure(t('card.expired'), s.data.expired, 'exceptions-expired')}
            {figure(t('card.pending'), s.data.pending, 'exceptions-pending')}
          </Group>
          <Group>
            <Button component={Link} to="/exceptions" size="xs" variant="light">
              {t('card.open')}
            </Button>
          </Group>
        </Stack>
      )}
    </DashboardCard>
  );
}
