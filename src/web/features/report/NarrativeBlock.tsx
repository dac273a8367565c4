import { Button, Group, Paper, Stack, Text, Textarea } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api.js';
import { formatDateTime } from '../../app/format.js';
import { ProblemAlert } from '../../app/ui/ProblemAlert.js';
import { type Narrative, RP, reportPath, useNarrativeHistory } from './api.js';

/** One narrative block: its text (saving makes a new version) and every earlier version. */
export function NarrativeBlock(props: { fy: number; n: Narrative; editable: boolean }) {
  const { t, i18n } = useTranslation('report');
  const { fy, n } = props;
  const qc = useQueryClient();
  const [text, setText] = useState(n.text);
  const [showHistory, setShowHistory] = useState(false);
  const history = useNarrativeHistory(fy, n.key, showHistory);
  const save = useMutation({
    mutationFn: () => api(reportPath(fy, `/narratives/${n.key}`), { method: 'PUT', body: { body: text } }),
    onSuccess: () => qc.invalidateQueries({ queryKey: [RP, fy] }),
  });
  const title = i18n.language === 'en' ? n.titleEn : n.titleJa;
  return (
    <Paper withBorder p="sm">
      <Stack gap="xs">
        <Group justify="space-between">
          <Text fw={600}>{title}</Text>
          <Text size="xs" c="dimmed">
            {n.version
              ? t('versionBy', {
                  version: n.version,
                  author: n.authorName ?? '—',
                  at: formatDateTime(n.createdAt, i18n.language),
                })
              : t('notWritten')}
          </Text>
        </Group>
        <Textarea
          aria-label={title}
          autosize
          minRows={3}
          value={text}
          readOnly={!props.editable}
          onChange={(e) => {
            const v = e.currentTarget.value;
            setText(() => v);
          }}
        />
        {save.error && <ProblemAlert error={save.error} />}
        <Group>
          {props.editable && (
            <Button
              size="xs"
              onClick={() => save.mutate()}
              loading={save.isPending}
              disabled={text === n.text}
            >
              {t('saveVersion')}
            </Button>
          )}
          <Button size="xs" variant="subtle" onClick={() => setShowHistory((s) => !s)}>
            {t('history')}
          </Button>
        </Group>
        {showHistory &&
          history.data?.map((h) => (
            <Paper key={h.version} withBorder p="xs" bg="gray.0">
              <Text size="xs" c="dimmed">
                {t('versionBy', {
                  version: h.version,
                  author: h.authorName ?? '—',
                  at: formatDateTime(h.createdAt, i18n.language),
                })}
              </Text>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {h.text}
              </Text>
            </Paper>
          ))}
      </Stack>
    </Paper>
  );
}
