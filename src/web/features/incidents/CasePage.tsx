import { Alert, Anchor, Badge, Group, Paper, SimpleGrid, Stack, Text, Timeline, Title } from '@mantine/core';
import { IconCheck } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { api } from '../../app/api.js';
import { formatDateTime } from '../../app/format.js';
import { PageHeader } from '../../app/ui/PageHeader.js';
import { ProblemAlert } from '../../app/ui/ProblemAlert.js';
import { LoadingState } from '../../app/ui/States.js';
import { formatElapsed, INC } from './api.js';
import { CompleteStepForm, LiaisonPanel, TriageForm } from './CaseForms.js';
import { STATE_COLORS } from './IncidentsPage.js';
import type { Case } from './types.js';

/** One case: what was reported, the flow as a timeline, who holds it now and for how long. */
export default function CasePage() {
  const { t, i18n } = useTranslation('incidents');
  const { id = '' } = useParams();
  const ja = i18n.language.startsWith('ja');
  const q = useQuery({ queryKey: [INC, 'case', id], queryFn: () => api<Case>(`/incidents/${id}`) });
  if (q.isPending) return <LoadingState />;
  if (q.error) return <ProblemAlert error={q.error} />;
  const c = q.data;
  const fact = (label: string, value: string | null | undefined) => (
    <Stack gap={0}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text style={{ whiteSpace: 'pre-wrap' }}>{value || '—'}</Text>
    </Stack>
  );
  return (
    <Stack>
      <PageHeader
        title={c.title ?? t('case.untitled')}
        actions={<Badge color={STATE_COLORS[c.state]}>{t(`state.${c.state}`)}</Badge>}
      />
      {c.mustNotifyNisc && (
        <Alert color={c.niscNotifiedAt ? 'green' : 'red'} data-testid="duty-to-notify">
          {c.niscNotifiedAt
            ? t('case.niscNotified', { at: formatDateTime(c.niscNotifiedAt, i18n.language) })
            : t('case.mustNotifyNisc')}
        </Alert>
      )}
      {c.current && (
        <Alert color="blue" data-testid="current-holder">
          {t('case.current', {
            step: ja ? c.current.nameJa : c.current.nameEn,
            holders: c.current.csirt ? 'CSIRT' : c.current.holders.map((h) => h.name).join('、'),
            elapsed: formatElapsed(c.current.minutes, i18n.language),
          })}
        </Alert>
      )}
      <Paper withBorder p="md">
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          {fact(t('report.what'), c.what)}
          {fact(t('report.when'), c.when)}
          {fact(t('report.where'), c.where)}
          {fact(t('report.contact'), c.contact)}
          {fact(t('case.received'), formatDateTime(c.createdAt, i18n.language))}
          {c.view === 'full' && fact(t('list.unit'), c.unit?.nameJa)}
          {c.view === 'full' && fact(t('list.type'), c.type ? t(`type.${c.type}`) : t('type.none'))}
          {c.view === 'full' && fact(t('case.severity'), c.severity ? t(`severity.${c.severity}`) : null)}
          {c.view === 'full' && fact(t('case.response'), c.response)}
          {c.view === 'full' && fact(t('case.prevention'), c.prevention)}
        </SimpleGrid>
        {c.attachments.length > 0 && (
          <Group mt="sm">
            {c.attachments.map((a) => (
              <Anchor key={a.id} href={`/api/v1/incidents/${c.id}/attachments/${a.id}`}>
                {a.filename}
              </Anchor>
            ))}
          </Group>
        )}
      </Paper>
      {c.view === 'reporter' && <Text c="dimmed">{t('case.reporterView')}</Text>}
      {c.can.triage && <TriageForm c={c} />}
      {c.steps.length > 0 && (
        <Paper withBorder p="md">
          <Title order={2} size="h4" mb="sm">
            {t('case.flow')}
          </Title>
          <Timeline
            active={c.steps.filter((s) => s.doneAt).length - 1}
            bulletSize={20}
            data-testid="flow-timeline"
          >
            {c.steps.map((s) => (
              <Timeline.Item
                key={s.key}
                title={ja ? s.nameJa : s.nameEn}
                bullet={s.doneAt ? <IconCheck size={12} /> : null}
              >
                <Text size="sm" c="dimmed">
                  {s.csirt ? 'CSIRT' : s.holders.map((h) => h.name).join('、')}
                </Text>
                {s.doneAt && (
                  <Text size="sm">
                    {t('case.doneBy', {
                      at: formatDateTime(s.doneAt, i18n.language),
                      name: s.doneBy?.name ?? '',
                    })}
                  </Text>
                )}
                {s.note && (
                  <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                    {s.note}
                  </Text>
                )}
              </Timeline.Item>
            ))}
          </Timeline>
          {c.can.completeCurrent && c.current && <CompleteStepForm c={c} />}
        </Paper>
      )}
      {c.view === 'full' && <LiaisonPanel c={c} />}
    </Stack>
  );
}
