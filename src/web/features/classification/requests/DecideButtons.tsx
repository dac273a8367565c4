import { Button, Group } from '@mantine/core';
import { IconCheck, IconX } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { moveRequest, useRefresh } from '../api.js';
import type { HandlingRequest } from '../types.js';
import { CommentModal } from '../ui/CommentModal.js';

/** Approve (comment optional) or reject (comment required, asked in a dialog) a request waiting for the user. */
export function DecideButtons({ request, compact = false }: { request: HandlingRequest; compact?: boolean }) {
  const { t } = useTranslation('classification');
  const refresh = useRefresh();
  const [open, setOpen] = useState<'approve' | 'reject' | null>(null);
  if (!request.can.decide) return null;
  const size = compact ? 'compact-sm' : 'sm';
  const what = t('decide.what', {
    action: t(`action.${request.action}`),
    title: request.entry?.title ?? t('requests.noEntry'),
    requester: request.requester.name,
  });
  const run = async (move: 'approve' | 'reject', comment: string) => {
    await moveRequest(request.id, move, comment || undefined);
    await refresh();
  };
  return (
    <>
      <Group gap="xs" wrap="nowrap">
        <Button
          size={size}
          leftSection={<IconCheck size={14} aria-hidden />}
          onClick={() => setOpen('approve')}
        >
          {t('actions.approve')}
        </Button>
        <Button
          size={size}
          variant="light"
          color="red"
          leftSection={<IconX size={14} aria-hidden />}
          onClick={() => setOpen('reject')}
        >
          {t('actions.reject')}
        </Button>
      </Group>
      <CommentModal
        opened={open === 'approve'}
        onClose={() => setOpen(null)}
        title={t('decide.approveTitle')}
        message={what}
        commentLabel={t('decide.commentOptional')}
        confirmLabel={t('actions.approve')}
        onConfirm={(c) => run('approve', c)}
      />
      <CommentModal
        opened={open === 'reject'}
        onClose={() => setOpen(null)}
        title={t('decide.rejectTitle')}
        message={what}
        commentLabel={t('decide.rejectComment')}
        commentRequired
        confirmLabel={t('actions.reject')}
        color="red"
        onConfirm={(c) => run('reject', c)}
      />
    </>
  );
}
