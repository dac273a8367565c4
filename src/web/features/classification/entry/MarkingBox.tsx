import { Button, Code, CopyButton, Group, Paper, Stack, Text } from '@mantine/core';
import { IconCopy } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { EntryDetail } from '../types.js';

function CopyLine({ label, value, testId }: { label: string; value: string; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Stack gap={2}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Group gap="xs" wrap="nowrap" align="flex-start">
        <Code fz="sm" style={{ wordBreak: 'break-all', flex: 1 }} data-testid={testId}>
          {value}
        </Code>
        <CopyButton value={value}>
          {({ copied, copy }) => (
            <Button
              size="compact-sm"
              variant="default"
              onClick={copy}
              leftSection={<IconCopy size={14} aria-hidden />}
              aria-label={`${t('actions.copy')}: ${label}`}
            >
              {copied ? t('actions.copied') : t('actions.copy')}
            </Button>
          )}
        </CopyButton>
      </Group>
    </Stack>
  );
}

/** The marking to write on the document and in mail (000 L611-660: the level only, no other labels). */
export function MarkingBox({ entry }: { entry: EntryDetail }) {
  const { t } = useTranslation('classification');
  const m = entry.markingDetail;
  return (
    <Paper withBorder p="md" radius="md">
      <Stack gap="sm">
        <Text fw={600}>{t('marking.title')}</Text>
        {m ? (
          <>
            <CopyLine label={t('marking.document')} value={m.document} testId="marking-document" />
            <CopyLine label={t('marking.mailSubject')} value={m.mailSubject} />
            <CopyLine label={t('marking.header')} value={`${m.header.name}: ${m.header.value}`} />
          </>
        ) : (
          <Text size="sm" c="dimmed">
            {entry.marking ?? t('marking.none')}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}
