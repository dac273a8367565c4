import { Alert, Anchor, Badge, Button, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconArrowLeft, IconSchool } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { api } from '../../../app/api.js';
import { formatDateTime, formatPercentNumber } from '../../../app/format.js';
import { useCan } from '../../../app/permissions.js';
import { ConfirmDialog } from '../../../app/ui/ConfirmDialog.js';
import { PageHeader } from '../../../app/ui/PageHeader.js';
import { ProblemAlert } from '../../../app/ui/ProblemAlert.js';
import { LoadingState } from '../../../app/ui/States.js';
import { DR, STATE_COLORS, useDrill } from '../api.js';
import { RecipientsTable } from '../results/RecipientsTable.js';
import { ResultsPanel } from '../results/ResultsPanel.js';
import type { Drill, FollowUp } from '../types.js';
import { DrillActions } from './DrillActions.js';
import { ProgressPanel } from './ProgressPanel.js';

/** One drill: its settings, the actions its state allows, sending progress, and the results. */
export default function DrillPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('drills');
  const drill = useDrill(id);
  const canManage = useCan('drill.manage');
  if (drill.isPending) return <LoadingState />;
  if (!drill.data)
    return (
      <>
        <PageHeader title={t('list.title')} />
        <ProblemAlert error={drill.error} />
      </>
    );
  return <DrillView drill={drill.data} canManage={canManage} />;
}

function DrillView({ drill, canManage }: { drill: Drill; canManage: boolean }) {
  const { t, i18n } = useTranslation('drills');
  const [params] = useSearchParams();
  const lang = i18n.language;
  const started = drill.state !== 'draft';
  return (
    <>
      <Anchor component={Link} to="/drills" size="sm">
        <Group gap={4} component="span">
          <IconArrowLeft size={14} aria-hidden />
          {t('detail.back')}
        </Group>
      </Anchor>
      <PageHeader title={drill.title} actions={canManage && <DrillActions drill={drill} />} />
      <Stack gap="md">
        <Paper withBorder p="md">
          <Group gap="xs" mb="sm">
            <Badge color={STATE_COLORS[drill.state]} data-testid="drill-state">
              {t(`state.${drill.state}`)}
            </Badge>
            <Badge variant="light">{t(`variant.${drill.variant}`)}</Badge>
            <Badge variant="light">{t(`lure.${drill.lureKind}`)}</Badge>
            <Badge variant="light" color={drill.announced ? 'blue' : 'gray'}>
              {drill.announced ? t('list.announced') : t('list.unannounced')}
            </Badge>
          </Group>
          <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }}>
            <Fact label={t('detail.sender')} value={`${drill.senderName} <${drill.senderAddress}>`} />
            <Fact label={t('detail.subject')} value={drill.subject} />
            <Fact
              label={t('detail.recipients')}
              value={started ? drill.recipients.toLocaleString() : t('detail.fixedAtSchedule')}
            />
            <Fact
              label={t('detail.window')}
              value={t('detail.windowValue', {
                start: drill.windowStart,
                end: drill.windowEnd,
                rate: drill.ratePerSecond,
              })}
            />
            <Fact label={t('detail.startAt')} value={formatDateTime(drill.startAt, lang)} />
            <Fact label={t('detail.startedAt')} value={formatDateTime(drill.startedAt, lang)} />
            <Fact label={t('detail.finishedAt')} value={formatDateTime(drill.finishedAt, lang)} />
            <Fact label={t('detail.sample')} value={formatPercentNumber(drill.samplePercent, lang)} />
          </SimpleGrid>
        </Paper>
        {!started && <Alert color="blue">{t('detail.draftNote')}</Alert>}
        {started && canManage && <ProgressPanel drill={drill} />}
        {started && canManage && drill.state !== 'cancelled' && <FollowUpBox drill={drill} />}
        {started && (
          <>
            <Title order={2} size="h4">
              {t('results.title')}
            </Title>
            <ResultsPanel drill={drill} canManage={canManage} />
            {canManage && <RecipientsTable drillId={drill.id} unitId={params.get('unit')} />}
          </>
        )}
      </Stack>
    </>
  );
}

function Fact({ label, value }: { label: string; value: string }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
        {value}
      </Text>
    </Stack>
  );
}

function FollowUpBox({ drill }: { drill: Drill }) {
  const { t } = useTranslation('drills');
  const queryClient = useQueryClient();
  const [asking, setAsking] = useState(false);
  const [result, setResult] = useState<FollowUp | null>(null);
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="dr-followup">
      <Group justify="space-between" wrap="wrap">
        <Stack gap={2}>
          <Title order={2} size="h5" id="dr-followup">
            {t('followUp.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {drill.followUpCourseId === null ? t('followUp.noCourse') : t('followUp.help')}
          </Text>
        </Stack>
        <Button
          leftSection={<IconSchool size={16} aria-hidden />}
          onClick={() => {
            setResult(null);
            setAsking(true);
          }}
          disabled={drill.followUpCourseId === null}
        >
          {t('followUp.button')}
        </Button>
      </Group>
      {result && (
        <Alert color="green" role="status" mt="sm">
          {t('followUp.done', {
            people: result.people,
            assigned: result.assigned,
            already: result.alreadyAssigned,
          })}
        </Alert>
      )}
      <ConfirmDialog
        opened={asking}
        onClose={() => setAsking(false)}
        title={t('followUp.confirmTitle')}
        message={t('followUp.confirmBody')}
        confirmLabel={t('followUp.button')}
        color="blue"
        onConfirm={async () => {
          setResult(await api<FollowUp>(`/drills/${drill.id}/follow-up`, { method: 'POST', body: {} }));
          await queryClient.invalidateQueries({ queryKey: [DR] });
        }}
      />
    </Paper>
  );
}
