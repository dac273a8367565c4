import { Button, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DashboardCard } from '../../app/ui/DashboardCard.js';
import { ProblemAlert } from '../../app/ui/ProblemAlert.js';
import { LoadingState } from '../../app/ui/States.js';
import { useVendorDashboard } from './api.js';

/** Home-page card: re-confirmations due, ISMS certificates expiring, contracts with open checks. */
export function VendorCard() {
  const { t } = useTranslation('vendors');
  const d = useVendorDashboard();
  const figure = (label: string, value: number, testId: string, alert = false) => (
    <Stack gap={0}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="xl" fw={700} c={alert && value > 0 ? 'red' : undefined} data-testid={testId}>
        {value}
      </Text>
    </Stack>
  );
  return (
    <DashboardCard id="vendors" title={t('card.title')}>
      {d.isPending ? (
        <LoadingState />
      ) : !d.data ? (
        <ProblemAlert error={d.error} />
      ) : (
        <Stack gap="sm">
          <SimpleGrid cols={2}>
            {figure(t('card.due'), d.data.reconfirmDue, 'vendor-card-due')}
            {figure(t('card.overdue'), d.data.reconfirmOverdue, 'vendor-card-overdue', true)}
            {figure(t('card.certificates'), d.data.certificatesExpiring, 'vendor-card-certs', true)}
            {figure(t('card.openChecks'), d.data.contractsWithOpenChecks, 'vendor-card-open')}
          </SimpleGrid>
          <Group gap="xs">
            <Button component={Link} to="/vendors/sns" size="xs" variant="light">
              {t('nav.sns')}
            </Button>
            <Button component={Link} to="/vendors/contracts" size="xs" variant="light">
              {t('nav.contracts')}
            </Button>
          </Group>
        </Stack>
      )}
    </DashboardCard>
  );
}
