import {
  Badge,
  Button,
  Group,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Timeline,
  Title,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api } from '../../app/api.js';
import { formatDateTime } from '../../app/format.js';
import { ConfirmDialog } from '../../app/ui/ConfirmDialog.js';
import { PageHeader } from '../../app/ui/PageHeader.js';
import { ProblemAlert } from '../../app/ui/ProblemAlert.js';
import { LoadingState } from '../../app/ui/States.js';
import { type FindingDetail, SA, SEVERITY_COLORS, STATE_COLORS, useFinding } from './api.js';

/** One finding with its history across years; the auditee responds, the auditor returns or verifies. */
export default function FindingPage() {
  const { t, i18n } = useTranslation('secaudit');
  const { id } = useParams();
  const f = useFinding(id);
  const qc = useQueryClient();
  const [resp, setResp] = useState({ response: '', plan: '', dueOn: '' });
  const [note, setNote] = useState('');
  const [confirm, setConfirm] = useState<'verify' | 'return' | null>(null);
  const refresh = () => qc.invalidateQueries({ queryKey: [SA] });
  const respond = useMutation({
    mutationFn: () => api<FindingDetail>(`/secaudit/findings/${id}/response`, { method: 'POST', body: resp }),
    onSuccess: refresh,
  });
  const step = (what: 'verify' | 'return') =>
    api<FindingDetail>(`/secaudit/findings/${id}/${what}`, {
      method: 'POST',
      body: note ? { note } : {},
    }).then(refresh);
  if (f.isPending) return <LoadingState />;
  if (!f.data) return <ProblemAlert error={f.error} />;
  const x = f.data;
  const row = (label: string, value: string | null) => (
    <Stack gap={0}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text style={{ whiteSpace: 'pre-wrap' }}>{value || '—'}</Text>
    </Stack>
  );
  return (
    <>
      <PageHeader
        title={x.clause}
        description={`${x.engagementTitle} · ${x.unitName}`}
        actions={
          <Group>
            {x.carriedOver && (
              <Badge color="grape" size="lg" variant="light">
                {t('findings.carriedFrom', { year: x.fiscalYear })}
              </Badge>
            )}
            <Badge color={SEVERITY_COLORS[x.severity]} size="lg" variant="light">
              {t(`findings.severities.${x.severity}`)}
            </Badge>
            <Badge color={STATE_COLORS[x.state]} size="lg">
              {t(`findings.states.${x.state}`)}
            </Badge>
          </Group>
        }
      />
      <Stack>
        <Paper withBorder p="md">
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            {row(t('findings.condition'), x.condition)}
            {row(t('findings.cause'), x.cause)}
            {row(t('findings.proposal'), x.proposal)}
            {row(t('findings.response'), x.response)}
            {row(t('findings.plan'), x.responsePlan)}
            {row(t('findings.dueOn'), x.dueOn)}
          </SimpleGrid>
          <Button
            component={Link}
            to={`/secaudit/engagements/${x.engagementId}`}
            variant="subtle"
            size="xs"
            mt="sm"
          >
            {x.engagementTitle}
          </Button>
        </Paper>

        {x.can.respond && (
          <Paper withBorder p="md">
            <Title order={2} size="h4" mb="sm">
              {t('findings.respond')}
            </Title>
            <Stack>
              <Textarea
                label={t('findings.response')}
                required
                autosize
                value={resp.response}
                onChange={(e) => setResp({ ...resp, response: e.currentTarget.value })}
              />
              <Textarea
                label={t('findings.plan')}
                required
                autosize
                value={resp.plan}
                onChange={(e) => setResp({ ...resp, plan: e.currentTarget.value })}
              />
              <TextInput
                type="date"
                label={t('findings.dueOn')}
                required
                value={resp.dueOn}
                onChange={(e) => setResp({ ...resp, dueOn: e.currentTarget.value })}
                w={200}
              />
              <ProblemAlert error={respond.error} />
              <Group justify="flex-end">
                <Button onClick={() => respond.mutate()} loading={respond.isPending}>
                  {t('findings.submitResponse')}
                </Button>
              </Group>
            </Stack>
          </Paper>
        )}

        {x.can.manage && x.state === 'responded' && (
          <Paper withBorder p="md">
            <Title order={2} size="h4" mb="sm">
              {t('findings.verifyTitle')}
            </Title>
            <Textarea
              label={t('findings.note')}
              autosize
              value={note}
              onChange={(e) => setNote(e.currentTarget.value)}
            />
            <Group mt="sm">
              <Button onClick={() => setConfirm('verify')}>{t('findings.verify')}</Button>
              <Button variant="default" onClick={() => setConfirm('return')}>
                {t('findings.return')}
              </Button>
            </Group>
          </Paper>
        )}

        <Title order={2} size="h4">
          {t('findings.history')}
        </Title>
        <Timeline bulletSize={14} lineWidth={2}>
          {x.history.map((h) => (
            <Timeline.Item key={`${h.at}-${h.kind}`} title={t(`findings.events.${h.kind as 'raised'}`)}>
              <Text size="sm" c="dimmed">
                {formatDateTime(h.at, i18n.language)} · {t('findings.inYear', { year: h.fiscalYear })} ·{' '}
                {h.personName ?? '—'}
              </Text>
              {h.note && <Text size="sm">{h.note}</Text>}
            </Timeline.Item>
          ))}
        </Timeline>
      </Stack>
      <ConfirmDialog
        opened={confirm !== null}
        onClose={() => setConfirm(null)}
        title={confirm === 'verify' ? t('findings.verify') : t('findings.return')}
        message={confirm === 'verify' ? t('findings.verifyConfirm') : t('findings.returnConfirm')}
        confirmLabel={confirm === 'verify' ? t('findings.verify') : t('findings.return')}
        color={confirm === 'verify' ? 'blue' : 'orange'}
        onConfirm={() => step(confirm!)}
      />
    </>
  );
}
