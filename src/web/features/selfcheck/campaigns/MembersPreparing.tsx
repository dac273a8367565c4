import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useJob } from '../../jobs/api.js';
import { JobProgress } from '../../jobs/JobProgress.js';
import { SC } from '../api.js';

/**
 * After a large agency's campaign opens, a job creates everyone's questionnaires in batches: its
 * progress bar, what is possible meanwhile, and a refresh of the campaign's pages once it is done.
 */
export function MembersPreparing({
  jobId,
  campaignId,
  onDismiss,
}: {
  jobId: number;
  campaignId: string;
  onDismiss(): void;
}) {
  const { t } = useTranslation('selfcheck');
  const queryClient = useQueryClient();
  const job = useJob(jobId);
  const done = job.data?.status === 'done';
  useEffect(() => {
    if (done) void queryClient.invalidateQueries({ queryKey: [SC] });
  }, [done, queryClient]);
  return (
    <Alert
      color={done ? 'green' : 'blue'}
      mb="md"
      title={done ? t('campaign.members.readyTitle') : t('campaign.members.preparingTitle')}
      data-testid="members-preparing"
      data-campaign={campaignId}
    >
      <Stack gap="xs">
        {!done && <Text size="sm">{t('campaign.members.preparingBody')}</Text>}
        <JobProgress jobId={jobId} />
        {done && (
          <Group justify="flex-end">
            <Button size="xs" variant="default" onClick={onDismiss}>
              {t('campaign.members.dismiss')}
            </Button>
          </Group>
        )}
      </Stack>
    </Alert>
  );
}
