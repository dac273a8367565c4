import { Alert, Anchor, Button, Group, List, Paper, Stack } from '@mantine/core';
import { IconArrowLeft, IconInfoCircle, IconSend } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api } from '../../../app/api.js';
import { PageHeader } from '../../../app/ui/PageHeader.js';
import { ProblemAlert } from '../../../app/ui/ProblemAlert.js';
import { LoadingState } from '../../../app/ui/States.js';
import { keys, TR, useCourseContent } from '../api.js';
import { type TestAnswers, unanswered } from '../test-model.js';
import type { AttemptOpen, AttemptResult, CourseBrief } from '../types.js';
import { QuestionField } from './QuestionField.js';
import { ResultView } from './ResultView.js';

/** The confirmation test: its rules, the served questions, then the result (and a retake when failed). */
export default function TestPage() {
  const { courseId = '' } = useParams();
  const { t } = useTranslation('training');
  const content = useCourseContent(courseId);
  if (content.isPending) return <LoadingState />;
  if (content.error || !content.data)
    return (
      <>
        <PageHeader title={t('test.title')} />
        <ProblemAlert error={content.error} />
      </>
    );
  return <TestFlow course={content.data.course} />;
}

type Stage =
  | { kind: 'intro' }
  | { kind: 'answering'; attempt: AttemptOpen }
  | { kind: 'result'; attempt: AttemptOpen; result: AttemptResult };

function TestFlow({ course }: { course: CourseBrief }) {
  const { t } = useTranslation('training');
  const queryClient = useQueryClient();
  const [stage, setStage] = useState<Stage>({ kind: 'intro' });
  const [answers, setAnswers] = useState<TestAnswers>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [missing, setMissing] = useState<ReadonlySet<string>>(new Set());
  const top = useRef<HTMLDivElement>(null);

  const start = async () => {
    setBusy(true);
    setError(null);
    try {
      const attempt = await api<AttemptOpen>(`/training/courses/${course.id}/attempts`, {
        method: 'POST',
      });
      setAnswers({});
      setMissing(new Set());
      setStage({ kind: 'answering', attempt });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const submit = async (attempt: AttemptOpen) => {
    const left = unanswered(
      attempt.questions.map((q) => ({ id: q.questionId })),
      answers,
    );
    setMissing(new Set(left));
    if (left.length > 0) {
      document.getElementById(`tr-q-${left[0]}`)?.querySelector<HTMLInputElement>('input')?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const result = await api<AttemptResult>(`/training/attempts/${attempt.id}/submit`, {
        method: 'POST',
        body: {
          answers: attempt.questions.map((q) => ({
            questionId: q.questionId,
            choiceIds: answers[q.questionId] ?? [],
          })),
        },
      });
      setStage({ kind: 'result', attempt, result });
      void queryClient.invalidateQueries({ queryKey: [TR] });
      void queryClient.invalidateQueries({ queryKey: keys.my });
      requestAnimationFrame(() => top.current?.focus());
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Anchor component={Link} to={`/training/my/${course.id}`} size="sm">
        <Group gap={4} component="span">
          <IconArrowLeft size={14} aria-hidden />
          {t('test.backToCourse')}
        </Group>
      </Anchor>
      <PageHeader title={t('test.heading', { title: course.title })} />
      <div ref={top} tabIndex={-1} style={{ outline: 'none' }}>
        <ProblemAlert error={error} />
      </div>
      {stage.kind === 'intro' && (
        <Paper withBorder p="md">
          <Stack>
            <List size="sm" spacing={4} icon={<IconInfoCircle size={16} aria-hidden />}>
              <List.Item>
                {course.perfectScoreRequired
                  ? t('test.rulePerfect')
                  : t('test.rulePassMark', { mark: course.passMark })}
              </List.Item>
              {course.questionsPerAttempt !== null && (
                <List.Item>{t('test.ruleCount', { count: course.questionsPerAttempt })}</List.Item>
              )}
              <List.Item>{t('test.ruleRetake')}</List.Item>
            </List>
            <Group>
              <Button onClick={start} loading={busy}>
                {t('test.start')}
              </Button>
            </Group>
          </Stack>
        </Paper>
      )}
      {stage.kind === 'answering' && (
        <Stack>
          {stage.attempt.questions.map((q, i) => (
            <QuestionField
              key={q.questionId}
              index={i}
              question={q}
              value={answers[q.questionId] ?? []}
              missing={missing.has(q.questionId)}
              onChange={(ids) => {
                setAnswers((a) => ({ ...a, [q.questionId]: ids }));
                if (ids.length > 0 && missing.has(q.questionId)) {
                  setMissing((m) => new Set([...m].filter((x) => x !== q.questionId)));
                }
              }}
            />
          ))}
          {missing.size > 0 && (
            <Alert color="orange" role="alert">
              {t('test.missing', { count: missing.size })}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button
              leftSection={<IconSend size={16} aria-hidden />}
              onClick={() => submit(stage.attempt)}
              loading={busy}
            >
              {t('test.submit')}
            </Button>
          </Group>
        </Stack>
      )}
      {stage.kind === 'result' && (
        <Stack>
          <ResultView result={stage.result} served={stage.attempt.questions} />
          <Group>
            {!stage.result.passed && (
              <Button onClick={start} loading={busy}>
                {t('test.retake')}
              </Button>
            )}
            <Button component={Link} to="/training/my" variant={stage.result.passed ? 'filled' : 'default'}>
              {t('test.backToList')}
            </Button>
            <Button component={Link} to={`/training/my/${course.id}/history`} variant="subtle">
              {t('test.history')}
            </Button>
          </Group>
        </Stack>
      )}
    </>
  );
}
