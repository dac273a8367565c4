import { Stack } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { PageHeader } from '../../app/ui/PageHeader.js';
import { INC, reportSignedIn } from './api.js';
import { ReportForm } from './ReportForm.js';

/** Staff report an incident while signed in; they can follow their own case afterwards. */
export default function SignedInReportPage() {
  const { t } = useTranslation('incidents');
  const navigate = useNavigate();
  const qc = useQueryClient();
  return (
    <Stack maw={720}>
      <PageHeader title={t('report.title')} />
      <ReportForm
        send={reportSignedIn}
        done={(r) => {
          void qc.invalidateQueries({ queryKey: [INC] });
          navigate(`/incidents/${(r as { id: string }).id}`);
        }}
      />
    </Stack>
  );
}
