import { Alert, Badge, Button, Grid, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { formatDate, formatDateTime } from '../../../app/format.js';
import { useCan } from '../../../app/permissions.js';
import { PageHeader } from '../../../app/ui/PageHeader.js';
import { ProblemAlert } from '../../../app/ui/ProblemAlert.js';
import { EmptyMessage, LoadingState } from '../../../app/ui/States.js';
import { useEntry, usePolicy, useRequests } from '../api.js';
import { levelName } from '../format.js';
import { RequestTable } from '../requests/RequestTable.js';
import type { EntryDetail } from '../types.js';
import { EntryStatusBadge, LevelBadge, RestrictionList } from '../ui/badges.js';
import { EntryActions } from './EntryActions.js';
import { HistoryTimeline } from './HistoryTimeline.js';
import { MarkingBox } from './MarkingBox.js';

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <Stack gap={2}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <div>{children}</div>
    </Stack>
  );
}

function EntryRequests({ entry }: { entry: EntryDetail }) {
  const { t } = useTranslation('classification');
  const isConfirmer = useCan('classification.confirm', entry.unitId);
  const requests = useRequests({ queue: isConfirmer ? 'unit' : 'mine', entryId: entry.id, page: 1 });
  return (
    <Stack gap="xs">
      <Title order={2} size="h4">
        {t('entry.requests')}
      </Title>
      <ProblemAlert error={requests.error} />
      {requests.isPending ? (
        <LoadingState />
      ) : !requests.data?.items.length ? (
        <Text size="sm" c="dimmed">
          {t('entry.noRequests')}
        </Text>
      ) : (
        <RequestTable items={requests.data.items} label={t('entry.requests')} withDecide />
      )}
    </Stack>
  );
}

/** One register entry: its marking to copy, its details and access scope, what can be done, requests and history. */
export default function EntryPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation('classification');
  const lang = i18n.language;
  const entry = useEntry(id);
  const policy = usePolicy(entry.data?.policyId);
  const e = entry.data;
  if (entry.isPending) return <LoadingState />;
  if (!e)
    return (
      <>
        <ProblemAlert error={entry.error} />
        <EmptyMessage title={t('entry.notFound')} />
      </>
    );
  const p = policy.data;
  const scope = [...e.accessScope.units.map((u) => u.name), ...e.accessScope.people.map((x) => x.name)];
  return (
    <>
      <PageHeader
        title={e.title}
        description={e.serialNo ? t('entry.serial', { serial: e.serialNo }) : undefined}
      />
      <Stack gap="md">
        <Group gap="xs">
          <LevelBadge policy={p} value={e.confidentiality} />
          <EntryStatusBadge status={e.status} />
          {e.reviewDue && <Badge color="red">{t('entry.reviewDue')}</Badge>}
        </Group>
        {e.status === 'returned' && (
          <Alert color="orange" title={t('entry.returnedTitle')} data-testid="correction-comment">
            {e.correctionComment}
          </Alert>
        )}
        {e.status === 'proposed' && (
          <Alert color="blue" variant="light">
            {t('entry.awaitingConfirmation')}
          </Alert>
        )}
        <EntryActions entry={e} />
        <Grid>
          <Grid.Col span={{ base: 12, md: 7 }}>
            <Stack>
              <MarkingBox entry={e} />
              <Paper withBorder p="md" radius="md">
                <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
                  <Field label={t('field.description')}>
                    <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                      {e.description || '—'}
                    </Text>
                  </Field>
                  <Field label={t('field.unit')}>
                    <Text size="sm">{e.unitName}</Text>
                  </Field>
                  <Field label={t('field.ownerPersonId')}>
                    <Text size="sm">{e.owner.name}</Text>
                  </Field>
                  <Field label={t('field.form')}>
                    <Text size="sm">{t(`entryForm.${e.form}`)}</Text>
                  </Field>
                  <Field label={t('field.storageLocation')}>
                    <Text size="sm">{e.storageLocation || '—'}</Text>
                  </Field>
                  <Field label={t('field.integrity')}>
                    <Text size="sm">{e.integrity ? levelName(p, 'integrity', e.integrity, lang) : '—'}</Text>
                  </Field>
                  <Field label={t('field.availability')}>
                    <Text size="sm">
                      {e.availability ? levelName(p, 'availability', e.availability, lang) : '—'}
                    </Text>
                  </Field>
                  <Field label={t('field.restrictions')}>
                    <RestrictionList policy={p} restrictions={e.restrictions} />
                  </Field>
                  <Field label={t('field.retentionUntil')}>
                    <Text size="sm">
                      {formatDate(e.retentionUntil, lang)}
                      {e.retentionNote ? ` ${e.retentionNote}` : ''}
                    </Text>
                  </Field>
                  <Field label={t('field.reviewDueOn')}>
                    <Text size="sm" c={e.reviewDue ? 'red' : undefined}>
                      {formatDate(e.reviewDueOn, lang)}
                    </Text>
                  </Field>
                  {e.scopeRestricted && (
                    <Field label={t('field.accessScope')}>
                      <Text size="sm" data-testid="entry-scope">
                        {scope.length ? scope.join(t('history.separator')) : t('scope.nobody')}
                      </Text>
                    </Field>
                  )}
                  <Field label={t('field.proposed')}>
                    <Text size="sm">
                      {e.proposedBy.name} · {formatDateTime(e.proposedAt, lang)}
                    </Text>
                  </Field>
                  {e.confirmedBy && (
                    <Field label={t('field.confirmed')}>
                      <Text size="sm">
                        {e.confirmedBy.name} · {formatDateTime(e.confirmedAt, lang)}
                      </Text>
                    </Field>
                  )}
                </SimpleGrid>
              </Paper>
              <EntryRequests entry={e} />
            </Stack>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 5 }}>
            <Paper withBorder p="md" radius="md">
              <Title order={2} size="h4" mb="sm">
                {t('entry.history')}
              </Title>
              <HistoryTimeline events={e.history} />
            </Paper>
          </Grid.Col>
        </Grid>
        <Group>
          <Button component={Link} to="/classification/register" variant="subtle">
            {t('entry.backToRegister')}
          </Button>
        </Group>
      </Stack>
    </>
  );
}
