import { Button, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DashboardCard } from '../../../app/ui/DashboardCard.js';
import { ProblemAlert } from '../../../app/ui/ProblemAlert.js';
import { LoadingState } from '../../../app/ui/States.js';
import { useCard } from './api.js';

/** Home-page card: open critical (CVSS ≥ 7.0) responses past their target date in the user's scope. */
export function AdvisoryCard() {
  const { t } = useTranslation('advisories');
  const card = useCard();
  return (
    <DashboardCard id="advisories" title={t('card.title')}>
      {card.isPending ? (
        <LoadingState />
      ) : card.error || !card.data ? (
        <ProblemAlert error={card.error} />
      ) : (
        <Stack gap="xs">
          <Group gap="xl">
            <Stack gap={0}>
              <Text size="xs" c="dimmed">
                {t('card.overdueCritical')}
              </Text>
              <Text
                size="xl"
                fw={700}
                c={card.data.overdueCritical ? 'red' : undefined}
                data-testid="advisory-card-critical"
              >
                {card.data.overdueCritical}
              </Text>
            </Stack>
            <Stack gap={0}>
              <Text size="xs" c="dimmed">
                {t('card.open')}
              </Text>
              <Text size="xl" fw={700}>
                {card.data.open}
              </Text>
            </Stack>
          </Group>
          <Group>
            <Button component={Link} to="/systems/advisories/mine" size="xs" variant="light">
              {t('card.details')}
            </Button>
          </Group>
        </Stack>
      )}
    </DashboardCard>
  );
}
