import { Alert, Anchor, Badge, Button, Group, Paper, Progress, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconArrowLeft, IconCircleCheck, IconSend } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../../app/api.js';
import { formatDate, formatDateTime } from '../../../app/format.js';
import type { Questionnaire, QuestionnaireSummary } from '../../../app/types.js';
import { PageHeader } from '../../../app/ui/PageHeader.js';
import { ProblemAlert } from '../../../app/ui/ProblemAlert.js';
import { LoadingState } from '../../../app/ui/States.js';
import { keys, useQuestionnaire } from '../api.js';
import { MEMBER_STATE_COLORS } from '../format.js';
import { Chapter } from './Chapter.js';
import { itemElementId } from './ItemCard.js';
import classes from './questionnaire.module.css';
import { SaveIndicator } from './SaveIndicator.js';
import { type Answers, useAutosave } from './useAutosave.js';

/** Answering one questionnaire (one campaign, one role). */
export default function QuestionnairePage() {
  const { memberId = '' } = useParams();
  const q = useQuestionnaire(memberId);
  const { t } = useTranslation('selfcheck');
  if (q.isPending) return <LoadingState />;
  if (q.error || !q.data)
    return (
      <>
        <PageHeader title={t('answer.title')} />
        <ProblemAlert error={q.error} />
      </>
    );
  return <QuestionnaireForm key={q.data.memberId} data={q.data} />;
}

function initialAnswers(data: Questionnaire): Answers {
  const out: Answers = {};
  for (const ch of data.chapters) for (const it of ch.items) out[it.itemId] = it.answer;
  return out;
}

