import { Button, Group, Modal, Paper, Stack, Text } from '@mantine/core';
import {
  IconCalendarEvent,
  IconEye,
  IconPencil,
  IconPlayerPause,
  IconPlayerPlay,
  IconTrash,
  IconX,
} from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api } from '../../../app/api.js';
import { ConfirmDialog } from '../../../app/ui/ConfirmDialog.js';
import { ProblemAlert } from '../../../app/ui/ProblemAlert.js';
import { LoadingState } from '../../../app/ui/States.js';
import { DR } from '../api.js';
import type { Drill, Preview } from '../types.js';

type Action = 'schedule' | 'paused' | 'sending' | 'cancelled' | 'delete';

/** What the office can do with a drill in its state: edit/preview/schedule a draft, pause, resume, cancel. */
export function DrillActions({ drill }: { drill: Drill }) {
  const { t } = useTranslation('drills');
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [asking, setAsking] = useState<Action | null>(null);
  const [previewing, setPreviewing] = useState(false);
  const s = drill.state;
  const run = async (a: Action) => {
    if (a === 'delete') {
      await api(`/drills/${drill.id}`, { method: 'DELETE' });
      await queryClient.invalidateQueries({ queryKey: [DR, 'list'] });
      navigate('/drills');
      return;
    }
    if (a === 'schedule') await api(`/drills/${drill.id}/schedule`, { method: 'POST' });
    else await api(`/drills/${drill.id}/transition`, { method: 'POST', body: { to: a } });
    await queryClient.invalidateQueries({ queryKey: [DR] });
  };
  return (
    <Group gap="xs">
      <Button
        variant="default"
        leftSection={<IconEye size={16} aria-hidden />}
        onClick={() => setPreviewing(true)}
      >
        {t('actions.preview')}
      </Button>
      {s === 'draft' && (
        <>
          <Button
            component={Link}
            to={`/drills/${drill.id}/edit`}
            variant="default"
            leftSection={<IconPencil size={16} aria-hidden />}
          >
            {t('actions.edit')}
          </Button>
          <Button
            leftSection={<IconCalendarEvent size={16} aria-hidden />}
            onClick={() => setAsking('schedule')}
          >
            {t('actions.schedule')}
          </Button>
        </>
      )}
      {(s === 'scheduled' || s === 'sending') && (
        <Button
          variant="light"
          color="yellow"
          leftSection={<IconPlayerPause size={16} aria-hidden />}
          onClick={() => setAsking('paused')}
        >
          {t('actions.pause')}
        </Button>
      )}
      {s === 'paused' && (
        <Button leftSection={<IconPlayerPlay size={16} aria-hidden />} onClick={() => setAsking('sending')}>
          {t('actions.resume')}
        </Button>
      )}
      {s === 'draft' && (
        <Button
          variant="subtle"
          color="red"
          leftSection={<IconTrash size={16} aria-hidden />}
          onClick={() => setAsking('delete')}
        >
          {t('actions.delete')}
        </Button>
      )}
      {['scheduled', 'sending', 'paused'].includes(s) && (
        <Button
          variant="light"
          color="red"
          leftSection={<IconX size={16} aria-hidden />}
          onClick={() => setAsking('cancelled')}
        >
          {t('actions.cancel')}
        </Button>
      )}
      <ConfirmDialog
        opened={asking !== null}
        onClose={() => setAsking(null)}
        title={asking ? t(`actions.confirm.${asking}.title`) : ''}
        message={asking ? t(`actions.confirm.${asking}.body`, { title: drill.title }) : ''}
        confirmLabel={asking ? t(`actions.confirm.${asking}.button`) : ''}
        color={
          asking === 'cancelled' || asking === 'delete' ? 'red' : asking === 'paused' ? 'yellow' : 'blue'
        }
        onConfirm={() => run(asking as Action)}
      />
      {previewing && <PreviewModal drillId={drill.id} onClose={() => setPreviewing(false)} />}
    </Group>
  );
}

function PreviewModal({ drillId, onClose }: { drillId: string; onClose(): void }) {
  const { t } = useTranslation('drills');
  const preview = useQuery({
    queryKey: [DR, 'preview', drillId],
    queryFn: () => api<Preview>(`/drills/${drillId}/preview`),
  });
  const p = preview.data;
  return (
    <Modal opened onClose={onClose} title={t('preview.title')} size="lg">
      {preview.isPending ? (
        <LoadingState />
      ) : !p ? (
        <ProblemAlert error={preview.error} />
      ) : (
        <Stack>
          <Text size="sm" c="dimmed">
            {t('preview.help')}
          </Text>
          {p.benign && (
            <Paper withBorder p="sm">
              <Text size="xs" c="dimmed">
                {t('preview.benign')}
              </Text>
              <Text fw={600}>{p.benign.subject}</Text>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {p.benign.text}
              </Text>
            </Paper>
          )}
          <Paper withBorder p="sm" data-testid="drill-preview">
            <Stack gap={2}>
              <Text size="sm">
                <b>{t('preview.from')}</b> {p.from}
              </Text>
              <Text size="sm">
                <b>{t('preview.to')}</b> {p.to}
              </Text>
              <Text size="sm">
                <b>{t('preview.subject')}</b> {p.subject}
              </Text>
              {p.attachmentName && (
                <Text size="sm">
                  <b>{t('preview.attachment')}</b> {p.attachmentName}
                </Text>
              )}
            </Stack>
            <Text size="sm" mt="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
              {p.text}
            </Text>
          </Paper>
        </Stack>
      )}
    </Modal>
  );
}
