import { Button, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DashboardCard } from '../../../app/ui/DashboardCard.js';
import { useMyTargets } from './api.js';

/**
 * Home-page card for whoever the ledger names as a system's security officer or administrator: hosts
 * still to answer in open rounds. Those owners usually hold no system.* permission, so the card (not
 * the navigation) is their way in; it shows nothing to everyone else.
 */
export function OwnerCard() {
  const { t } = useTranslation('inspections');
  const mine = useMyTargets();
  const open = (mine.data ?? []).filter((x) => x.roundStatus === 'open' && !x.submittedAt);
  if (open.length === 0) return null;
  return (
    <DashboardCard id="inspections-mine" title={t('card.title')}>
      <Stack gap="sm">
        <Text data-testid="inspections-card-open">{t('card.open', { count: open.length })}</Text>
        <Group>
          <Button component={Link} to="/inspections/mine" size="xs" variant="light">
            {t('card.answer')}
          </Button>
        </Group>
      </Stack>
    </DashboardCard>
  );
}
