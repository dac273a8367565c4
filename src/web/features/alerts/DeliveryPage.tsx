import { Alert, Button, Group, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { api } from '../../app/api.js';
import { formatDateTime } from '../../app/format.js';
import { PageHeader } from '../../app/ui/PageHeader.js';
import { ProblemAlert } from '../../app/ui/ProblemAlert.js';
import { LoadingState } from '../../app/ui/States.js';
import { alertTitle, type Delivery, useDelivery, useDeliveryAction } from './api.js';
import { ReleasePanel, ReportPanel } from './DeliveryPanels.js';
import { ForwardModal } from './ForwardModal.js';
import { StateBadges } from './InboxPage.js';
import { AlertText, KindBadge, ProductList } from './KindBadge.js';

/** One alert the agency received: its text, and the handling its state allows. */
export default function DeliveryPage() {
  const { t, i18n } = useTranslation('alerts');
  const { id = '' } = useParams();
  const x = useDelivery(id);
  const [forwarding, setForwarding] = useState(false);
  const ack = useDeliveryAction(() => api<Delivery>(`/alerts/${id}/acknowledge`, { method: 'POST' }));
  if (x.isPending) return <LoadingState />;
  if (!x.data) return <ProblemAlert error={x.error} />;
  const d = x.data;
  const when = (iso: string | null) => formatDateTime(iso, i18n.language);
  const row = (label: string, value: string) => (
    <Stack gap={0}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm">{value}</Text>
    </Stack>
  );
  return (
    <>
      <PageHeader
        title={alertTitle(d.alert, i18n.language)}
        actions={
          <Group>
            {d.can.acknowledge && (
              <Button loading={ack.isPending} onClick={() => ack.mutate(undefined)}>
                {t('inbox.acknowledge')}
              </Button>
            )}
            {d.can.forward && (
              <Button variant="default" onClick={() => setForwarding(true)}>
                {t('inbox.forward')}
              </Button>
            )}
          </Group>
        }
      />
      <Stack>
        <ProblemAlert error={ack.error} />
        {d.alert.withdrawnAt && (
          <Alert color="dark" title={t('inbox.withdrawnTitle')}>
            {t('inbox.withdrawn', { at: when(d.alert.withdrawnAt) })}
          </Alert>
        )}
        <Paper withBorder p="md">
          <Stack>
            <Group>
              <KindBadge kind={d.alert.kind} />
              <StateBadges d={d} />
            </Group>
            <AlertText body={d.alert.body} />
            <ProductList products={d.alert.products} />
            <SimpleGrid cols={{ base: 1, md: 3 }}>
              {row(t('field.receivedAt'), when(d.receivedAt))}
              {row(
                t('state.acknowledged'),
                d.acknowledgedAt
                  ? `${when(d.acknowledgedAt)}${d.acknowledgedByName ? `（${d.acknowledgedByName}）` : ''}`
                  : '—',
              )}
              {row(
                t('field.reportRequested'),
                d.alert.reportRequested
                  ? t('central.reportBy', { date: d.alert.reportDueOn ?? '—' })
                  : t('central.noReport'),
              )}
              {row(
                t('inbox.forwarded'),
                d.forwardedAt
                  ? `${t('agencyStatus.people', { count: d.forwardedCount })}（${when(d.forwardedAt)}）`
                  : '—',
              )}
            </SimpleGrid>
          </Stack>
        </Paper>
        <ReleasePanel d={d} />
        <ReportPanel d={d} />
      </Stack>
      <ForwardModal id={d.id} opened={forwarding} onClose={() => setForwarding(false)} />
    </>
  );
}
