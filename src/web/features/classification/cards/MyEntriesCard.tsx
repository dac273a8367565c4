import { Button, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DashboardCard } from '../../../app/ui/DashboardCard.js';
import { LoadingState } from '../../../app/ui/States.js';
import { emptyEntryFilter, useEntries, useRequests } from '../api.js';

/** Home-page card for everyone: entries returned for correction, my requests waiting, and a way to register. */
export function MyEntriesCard() {
  const { t } = useTranslation('classification');
  // Only the user's own returned entries: a head also sees the division's, but only owners can correct them.
  const returned = useEntries({ ...emptyEntryFilter, status: 'returned' }, 100);
  const pending = useRequests({ queue: 'mine', status: 'pending', page: 1 });
  const loading = returned.isPending || pending.isPending;
  const nReturned = (returned.data?.items ?? []).filter((e) => e.can.edit).length;
  const nPending = pending.data?.total ?? 0;
  return (
    <DashboardCard id="classification-mine" title={t('card.mine.title')}>
      {loading ? (
        <LoadingState />
      ) : (
        <Stack gap="sm">
          <Text size="lg" fw={700} c={nReturned > 0 ? 'orange' : undefined} data-testid="card-returned">
            {t('card.mine.returned', { count: nReturned })}
          </Text>
          <Text size="sm" data-testid="card-pending-requests">
            {t('card.mine.pending', { count: nPending })}
          </Text>
          <Group gap="xs">
            <Button component={Link} to="/classification/register/new" size="xs">
              {t('register.new')}
            </Button>
            {nReturned > 0 && (
              <Button
                component={Link}
                to="/classification/register?status=returned"
                size="xs"
                variant="light"
                color="orange"
              >
                {t('card.mine.openReturned')}
              </Button>
            )}
            <Button component={Link} to="/classification/requests" size="xs" variant="light">
              {t('card.mine.openRequests')}
            </Button>
          </Group>
        </Stack>
      )}
    </DashboardCard>
  );
}
