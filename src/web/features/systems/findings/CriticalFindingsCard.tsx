import { Button, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DashboardCard } from '../../../app/ui/DashboardCard.js';
import { ProblemAlert } from '../../../app/ui/ProblemAlert.js';
import { LoadingState } from '../../../app/ui/States.js';
import { useCriticalFindings } from './api.js';

/** Home-page card: outstanding CVSS ≥ 7.0 findings in the user's scope (001 L11788-11792), and overdue ones. */
export function CriticalFindingsCard() {
  const { t } = useTranslation('findings');
  const q = useCriticalFindings();
  return (
    <DashboardCard id="findings-critical" title={t('card.title')}>
      {q.isPending ? (
        <LoadingState />
      ) : q.error ? (
        <ProblemAlert error={q.error} />
      ) : (
        <Stack gap="xs">
          <Group gap="xl">
            <Stack gap={0}>
              <Text size="xs" c="dimmed">
                {t('card.open')}
              </Text>
              <Text size="xl" fw={700} data-testid="critical-open">
                {q.data.open}
              </Text>
            </Stack>
            <Stack gap={0}>
              <Text size="xs" c="dimmed">
                {t('card.overdue')}
              </Text>
              <Text size="xl" fw={700} c={q.data.overdue ? 'red' : undefined} data-testid="critical-overdue">
                {q.data.overdue}
              </Text>
            </Stack>
          </Group>
          <Text size="xs" c="dimmed">
            {t('card.help')}
          </Text>
          <Group>
            <Button component={Link} to="/findings" size="xs" variant="light">
              {t('card.list')}
            </Button>
          </Group>
        </Stack>
      )}
    </DashboardCard>
  );
}
