import { Anchor, Group, Loader, Text } from '@mantine/core';
import { IconAlertTriangle, IconCheck, IconPencil } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { SaveStatus } from './useAutosave.js';

/** "保存済み" and friends: the state of the draft, announced politely to screen readers. */
export function SaveIndicator({
  status,
  savedAt,
  onRetry,
}: {
  status: SaveStatus;
  savedAt: Date | null;
  onRetry(): void;
}) {
  const { t, i18n } = useTranslation('selfcheck');
  const time = savedAt
    ? new Intl.DateTimeFormat(i18n.language === 'en' ? 'en-GB' : 'ja-JP', {
        timeStyle: 'short',
        timeZone: 'Asia/Tokyo',
      }).format(savedAt)
    : '';
  return (
    <Group gap={6} wrap="nowrap" aria-live="polite" data-testid="save-status" data-status={status} mih={20}>
      {status === 'saving' && (
        <>
          <Loader size={12} aria-hidden />
          <Text size="xs" c="dimmed">
            {t('answer.save.saving')}
          </Text>
        </>
      )}
      {status === 'saved' && (
        <>
          <IconCheck size={14} color="var(--mantine-color-green-8)" aria-hidden />
          <Text size="xs" c="green">
            {t('answer.save.saved', { time })}
          </Text>
        </>
      )}
      {status === 'dirty' && (
        <>
          <IconPencil size={14} aria-hidden />
          <Text size="xs" c="dimmed">
            {t('answer.save.dirty')}
          </Text>
        </>
      )}
      {status === 'error' && (
        <>
          <IconAlertTriangle size={14} color="var(--mantine-color-red-8)" aria-hidden />
          <Text size="xs" c="red.8">
            {t('answer.save.error')}
          </Text>
          <Anchor component="button" type="button" size="xs" onClick={onRetry}>
            {t('answer.save.retry')}
          </Anchor>
        </>
      )}
      {status === 'idle' && (
        <Text size="xs" c="dimmed">
          {t('answer.save.idle')}
        </Text>
      )}
    </Group>
  );
}
