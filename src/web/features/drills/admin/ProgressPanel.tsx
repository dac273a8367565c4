import { Group, Paper, Progress, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../app/format.js';
import { ProblemAlert } from '../../../app/ui/ProblemAlert.js';
import { LIVE, useProgress } from '../api.js';
import type { Drill } from '../types.js';

const ORDER = ['sent', 'sending', 'queued', 'failed', 'bounced', 'unknown'] as const;
const COLORS = {
  sent: 'green',
  sending: 'teal',
  queued: 'gray',
  failed: 'red',
  bounced: 'orange',
  unknown: 'yellow',
} as const;

/** Sending progress, refreshed every few seconds while mail is going out. */
export function ProgressPanel({ drill }: { drill: Drill }) {
  const { t, i18n } = useTranslation('drills');
  const progress = useProgress(drill.id, LIVE.includes(drill.state));
  const p = progress.data;
  if (!p) return <ProblemAlert error={progress.error} />;
  const total = Math.max(1, p.total);
  const done = (p.byState.sent ?? 0) + (p.byState.failed ?? 0) + (p.byState.bounced ?? 0);
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="dr-progress">
      <Group justify="space-between" mb="xs" wrap="wrap">
        <Title order={2} size="h5" id="dr-progress">
          {t('progress.title')}
        </Title>
        <Text size="sm" aria-live="polite" data-testid="drill-progress">
          {t('progress.summary', { done: done.toLocaleString(), total: p.total.toLocaleString() })}
        </Text>
      </Group>
      <Progress.Root size="lg" aria-label={t('progress.title')}>
        {ORDER.map((s) => {
          const n = p.byState[s] ?? 0;
          return n > 0 ? <Progress.Section key={s} value={(n / total) * 100} color={COLORS[s]} /> : null;
        })}
      </Progress.Root>
      <SimpleGrid cols={{ base: 2, sm: 3, md: 6 }} mt="sm">
        {ORDER.map((s) => (
          <Stack key={s} gap={0}>
            <Text size="xs" c="dimmed">
              {t(`send.${s}`)}
            </Text>
            <Text fw={600}>{(p.byState[s] ?? 0).toLocaleString()}</Text>
          </Stack>
        ))}
      </SimpleGrid>
      {p.benignByState && (
        <Text size="sm" mt="sm">
          {t('progress.benign', {
            sent: (p.benignByState.sent ?? 0).toLocaleString(),
            replied: p.repliedToFirstMail.toLocaleString(),
          })}
        </Text>
      )}
      <Text size="xs" c="dimmed" mt="xs">
        {t('progress.times', {
          first: formatDateTime(p.firstSentAt, i18n.language),
          last: formatDateTime(p.lastSentAt, i18n.language),
        })}
      </Text>
    </Paper>
  );
}
