import { Anchor, Progress, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DashboardCard } from '../../../app/ui/DashboardCard.js';
import { LoadingState } from '../../../app/ui/States.js';
import { useCampaigns } from '../api.js';
import { pct, share } from '../format.js';

/** Home-page card for those who follow the self-check: campaigns now open and how many have submitted. */
export function OpenCampaignsCard() {
  const { t } = useTranslation('selfcheck');
  const campaigns = useCampaigns();
  const open = (campaigns.data ?? []).filter((c) => c.state === 'open');
  return (
    <DashboardCard id="selfcheck-open" title={t('card.openTitle')}>
      {campaigns.isPending ? (
        <LoadingState />
      ) : open.length === 0 ? (
        <Stack gap="xs">
          <Text size="sm" c="dimmed">
            {t('card.noneOpen')}
          </Text>
          <Anchor component={Link} to="/selfcheck/campaigns" size="sm">
            {t('card.toCampaigns')}
          </Anchor>
        </Stack>
      ) : (
        <Stack gap="sm">
          {open.map((c) => {
            const rate = share(c.counts.submitted, c.counts.inScope);
            return (
              <Stack key={c.id} gap={2}>
                <Anchor component={Link} to={`/selfcheck/campaigns/${c.id}/progress`} fw={600} size="sm">
                  {c.title}
                </Anchor>
                <Progress value={(rate ?? 0) * 100} aria-hidden />
                <Text size="xs" c="dimmed">
                  {t('campaigns.submittedOf', {
                    submitted: c.counts.submitted.toLocaleString(),
                    inScope: c.counts.inScope.toLocaleString(),
                    rate: pct(rate),
                  })}
                </Text>
              </Stack>
            );
          })}
        </Stack>
      )}
    </DashboardCard>
  );
}
