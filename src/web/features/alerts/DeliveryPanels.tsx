import { Button, Checkbox, Group, Paper, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api.js';
import { formatDateTime } from '../../app/format.js';
import { ConfirmDialog } from '../../app/ui/ConfirmDialog.js';
import { fieldError, ProblemAlert } from '../../app/ui/ProblemAlert.js';
import { type Delivery, useDeliveryAction } from './api.js';

/** ポータルに掲載: staff see the alert as a notice until the chosen day (003 L1291-1297). */
export function ReleasePanel({ d }: { d: Delivery }) {
  const { t, i18n } = useTranslation('alerts');
  const [until, setUntil] = useState(d.releasedUntil ?? '');
  const [confirm, setConfirm] = useState<'release' | 'takeDown' | null>(null);
  const release = useDeliveryAction((on: boolean) =>
    api<Delivery>(`/alerts/${d.id}/release`, {
      method: 'POST',
      body: { release: on, until: on ? until || null : null },
    }),
  );
  if (!d.can.release && !d.releasedAt) return null;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="alert-release">
      <Title order={2} size="h4" mb="xs" id="alert-release">
        {t('release.title')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {d.releasedAt
          ? t('release.current', {
              at: formatDateTime(d.releasedAt, i18n.language),
              until: d.releasedUntil ?? t('release.untilWithdrawn'),
            })
          : t('release.help')}
      </Text>
      {d.can.release && (
        <Group align="flex-end">
          <TextInput
            type="date"
            label={t('release.until')}
            description={t('release.untilHelp')}
            value={until}
            onChange={(e) => setUntil(e.currentTarget.value)}
            error={fieldError(release.error, 'until')}
          />
          <Button onClick={() => setConfirm('release')}>
            {d.releasedAt ? t('release.update') : t('release.submit')}
          </Button>
          {d.releasedAt && (
            <Button color="red" variant="light" onClick={() => setConfirm('takeDown')}>
              {t('release.takeDown')}
            </Button>
          )}
        </Group>
      )}
      <ConfirmDialog
        opened={confirm !== null}
        onClose={() => setConfirm(null)}
        title={confirm ? t(`release.confirm.${confirm}`) : ''}
        message={
          confirm === 'release'
            ? t('release.confirmMessage', { until: until || t('release.untilWithdrawn') })
            : ''
        }
        confirmLabel={confirm === 'takeDown' ? t('release.takeDown') : t('release.submit')}
        color={confirm === 'takeDown' ? 'red' : 'blue'}
        onConfirm={() => release.mutateAsync(confirm === 'release')}
      />
    </Paper>
  );
}

/** 対応報告: the action taken, back to the central body (001 L14111-15107); closing ends the handling. */
export function ReportPanel({ d }: { d: Delivery }) {
  const { t, i18n } = useTranslation('alerts');
  const [text, setText] = useState(d.actionReport ?? '');
  const [close, setClose] = useState(true);
  const [confirm, setConfirm] = useState(false);
  const report = useDeliveryAction(() =>
    api<Delivery>(`/alerts/${d.id}/report`, { method: 'POST', body: { text, close } }),
  );
  if (!d.can.report && !d.reportedAt) return null;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="alert-report">
      <Title order={2} size="h4" mb="xs" id="alert-report">
        {t('report.title')}
      </Title>
      {d.reportedAt && (
        <Stack gap={4} mb="sm">
          <Text size="xs" c="dimmed">
            {t('report.sent', { at: formatDateTime(d.reportedAt, i18n.language) })}
            {d.closedAt && ` ・ ${t('state.closed')}`}
          </Text>
          {!d.can.report && (
            <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
              {d.actionReport}
            </Text>
          )}
        </Stack>
      )}
      {d.can.report && (
        <Stack>
          <Textarea
            label={t('report.text')}
            description={t('report.help')}
            autosize
            minRows={4}
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            error={fieldError(report.error, 'text')}
          />
          <Checkbox
            label={t('report.close')}
            checked={close}
            onChange={(e) => setClose(e.currentTarget.checked)}
          />
          <ProblemAlert error={report.error} withFields={false} />
          <Group justify="flex-end">
            <Button disabled={!text.trim()} onClick={() => setConfirm(true)}>
              {t('report.submit')}
            </Button>
          </Group>
        </Stack>
      )}
      <ConfirmDialog
        opened={confirm}
        onClose={() => setConfirm(false)}
        title={t('report.confirmTitle')}
        message={close ? t('report.confirmClose') : t('report.confirmOpen')}
        confirmLabel={t('report.submit')}
        color="blue"
        onConfirm={() => report.mutateAsync(undefined)}
      />
    </Paper>
  );
}
