import { Badge, Button, Group, Tabs } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import { type ReactNode, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { useCan } from '../../../app/permissions.js';
import type { Campaign } from '../../../app/types.js';
import { PageHeader } from '../../../app/ui/PageHeader.js';
import { ProblemAlert } from '../../../app/ui/ProblemAlert.js';
import { LoadingState } from '../../../app/ui/States.js';
import { useCampaign } from '../api.js';
import { STATE_COLORS } from '../format.js';
import { MembersPreparing } from './MembersPreparing.js';

export type CampaignTab = 'overview' | 'progress' | 'results' | 'samples';

/** The frame of every campaign page: its title and state, and tabs to its overview, progress, results and samples. */
export function CampaignShell({ tab, children }: { tab: CampaignTab; children(c: Campaign): ReactNode }) {
  const { id = '' } = useParams();
  const { t } = useTranslation('selfcheck');
  const navigate = useNavigate();
  const campaign = useCampaign(id);
  const canAudit = useCan('selfcheck.audit');
  // The job creating the questionnaires, watched from when it is seen running until dismissed.
  const [watched, setWatched] = useState<number | null>(null);
  const pendingJob = campaign.data?.membersPending ? campaign.data.membersJobId : null;
  useEffect(() => {
    if (pendingJob !== null) setWatched(pendingJob);
  }, [pendingJob]);
  if (campaign.isPending) return <LoadingState />;
  if (!campaign.data)
    return (
      <>
        <PageHeader title={t('campaign.title')} />
        <ProblemAlert error={campaign.error} />
      </>
    );
  const c = campaign.data;
  const started = c.state !== 'draft';
  return (
    <>
      <PageHeader
        title={c.title}
        description={`${t('fiscalYear', { year: c.fiscalYear })} · ${c.policyName}`}
        actions={
          <Group gap="xs">
            <Badge size="lg" color={STATE_COLORS[c.state]} data-testid="campaign-state">
              {t(`state.${c.state}`)}
            </Badge>
            <Button
              component={Link}
              to="/selfcheck/campaigns"
              variant="subtle"
              leftSection={<IconArrowLeft size={16} aria-hidden />}
            >
              {t('campaign.back')}
            </Button>
          </Group>
        }
      />
      {watched !== null && (
        <MembersPreparing jobId={watched} campaignId={c.id} onDismiss={() => setWatched(null)} />
      )}
      <Tabs
        value={tab}
        onChange={(v) => v && navigate(`/selfcheck/campaigns/${c.id}${v === 'overview' ? '' : `/${v}`}`)}
        keepMounted={false}
      >
        <Tabs.List>
          <Tabs.Tab value="overview">{t('campaign.tabs.overview')}</Tabs.Tab>
          <Tabs.Tab value="progress" disabled={!started}>
            {t('campaign.tabs.progress')}
          </Tabs.Tab>
          <Tabs.Tab value="results" disabled={!started}>
            {t('campaign.tabs.results')}
          </Tabs.Tab>
          {canAudit && (
            <Tabs.Tab value="samples" disabled={!started}>
              {t('campaign.tabs.samples')}
            </Tabs.Tab>
          )}
        </Tabs.List>
        <Tabs.Panel value={tab} pt="md">
          {children(c)}
        </Tabs.Panel>
      </Tabs>
    </>
  );
}
