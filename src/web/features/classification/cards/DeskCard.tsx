import { Anchor, Button, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DashboardCard } from '../../../app/ui/DashboardCard.js';
import { ProblemAlert } from '../../../app/ui/ProblemAlert.js';
import { LoadingState } from '../../../app/ui/States.js';
import { useDashboard } from '../api.js';

function Figure({ label, value, to, testId }: { label: string; value: number; to: string; testId: string }) {
  return (
    <Anchor component={Link} to={to} underline="never" c="inherit">
      <Stack gap={0}>
        <Text size="xl" fw={700} c={value > 0 ? 'blue' : undefined} data-testid={testId}>
          {value.toLocaleString()}
        </Text>
        <Text size="sm" c="dimmed">
          {label}
        </Text>
      </Stack>
    </Anchor>
  );
}

/** Home-page card for division heads: confirmations, requests and reviews waiting for them. */
export function DeskCard() {
  const { t } = useTranslation('classification');
  const desk = useDashboard();
  const d = desk.data;
  return (
    <DashboardCard id="classification-desk" title={t('card.desk.title')}>
      <ProblemAlert error={desk.error} />
      {desk.isPending ? (
        <LoadingState />
      ) : (
        d && (
          <Stack gap="sm">
            <SimpleGrid cols={3}>
              <Figure
                label={t('card.desk.confirmations')}
                value={d.pendingConfirmations.count}
                to="/classification/register?status=proposed"
                testId="card-confirmations"
              />
              <Figure
                label={t('card.desk.requests')}
                value={d.pendingRequests.count}
                to="/classification/requests?queue=approver"
                testId="card-requests"
              />
              <Figure
                label={t('card.desk.reviews')}
                value={d.reviewsDue.count}
                to="/classification/register?reviewDue=true"
                testId="card-reviews"
              />
            </SimpleGrid>
            <Group>
              <Button component={Link} to="/classification/desk" size="xs" variant="light">
                {t('card.desk.open')}
              </Button>
            </Group>
          </Stack>
        )
      )}
    </DashboardCard>
  );
}
