import { Badge, Button, Group, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../app/api.js';
import { DashboardCard } from '../../app/ui/DashboardCard.js';
import { ProblemAlert } from '../../app/ui/ProblemAlert.js';
import { LoadingState } from '../../app/ui/States.js';
import { formatElapsed, INC } from './api.js';
import type { Summary } from './types.js';

/** Home-page card for incident.view: open cases, who holds each now and for how long. */
export function IncidentCard() {
  const { t, i18n } = useTranslation('incidents');
  const summary = useQuery({ queryKey: [INC, 'summary'], queryFn: () => api<Summary>('/incidents/summary') });
  const ja = i18n.language.startsWith('ja');
  return (
    <DashboardCard id="incidents" title={t('card.title')}>
      {summary.isPending ? (
        <LoadingState />
      ) : summary.error ? (
        <ProblemAlert error={summary.error} />
      ) : (
        <Stack gap="xs">
          <Group gap="xl">
            <Stack gap={0}>
              <Text size="xs" c="dimmed">
                {t('card.open')}
              </Text>
              <Text size="xl" fw={700} data-testid="incident-card-open">
                {summary.data.open}
              </Text>
            </Stack>
            <Stack gap={0}>
              <Text size="xs" c="dimmed">
                {t('card.untriaged')}
              </Text>
              <Text size="xl" fw={700}>
                {summary.data.reported}
              </Text>
            </Stack>
          </Group>
          {summary.data.items.slice(0, 5).map((c) => (
            <Group key={c.id} justify="space-between" wrap="nowrap" data-testid="incident-card-item">
              <Text size="sm" lineClamp={1}>
                <Link to={`/incidents/${c.id}`}>{c.title ?? c.what}</Link>
              </Text>
              <Badge variant="light">
                {(ja ? c.stepNameJa : c.stepNameEn) ?? t('state.reported')} · {c.holders.join('、')} ·{' '}
                {formatElapsed(Math.floor((Date.now() - Date.parse(c.since)) / 60000), i18n.language)}
              </Badge>
            </Group>
          ))}
          <Group>
            <Button component={Link} to="/incidents" size="xs" variant="light">
              {t('card.all')}
            </Button>
          </Group>
        </Stack>
      )}
    </DashboardCard>
  );
}
