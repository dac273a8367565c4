import { Code, Modal, SimpleGrid, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../app/format.js';
import type { AuditEvent } from '../../app/types.js';
import { useAuditLabels } from './labels.js';

function Item({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" component="div" style={{ wordBreak: 'break-all' }}>
        {children}
      </Text>
    </Stack>
  );
}

const json = (v: unknown) => (v === null || v === undefined ? '—' : JSON.stringify(v, null, 2));

/** One event in full: what changed (before/after) and the chain link (sequence, hash). */
export function EventDetail({ event, onClose }: { event: AuditEvent | null; onClose(): void }) {
  const { t, i18n } = useTranslation('audit');
  const labels = useAuditLabels();
  return (
    <Modal opened={!!event} onClose={onClose} title={t('detail.title')} size="xl">
      {event && (
        <Stack>
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
            <Item label={t('table.at')}>{formatDateTime(event.at, i18n.language)}</Item>
            <Item label={t('table.actor')}>{event.actor}</Item>
            <Item label={t('table.action')}>
              {labels.action(event.action)} <Code>{event.action}</Code>
            </Item>
            <Item label={t('table.target')}>
              {labels.targetType(event.targetType)} <Code>{event.targetId ?? '—'}</Code>
            </Item>
            <Item label={t('detail.seq')}>{event.seq}</Item>
            <Item label={t('detail.ip')}>{event.ip ?? '—'}</Item>
            <Item label={t('detail.requestId')}>{event.requestId ?? '—'}</Item>
            <Item label={t('detail.hash')}>
              <Code>{event.hash}</Code>
            </Item>
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <Item label={t('detail.before')}>
              <Code block>{json(event.before)}</Code>
            </Item>
            <Item label={t('detail.after')}>
              <Code block>{json(event.after)}</Code>
            </Item>
          </SimpleGrid>
        </Stack>
      )}
    </Modal>
  );
}
