import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../../app/ui/ProblemAlert.js';

/**
 * A decision with a comment (confirm, return, review, archive, approve, reject): the comment may be
 * required (returning and rejecting must say why), the action's error stays in the dialog.
 */
export function CommentModal({
  opened,
  onClose,
  title,
  message,
  commentLabel,
  commentRequired = false,
  confirmLabel,
  color,
  children,
  onConfirm,
}: {
  opened: boolean;
  onClose(): void;
  title: string;
  message?: ReactNode;
  commentLabel: string;
  commentRequired?: boolean;
  confirmLabel: string;
  color?: string;
  children?: ReactNode;
  onConfirm(comment: string): Promise<unknown>;
}) {
  const { t } = useTranslation(['classification', 'common']);
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [tried, setTried] = useState(false);
  const close = () => {
    setComment('');
    setError(null);
    setTried(false);
    onClose();
  };
  const confirm = async () => {
    setTried(true);
    if (commentRequired && !comment.trim()) return;
    setBusy(true);
    setError(null);
    try {
      await onConfirm(comment.trim());
      close();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal opened={opened} onClose={close} title={title} centered size="lg">
      <Stack>
        {message && <Text size="sm">{message}</Text>}
        {children}
        <Textarea
          label={commentLabel}
          value={comment}
          onChange={(e) => setComment(e.currentTarget.value)}
          required={commentRequired}
          autosize
          minRows={3}
          maxRows={10}
          maxLength={2000}
          error={tried && commentRequired && !comment.trim() ? t('decide.commentRequired') : undefined}
          data-autofocus
        />
        <ProblemAlert error={error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            {t('common:actions.cancel')}
          </Button>
          <Button color={color} loading={busy} onClick={confirm}>
            {confirmLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
