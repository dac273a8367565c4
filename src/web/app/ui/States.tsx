import { Center, EmptyState, Loader, Stack, Text } from '@mantine/core';
import { IconInbox } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

export function LoadingState({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <Center py="xl" role="status" aria-live="polite">
      <Stack align="center" gap="xs">
        <Loader size="sm" aria-hidden />
        <Text size="sm" c="dimmed">
          {label ?? t('state.loading')}
        </Text>
      </Stack>
    </Center>
  );
}

export function EmptyMessage({ title, description }: { title?: string; description?: string }) {
  const { t } = useTranslation();
  return (
    <EmptyState
      py="lg"
      size="sm"
      icon={<IconInbox aria-hidden />}
      title={title ?? t('state.empty')}
      description={description}
    />
  );
}
