import { Button, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDate } from '../../../app/format.js';
import { DashboardCard } from '../../../app/ui/DashboardCard.js';
import { LoadingState } from '../../../app/ui/States.js';
import { useMyQuestionnaires } from '../api.js';
import { isPendingForMe } from '../format.js';

/** Home-page card for everyone: "自己点検: 未提出 n 件" and the nearest deadline. */
export function MyPendingCard() {
  const { t, i18n } = useTranslation('selfcheck');
  const my = useMyQuestionnaires();
  const pending = (my.data ?? []).filter(isPendingForMe);
  const nearest = pending.map((q) => q.endsOn).sort()[0];
  return (
    <DashboardCard id="selfcheck-mine" title={t('card.title')}>
      {my.isPending ? (
        <LoadingState />
      ) : (
        <Stack gap="sm">
          <Text size="xl" fw={700} data-testid="sc-pending-count">
            {t('card.pending', { count: pending.length })}
          </Text>
          <Text size="sm" c="dimmed">
            {pending.length > 0 && nearest
              ? t('card.deadline', { date: formatDate(nearest, i18n.language) })
              : t('card.nothing')}
          </Text>
          <Group>
            <Button
              component={Link}
              to="/selfcheck/my"
              variant={pending.length > 0 ? 'filled' : 'light'}
              size="xs"
            >
              {t('card.open')}
            </Button>
          </Group>
        </Stack>
      )}
    </DashboardCard>
  );
}
