import { Paper, Progress, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../../app/api.js';
import { ProblemAlert } from '../../../app/ui/ProblemAlert.js';
import { TR } from '../api.js';
import type { SurveyResults } from '../types.js';

/** Comments carry no identity of their own: keyed by question and position. */
const comments = (questionId: string, texts: string[]) =>
  texts.map((text, n) => ({ key: `${questionId}:${n}`, text }));

/** Aggregate answers to the post-course survey for a fiscal year (only counts for a small group). */
export function SurveyResultsPanel({ courseId, fiscalYear }: { courseId: string; fiscalYear: number }) {
  const { t, i18n } = useTranslation('training');
  const results = useQuery({
    queryKey: [TR, 'survey-results', courseId, fiscalYear],
    queryFn: () =>
      api<SurveyResults>(`/training/courses/${courseId}/survey/results`, { query: { fiscalYear } }),
  });
  const r = results.data;
  if (results.error) return <ProblemAlert error={results.error} />;
  if (!r || r.questions.length === 0) return null;
  const mean = (x: number) => x.toLocaleString(i18n.language, { maximumFractionDigits: 1 });
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="tr-survey" data-testid="tr-survey-results">
      <Title order={2} size="h5" id="tr-survey" mb={2}>
        {t('survey.results')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('survey.responses', { count: r.responses })}
      </Text>
      {r.small && (
        <Text size="sm" mb="sm">
          {t('survey.small', { min: r.minGroupSize })}
        </Text>
      )}
      <Stack gap="md">
        {r.questions.map((q, i) => (
          <Stack key={q.id} gap={4}>
            <Text fw={600} size="sm">
              {i + 1}. {q.text}
            </Text>
            <Text size="xs" c="dimmed">
              {t('survey.answered', { count: q.answered })}
              {q.mean !== null && ` · ${t('survey.mean', { mean: mean(q.mean) })}`}
            </Text>
            {q.distribution &&
              [1, 2, 3, 4, 5].map((v) => {
                const n = q.distribution?.[v - 1] ?? 0;
                return (
                  <Text key={v} size="xs" component="div">
                    {v}:{' '}
                    <Progress
                      value={q.answered ? (n / q.answered) * 100 : 0}
                      w={160}
                      display="inline-block"
                      aria-label={`${v}: ${n}`}
                    />{' '}
                    {n}
                  </Text>
                );
              })}
            {q.texts &&
              (q.texts.length === 0 ? (
                <Text size="xs" c="dimmed">
                  {t('survey.noTexts')}
                </Text>
              ) : (
                comments(q.id, q.texts).map((c) => (
                  <Text
                    key={c.key}
                    size="sm"
                    pl="sm"
                    style={{ borderLeft: '2px solid var(--mantine-color-gray-4)' }}
                  >
                    {c.text}
                  </Text>
                ))
              ))}
          </Stack>
        ))}
      </Stack>
    </Paper>
  );
}
