import { Anchor, Badge, Button, Group, Paper, SimpleGrid, Stack, Text, Textarea, Title } from '@mantine/core';
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
import { EX, type SecurityException, STATUS_COLORS, useException } from './api.js';

type Decision = 'approve' | 'reject' | 'return';

/** One exception: what was asked, its status, and the actions the caller may take. */
export default function ExceptionPage() {
  const { t, i18n } = useTranslation('exceptions');
  const { id } = useParams();
  const x = useException(id);
  const qc = useQueryClient();
  const [note, setNote] = useState('');
  const [confirm, setConfirm] = useState<Decision | 'withdraw' | null>(null);
  const refresh = () => qc.invalidateQueries({ queryKey: [EX] });
  const act = useMutation({
    mutationFn: (what: Decision | 'withdraw') =>
      what === 'withdraw'
        ? api<SecurityException>(`/exceptions/${id}/withdraw`, { method: 'POST' })
        : api<SecurityException>(`/exceptions/${id}/decision`, {
            method: 'POST',
            body: { decision: what, ...(note ? { note } : {}) },
          }),
    onSuccess: refresh,
  });
  if (x.isPending) return <LoadingState />;
  if (!x.data) return <ProblemAlert error={x.error} />;
  const e = x.data;
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
        title={e.clause}
        actions={
          <Badge size="lg" color={STATUS_COLORS[e.status]}>
            {t(`status.${e.status}`)}
          </Badge>
        }
      />
      <Stack>
        <Paper withBorder p="md">
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            {row(t('field.unit'), e.unitName)}
            {row(t('field.requester'), e.requesterName)}
            {row(t('field.catalogItemId'), e.catalogItemId)}
            {row(t('field.period'), `${e.fromOn} – ${e.toOn}`)}
            {row(t('field.reason'), e.reason)}
            {row(t('field.measures'), e.measures)}
            {row(t('field.scopePeople'), e.scopePeople)}
            {row(t('field.scopeSystems'), e.scopeSystems)}
            {row(t('field.scopeInformation'), e.scopeInformation)}
            {e.decidedByName &&
              row(
                t('field.decision'),
                `${e.decidedByName}（${formatDateTime(e.decidedAt, i18n.language)}）${e.decisionNote ? `\n${e.decisionNote}` : ''}`,
              )}
          </SimpleGrid>
          {e.renewsId && (
            <Anchor component={Link} to={`/exceptions/${e.renewsId}`} size="sm">
              {t('renewsLink')}
            </Anchor>
          )}
          {e.renewedById && (
            <Anchor component={Link} to={`/exceptions/${e.renewedById}`} size="sm" ml="md">
              {t('renewedByLink')}
            </Anchor>
          )}
        </Paper>
        {e.can.decide && (
          <Paper withBorder p="md">
            <Title order={2} size="h4" mb="sm">
              {t('decide')}
            </Title>
            <Textarea
              label={t('field.note')}
              value={note}
              onChange={(ev) => setNote(ev.currentTarget.value)}
            />
            <Group mt="sm">
              <Button onClick={() => setConfirm('approve')}>{t('decision.approve')}</Button>
              <Button variant="default" onClick={() => setConfirm('return')}>
                {t('decision.return')}
              </Button>
              <Button color="red" variant="light" onClick={() => setConfirm('reject')}>
                {t('decision.reject')}
              </Button>
            </Group>
          </Paper>
        )}
        <Group>
          {e.can.revise && (
            <Button component={Link} to={`/exceptions/${e.id}/edit`} variant="default">
              {t('edit')}
            </Button>
          )}
          {e.can.withdraw && (
            <Button color="red" variant="light" onClick={() => setConfirm('withdraw')}>
              {t('withdraw')}
            </Button>
          )}
          {e.can.renew && (
            <Button component={Link} to={`/exceptions/new?renews=${e.id}`}>
              {t('renew')}
            </Button>
          )}
        </Group>
      </Stack>
      <ConfirmDialog
        opened={confirm !== null}
        onClose={() => setConfirm(null)}
        title={confirm ? t(`confirm.${confirm}`) : ''}
        message={e.clause}
        confirmLabel={confirm === 'withdraw' ? t('withdraw') : confirm ? t(`decision.${confirm}`) : ''}
        color={confirm === 'approve' ? 'blue' : 'red'}
        onConfirm={() => act.mutateAsync(confirm!)}
      />
    </>
  );
}