function QuestionnaireForm({ data }: { data: Questionnaire }) {
  const { t, i18n } = useTranslation('selfcheck');
  const lang = i18n.language;
  const queryClient = useQueryClient();
  const initial = useMemo(() => initialAnswers(data), [data]);
  const [summary, setSummary] = useState<Pick<QuestionnaireSummary, 'state' | 'submittedAt'>>(data);
  // Each save returns the questionnaire's state; the list and the home card then show the new counts.
  const onSaved = useCallback(
    (s: QuestionnaireSummary) => {
      setSummary(s);
      void queryClient.invalidateQueries({ queryKey: keys.my });
    },
    [queryClient],
  );
  const { answers, setAnswer, flush, status, error, savedAt } = useAutosave(data.memberId, initial, onSaved);
  const [justSubmitted, setJustSubmitted] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const [submitError, setSubmitError] = useState<unknown>(null);
  const [missing, setMissing] = useState<ReadonlySet<string>>(new Set());
  const [flash, setFlash] = useState<string | null>(null);
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const confirmation = useRef<HTMLDivElement>(null);

  const items = useMemo(() => data.chapters.flatMap((c) => c.items), [data]);
  const indexOf = useMemo(() => new Map(items.map((it, i) => [it.itemId, i])), [items]);
  const offsets = useMemo(() => {
    let n = 0;
    return data.chapters.map((c) => {
      const at = n;
      n += c.items.length;
      return at;
    });
  }, [data]);
  const answered = items.filter((it) => answers[it.itemId] != null).length;
  const total = items.length;
  const editable = data.editable;
  const submitted = summary.state === 'submitted';

  const onAnswer = useCallback((itemId: string, key: string) => setAnswer(itemId, key), [setAnswer]);
  const onToggle = useCallback((no: string) => {
    setCollapsed((s) => {
      const next = new Set(s);
      if (next.has(no)) next.delete(no);
      else next.add(no);
      return next;
    });
  }, []);

  // After a refused submission: open the chapter, bring the first unanswered item into view and focus it.
  const [target, setTarget] = useState<string | null>(null);
  useEffect(() => {
    if (!target) return;
    const index = indexOf.get(target);
    if (index === undefined) return;
    const el = document.getElementById(itemElementId(index));
    if (!el) return;
    el.scrollIntoView({ block: 'center', behavior: 'auto' });
    el.querySelector<HTMLInputElement>('input[type="radio"]')?.focus({ preventScroll: true });
    setTarget(null);
  }, [target, indexOf]);
  useEffect(() => {
    if (!flash) return;
    const done = setTimeout(() => setFlash(null), 1500);
    return () => clearTimeout(done);
  }, [flash]);

  const showUnanswered = (ids: string[]) => {
    if (ids.length === 0) return;
    setMissing(new Set(ids));
    const first = ids[0]!;
    const chapter = data.chapters.find((c) => c.items.some((i) => i.itemId === first));
    if (chapter)
      setCollapsed((s) => {
        const next = new Set(s);
        next.delete(chapter.chapterNo);
        return next;
      });
    setFlash(first);
    setTarget(first);
  };

  const submit = async () => {
    setSubmitting(true);
    setSubmitError(null);
    try {
      await flush(true);
      setMissing(new Set());
      setJustSubmitted(true);
      requestAnimationFrame(() => confirmation.current?.focus());
    } catch (err) {
      setSubmitError(err);
      if (err instanceof ApiError && err.status === 409) {
        const fromServer = (err.problem as { unanswered?: unknown }).unanswered;
        const ids = Array.isArray(fromServer)
          ? fromServer.filter((x): x is string => typeof x === 'string')
          : items.filter((it) => answers[it.itemId] == null).map((it) => it.itemId);
        showUnanswered(ids);
        // The refused submission saved nothing: keep the answers given so far as a draft.
        void flush().catch(() => undefined);
      }
    } finally {
      setSubmitting(false);
    }
  };

  const roleName = lang === 'en' ? data.roleNameEn : data.roleNameJa;
  const notEditableReason = !data.inScope
    ? t('answer.readOnly.excluded')
    : data.campaignState === 'draft'
      ? t('answer.readOnly.notOpen')
      : t('answer.readOnly.closed');

  return (
    <>
      <PageHeader
        title={data.campaignTitle}
        description={t('answer.subtitle', {
          role: roleName,
          unit: data.unitName,
          year: data.fiscalYear,
          date: formatDate(data.endsOn, lang),
        })}
        actions={
          <Button
            component={Link}
            to="/selfcheck/my"
            variant="subtle"
            leftSection={<IconArrowLeft size={16} aria-hidden />}
          >
            {t('answer.back')}
          </Button>
        }
      />
      <Stack gap="md">
        {justSubmitted && (
          <Alert
            ref={confirmation}
            tabIndex={-1}
            color="green"
            icon={<IconCircleCheck aria-hidden />}
            title={t('answer.submitted.title')}
            role="status"
            data-testid="submit-confirmation"
          >
            <Stack gap="xs">
              <Text size="sm">
                {t('answer.submitted.body', { at: formatDateTime(summary.submittedAt, lang) })}
              </Text>
              <Text size="sm">{t('answer.submitted.amend', { date: formatDate(data.endsOn, lang) })}</Text>
              <Anchor component={Link} to="/selfcheck/my" size="sm">
                {t('answer.submitted.toList')}
              </Anchor>
            </Stack>
          </Alert>
        )}
        {!editable && (
          <Alert color="gray" icon={<IconAlertTriangle aria-hidden />} title={t('answer.readOnly.title')}>
            {notEditableReason}
          </Alert>
        )}
        {data.instructions && (
          <Paper withBorder p="md" component="section" aria-label={t('answer.instructions')}>
            <Text fw={700} size="sm" mb={4}>
              {t('answer.instructions')}
            </Text>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {data.instructions}
            </Text>
          </Paper>
        )}
      </Stack>

      <div className={classes.bar} data-testid="sc-progress-bar">
        <Group justify="space-between" gap="xs" wrap="wrap">
          <Stack gap={4} style={{ flex: '1 1 180px', minWidth: 0 }}>
            <Group gap="xs" wrap="nowrap">
              <Text size="sm" fw={700} data-testid="sc-answered">
                {t('answer.progress', { answered, total })}
              </Text>
              <Badge color={MEMBER_STATE_COLORS[summary.state]} size="sm">
                {t(`memberState.${summary.state}`)}
              </Badge>
            </Group>
            <Progress
              value={total ? (answered / total) * 100 : 0}
              aria-label={t('answer.progressLabel')}
              size="md"
              color={answered === total ? 'green' : 'blue'}
            />
            {editable && (
              <SaveIndicator
                status={status}
                savedAt={savedAt}
                onRetry={() => void flush().catch(() => undefined)}
              />
            )}
          </Stack>
          {editable && !submitted && (
            <Button
              onClick={submit}
              loading={submitting}
              leftSection={<IconSend size={16} aria-hidden />}
              size="md"
            >
              {t('answer.submit')}
            </Button>
          )}
        </Group>
      </div>

      <Stack gap="md">
        {submitError !== null && (
          <ProblemAlert error={submitError} withFields={false} title={t('answer.submitFailed')} />
        )}
        {status === 'error' && submitError === null && (
          <ProblemAlert error={error} title={t('answer.saveFailed')} />
        )}
        {data.chapters.map((ch, i) => (
          <Chapter
            key={ch.chapterNo}
            chapter={ch}
            offset={offsets[i] ?? 0}
            options={data.options}
            answers={answers}
            editable={editable}
            open={!collapsed.has(ch.chapterNo)}
            missing={missing}
            flash={flash}
            onToggle={onToggle}
            onAnswer={onAnswer}
          />
        ))}
      </Stack>
    </>
  );
}
