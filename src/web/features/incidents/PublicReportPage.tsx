import { Alert, Container, Paper, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { reportPublic } from './api.js';
import { ReportForm } from './ReportForm.js';

/** The public reporting point (/report/:tenantCode): no sign-in, outside the shell. */
export default function PublicReportPage() {
  const { t } = useTranslation('incidents');
  const { tenantCode = '' } = useParams();
  const [receipt, setReceipt] = useState<{ reference: string } | null>(null);
  return (
    <Container size="sm" py="xl" component="main">
      <Paper withBorder p="lg">
        <Title order={1} size="h2" mb="md">
          {t('report.publicTitle')}
        </Title>
        {receipt ? (
          <Alert color="green" data-testid="report-receipt">
            {t('report.received', { reference: receipt.reference })}
          </Alert>
        ) : (
          <ReportForm
            send={(body) => reportPublic(tenantCode, body)}
            done={(r) => setReceipt(r as { reference: string })}
          />
        )}
      </Paper>
    </Container>
  );
}
