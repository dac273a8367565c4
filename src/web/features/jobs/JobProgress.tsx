import { Badge, Button, Group, Progress, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatPercent } from '../../app/format.js';
import { ConfirmDialog } from '../../app/ui/ConfirmDialog.js';
import { ProblemAlert } from '../../app/ui/ProblemAlert.js';
import { isFinished, type Job, useCancelJob, useJob } from './api.js';

const COLORS: Record<Job['status'], string> = {
  queued: 'gray',
  running: 'blue',
  done: 'green',
  failed: 'red',
  cancelled: 'yellow',
};

/** The status of a job and a bar of its progress; a job started here is watched where it was started. */
export function JobStatusLine({ job }: { job: Job }) {
  const { t, i18n } = useTranslation('jobs');
  const p = job.progress;
  const fraction = job.status === 'done' ? 1 : p && p.total > 0 ? p.done / p.total : null;
  return (
    <Stack gap={4}>
      <Group gap="xs" wrap="wrap">
        <Badge color={COLORS[job.status]} variant="light">
          {t(`status.${job.status}`)}
        </Badge>
        <Text size="sm">{t(`name.${job.name}`, { defaultValue: job.name })}</Text>
        {p && (
          <Text size="sm" c="dimmed">
            {t('count', {
              done: p.done.toLocaleString(i18n.language),
              total: p.total.toLocaleString(i18n.language),
            })}
            {fraction !== null && ` (${formatPercent(fraction, i18n.language)})`}
            {p.phase && ` · ${t(`phase.${p.phase}`, { defaultValue: p.phase })}`}
          </Text>
        )}
        {job.cancelRequested && job.status === 'running' && (
          <Text size="sm" c="yellow.8">
            {t('stopping')}
          </Text>
        )}
      </Group>
      <Progress
        value={fraction === null ? (isFinished(job.status) ? 100 : 0) : fraction * 100}
        animated={job.status === 'running'}
        color={COLORS[job.status]}
        aria-label={t('progressLabel')}
      />
      {job.status === 'failed' && job.error && (
        <Text size="xs" c="red" ff="monospace">
          {job.error}
        </Text>
      )}
    </Stack>
  );
}

/** Watches one job by id until it finishes, with a cancel button where the job allows it. */
export function JobProgress({ jobId }: { jobId: number }) {
  const { t } = useTranslation('jobs');
  const job = useJob(jobId);
  const cancel = useCancelJob();
  const [asking, setAsking] = useState(false);
  if (job.error) return <ProblemAlert error={job.error} />;
  if (!job.data) return null;
  return (
    <Stack gap="xs" data-testid="job-progress">
      <JobStatusLine job={job.data} />
      {job.data.cancellable && !job.data.cancelRequested && (
        <Group>
          <Button size="xs" variant="default" onClick={() => setAsking(true)}>
            {t('cancel.button')}
          </Button>
        </Group>
      )}
      <ConfirmDialog
        opened={asking}
        onClose={() => setAsking(false)}
        title={t('cancel.title')}
        message={t('cancel.message')}
        confirmLabel={t('cancel.confirm')}
        onConfirm={() => cancel.mutateAsync(jobId)}
      />
    </Stack>
  );
}
