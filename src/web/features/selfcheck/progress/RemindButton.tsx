import { Alert, Button } from '@mantine/core';
import { IconMailForward } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../app/api.js';
import type { JobQueued } from '../../../app/types.js';
import { ConfirmDialog } from '../../../app/ui/ConfirmDialog.js';
import { JobProgress } from '../../jobs/JobProgress.js';

/** 督促メール to every non-submitter of the unit shown (or all): queued as one background job. */
export function RemindButton({
  campaignId,
  unitId,
  unitName,
  pending,
}: {
  campaignId: string;
  unitId: string | null;
  unitName: string;
  pending: number;
}) {
  const { t } = useTranslation('selfcheck');
  const [asking, setAsking] = useState(false);
  const [result, setResult] = useState<JobQueued | null>(null);
  return (
    <>
      <Button
        leftSection={<IconMailForward size={16} aria-hidden />}
        onClick={() => {
          setResult(null);
          setAsking(true);
        }}
        disabled={pending === 0}
      >
        {t('remind.button')}
      </Button>
      {result && (
        <Alert
          color={result.alreadyQueued ? 'yellow' : 'green'}
          role="status"
          mt="xs"
          data-testid="remind-result"
        >
          {result.alreadyQueued ? t('remind.already') : t('remind.queued')}
          {result.jobId !== null && <JobProgress jobId={result.jobId} />}
        </Alert>
      )}
      <ConfirmDialog
        opened={asking}
        onClose={() => setAsking(false)}
        title={t('remind.title')}
        message={t('remind.body', { unit: unitName, count: pending.toLocaleString() })}
        confirmLabel={t('remind.confirm')}
        color="blue"
        onConfirm={async () => {
          setResult(
            await api<JobQueued>(`/selfcheck/campaigns/${campaignId}/reminders`, {
              method: 'POST',
              body: unitId ? { unitId } : {},
            }),
          );
        }}
      />
    </>
  );
}
