import { Badge, Button, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { formatDateTime } from '../../app/format.js';
import { useCan } from '../../app/permissions.js';
import { ConfirmDialog } from '../../app/ui/ConfirmDialog.js';
import { PageHeader } from '../../app/ui/PageHeader.js';
import { ProblemAlert } from '../../app/ui/ProblemAlert.js';
import { LoadingState } from '../../app/ui/States.js';
import { useLocalName } from '../../app/units.js';
import { AgencyStatusTable } from './AgencyStatusTable.js';
import { alertTitle, STATUS_COLORS, useAgencyChoices, useCentralAction, useCentralAlert } from './api.js';
import { AlertText, KindBadge, ProductList } from './KindBadge.js';

/** One alert as the central body sees it: its text, publication, and each agency's handling. */
export default function CentralAlertPage() {
  const { t, i18n } = useTranslation('alerts');
  const { id } = useParams();
  const x = useCentralAlert(id);
  const canManage = useCan('central.manage');
  const act = useCentralAction(id ?? '');
  const [confirm, setConfirm] = useState<'publish' | 'withdraw' | null>(null);
  if (x.isPending) return <LoadingState />;
  if (!x.data) return <ProblemAlert error={x.error} />;
  const a = x.data;
  const title = alertTitle(a, i18n.language);
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
        title={title}
        actions={
          <Group>
            <Badge size="lg" color={STATUS_COLORS[a.status]} data-testid="alert-status">
              {t(`status.${a.status}`)}
            </Badge>
            {canManage && a.status === 'draft' && (
              <>
                <Button component={Link} to={`/central/alerts/${a.id}/edit`} variant="default">
                  {t('central.edit')}
                </Button>
                <Button onClick={() => setConfirm('publish')}>{t('central.publish')}</Button>
              </>
            )}
            {canManage && a.status === 'published' && (
              <Button color="red" variant="light" onClick={() => setConfirm('withdraw')}>
                {t('central.withdraw')}
              </Button>
            )}
          </Group>
        }
      />
      <Stack>
        <Paper withBorder p="md">
          <Stack>
            <Group>
              <KindBadge kind={a.kind} />
              {a.titleEn && i18n.language !== 'en' && (
                <Text size="sm" c="dimmed">
                  {a.titleEn}
                </Text>
              )}
            </Group>
            <AlertText body={a.body} />
            <ProductList products={a.products} />
            <SimpleGrid cols={{ base: 1, md: 3 }}>
              {row(
                t('field.reportRequested'),
                a.reportRequested
                  ? t('central.reportBy', { date: a.reportDueOn ?? '—' })
                  : t('central.noReport'),
              )}
              <Recipients agencyIds={a.agencyIds} />
              {row(
                t('field.publishedAt'),
                a.publishedAt
                  ? `${formatDateTime(a.publishedAt, i18n.language)}${a.publishedByName ? `（${a.publishedByName}）` : ''}`
                  : '—',
              )}
              {a.withdrawnAt && row(t('field.withdrawnAt'), formatDateTime(a.withdrawnAt, i18n.language))}
            </SimpleGrid>
          </Stack>
        </Paper>
        {a.status !== 'draft' && (
          <Paper withBorder p="md" component="section" aria-labelledby="alert-agencies">
            <Title order={2} size="h4" mb="sm" id="alert-agencies">
              {t('agencyStatus.title', {
                acknowledged: a.counts.acknowledged,
                agencies: a.counts.agencies,
              })}
            </Title>
            <AgencyStatusTable rows={a.agencies} reportRequested={a.reportRequested} />
          </Paper>
        )}
      </Stack>
      <ConfirmDialog
        opened={confirm !== null}
        onClose={() => setConfirm(null)}
        title={confirm ? t(`central.confirm.${confirm}`) : ''}
        message={title}
        confirmLabel={confirm ? t(`central.${confirm}`) : ''}
        color={confirm === 'publish' ? 'blue' : 'red'}
        onConfirm={() => act.mutateAsync(confirm!)}
      />
    </>
  );
}

/** To every agency, or the chosen ones by name. */
function Recipients({ agencyIds }: { agencyIds: string[] | null }) {
  const { t } = useTranslation('alerts');
  const choices = useAgencyChoices();
  const name = useLocalName();
  const byId = new Map((choices.data?.items ?? []).map((c) => [c.id, c]));
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed">
        {t('field.agencies')}
      </Text>
      <Text size="sm">
        {agencyIds === null
          ? t('form.allAgencies')
          : agencyIds.map((i) => (byId.get(i) ? name(byId.get(i)!) : i)).join('、')}
      </Text>
    </Stack>
  );
}
