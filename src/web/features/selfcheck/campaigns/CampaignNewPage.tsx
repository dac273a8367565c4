import { Paper } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api } from '../../../app/api.js';
import type { Campaign } from '../../../app/types.js';
import { PageHeader } from '../../../app/ui/PageHeader.js';
import { keys } from '../api.js';
import { CampaignForm } from './CampaignForm.js';
import { planOrUndefined } from './PlanFields.js';

/** Planning a new campaign: it starts as a draft and opens from its own page. */
export default function CampaignNewPage() {
  const { t } = useTranslation('selfcheck');
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  return (
    <>
      <PageHeader title={t('campaigns.newTitle')} description={t('campaigns.newDescription')} />
      <Paper withBorder p={{ base: 'sm', sm: 'lg' }}>
        <CampaignForm
          submitLabel={t('campaigns.createDraft')}
          onCancel={() => navigate('/selfcheck/campaigns')}
          onSubmit={async (v) => {
            const created = await api<Campaign>('/selfcheck/campaigns', {
              method: 'POST',
              body: { ...v, plan: planOrUndefined(v.plan) },
            });
            queryClient.setQueryData(keys.campaign(created.id), created);
            await queryClient.invalidateQueries({ queryKey: keys.campaigns });
            navigate(`/selfcheck/campaigns/${created.id}`);
          }}
        />
      </Paper>
    </>
  );
}
