import { Alert, Button, Group, Modal, SegmentedControl, Stack, Text, Textarea } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../app/api.js';
import { ProblemAlert } from '../../../app/ui/ProblemAlert.js';
import { LoadingState } from '../../../app/ui/States.js';
import { keys, TR } from '../api.js';
import type { MyAssignment, Survey } from '../types.js';

/** The post-course survey (003 L401-403), answered once after completing a course. */
export function SurveyForm({ a, onClose }: { a: MyAssignment; onClose(): void }) {
  const { t } = useTranslation(['training', 'common']);
  const queryClient = useQueryClient();
  const survey = useQuery({
    queryKey: [TR, 'survey', a.course.id],
    queryFn: () => api<Survey>(`/training/courses/${a.course.id}/survey`),
  });
  const [values, setValues] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState(false);
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      const answers = (survey.data?.questions ?? [])
        .filter((q) => values[q.id])
        .map((q) => ({ questionId: q.id, value: q.kind === 'scale' ? Number(values[q.id]) : values[q.id]! }));
      await api(`/training/my/assignments/${a.id}/survey`, { method: 'POST', body: { answers } });
      setDone(true);
      void queryClient.invalidateQueries({ queryKey: keys.my });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal opened onClose={onClose} title={t('survey.answerTitle', { title: a.course.title })} size="lg">
      {survey.isPending ? (
        <LoadingState />
      ) : done ? (
        <Stack>
          <Alert color="green" role="status">
            {t('survey.thanks')}
          </Alert>
          <Group justify="flex-end">
            <Button onClick={onClose}>{t('common:actions.close')}</Button>
          </Group>
        </Stack>
      ) : (
        <Stack>
          <ProblemAlert error={survey.error ?? error} />
          {(survey.data?.questions ?? []).map((q, i) =>
            q.kind === 'scale' ? (
              <Stack key={q.id} gap={4}>
                <Text size="sm" fw={600} id={`tr-sq-${q.id}`}>
                  {i + 1}. {q.text}
                </Text>
                <Text size="xs" c="dimmed">
                  {t('survey.scaleHint')}
                </Text>
                <SegmentedControl
                  aria-labelledby={`tr-sq-${q.id}`}
                  data={['1', '2', '3', '4', '5']}
                  value={values[q.id] ?? ''}
                  onChange={(v) => setValues((x) => ({ ...x, [q.id]: v }))}
                />
              </Stack>
            ) : (
              <Textarea
                key={q.id}
                label={`${i + 1}. ${q.text}`}
                value={values[q.id] ?? ''}
                onChange={(e) => {
                  const v = e.currentTarget.value;
                  setValues((x) => ({ ...x, [q.id]: v }));
                }}
                maxLength={2000}
                autosize
                minRows={2}
              />
            ),
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common:actions.cancel')}
            </Button>
            <Button onClick={submit} loading={busy}>
              {t('survey.submit')}
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
