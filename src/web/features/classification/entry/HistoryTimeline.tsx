import { Text, Timeline } from '@mantine/core';
import {
  IconArchive,
  IconArrowBackUp,
  IconCheck,
  IconEdit,
  IconEye,
  IconHash,
  IconSend,
} from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../app/format.js';
import type { EntryEvent } from '../types.js';

/** Entry fields the history names in the UI language; anything else shows as the server wrote it. */
const FIELDS = [
  'title',
  'description',
  'ownerPersonId',
  'form',
  'storageLocation',
  'confidentiality',
  'integrity',
  'availability',
  'restrictions',
  'retentionUntil',
  'retentionNote',
  'accessScope',
] as const;
type Field = (typeof FIELDS)[number];
const isField = (f: string): f is Field => (FIELDS as readonly string[]).includes(f);

const ICONS = {
  proposed: IconSend,
  updated: IconEdit,
  returned: IconArrowBackUp,
  confirmed: IconCheck,
  reviewed: IconEye,
  archived: IconArchive,
  serial_issued: IconHash,
} as const;

/** Every step of the entry, oldest first: proposals, corrections, confirmation, reviews, archiving. */
export function HistoryTimeline({ events }: { events: EntryEvent[] }) {
  const { t, i18n } = useTranslation('classification');
  return (
    <Timeline bulletSize={24} lineWidth={2} active={events.length - 1} data-testid="entry-history">
      {events.map((e) => {
        const Icon = ICONS[e.kind];
        const fields = Object.keys(e.changes);
        return (
          <Timeline.Item
            key={`${e.at}-${e.kind}`}
            bullet={<Icon size={14} aria-hidden />}
            title={t(`history.${e.kind}`)}
            color={e.kind === 'returned' ? 'orange' : e.kind === 'archived' ? 'gray' : undefined}
          >
            <Text size="xs" c="dimmed">
              {formatDateTime(e.at, i18n.language)}
              {e.person ? ` · ${e.person.name}` : ''}
            </Text>
            {e.comment && (
              <Text size="sm" mt={4} style={{ whiteSpace: 'pre-wrap' }}>
                {e.comment}
              </Text>
            )}
            {e.kind === 'updated' && fields.length > 0 && (
              <Text size="xs" c="dimmed" mt={2}>
                {t('history.fields', {
                  fields: fields.map((f) => (isField(f) ? t(`field.${f}`) : f)).join(t('history.separator')),
                })}
              </Text>
            )}
          </Timeline.Item>
        );
      })}
    </Timeline>
  );
}
