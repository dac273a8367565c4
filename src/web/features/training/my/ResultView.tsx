import { Alert, Badge, Group, List, Paper, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconCircleX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { verdictOf } from '../test-model.js';
import type { AttemptResult, ServedQuestion } from '../types.js';

const VERDICT_COLOR = { completed: 'green', failed: 'red', notPerfect: 'orange' } as const;

/**
 * A submitted test: score, whether the course is now complete, and every question marked right or wrong
 * with its explanation. `served` (the questions as served, when at hand) names the chosen answers.
 */
export function ResultView({
  result,
  served,
}: {
  result: AttemptResult;
  served?: readonly ServedQuestion[];
}) {
  const { t } = useTranslation('training');
  const verdict = verdictOf({
    passed: result.passed,
    score: result.correctCount,
    total: result.total,
    perfectScoreRequired: result.perfectScoreRequired,
  });
  // Choice ids are unique within a question only.
  const choiceText = new Map(
    served?.map((q) => [q.questionId, new Map(q.choices.map((c) => [c.id, c.text]))]) ?? [],
  );
  const questionNo = new Map(served?.map((q, i) => [q.questionId, i + 1]) ?? []);
  return (
    <Stack data-testid="tr-result" data-verdict={verdict}>
      <Alert
        color={VERDICT_COLOR[verdict]}
        variant="light"
        role="status"
        icon={verdict === 'completed' ? <IconCircleCheck aria-hidden /> : <IconAlertTriangle aria-hidden />}
        title={t(`result.verdict.${verdict}`)}
      >
        <Stack gap={4}>
          <Text fw={700} size="lg" data-testid="tr-score">
            {t('result.score', { correct: result.correctCount, total: result.total, score: result.score })}
          </Text>
          <Text size="sm">
            {verdict === 'completed'
              ? t('result.completedNote')
              : verdict === 'notPerfect'
                ? t('result.notPerfectNote', { correct: result.correctCount, total: result.total })
                : t('result.failedNote', { mark: result.passMark })}
          </Text>
        </Stack>
      </Alert>
      <Title order={2} size="h4">
        {t('result.review')}
      </Title>
      {result.results.map((q, i) => {
        const n = questionNo.get(q.questionId) ?? i + 1;
        const texts = choiceText.get(q.questionId);
        const chosen = q.chosen.map((id) => texts?.get(id)).filter((x): x is string => x !== undefined);
        return (
          <Paper
            key={q.questionId}
            withBorder
            p="md"
            component="section"
            aria-label={t('test.questionNo', { n })}
            data-testid="tr-result-question"
            data-right={q.right}
          >
            <Stack gap="xs">
              <Group justify="space-between" align="flex-start" wrap="nowrap">
                <Text fw={600}>
                  {t('test.questionNo', { n })} {q.text}
                </Text>
                <Badge
                  color={q.right ? 'green' : 'red'}
                  style={{ flexShrink: 0 }}
                  leftSection={
                    q.right ? (
                      <IconCircleCheck size={12} aria-hidden />
                    ) : (
                      <IconCircleX size={12} aria-hidden />
                    )
                  }
                >
                  {q.right ? t('result.right') : t('result.wrong')}
                </Badge>
              </Group>
              {chosen.length > 0 && (
                <Stack gap={2}>
                  <Text size="sm" c="dimmed">
                    {t('result.yourChoice')}
                  </Text>
                  <List size="sm" withPadding>
                    {chosen.map((c) => (
                      <List.Item key={c}>{c}</List.Item>
                    ))}
                  </List>
                </Stack>
              )}
              {q.explanation && (
                <Text size="sm">
                  <Text span fw={600}>
                    {t('result.explanation')}:
                  </Text>{' '}
                  {q.explanation}
                </Text>
              )}
            </Stack>
          </Paper>
        );
      })}
    </Stack>
  );
}
