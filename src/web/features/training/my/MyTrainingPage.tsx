import { Badge, Button, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDate } from '../../../app/format.js';
import { PageHeader } from '../../../app/ui/PageHeader.js';
import { ProblemAlert } from '../../../app/ui/ProblemAlert.js';
import { EmptyMessage, LoadingState } from '../../../app/ui/States.js';
import { useMyTraining } from '../api.js';
import { byUrgency, STATUS_COLORS } from '../format.js';
import type { MyAssignment } from '../types.js';
import { SurveyForm } from './SurveyForm.js';

/** Everyone's assigned courses: what is due first, then what is done. */
export default function MyTrainingPage() {
  const { t } = useTranslation('training');
  const my = useMyTraining();
  const pending = [...(my.data?.open ?? [])].sort(byUrgency);
  const done = my.data?.completed ?? [];
  const empty = pending.length === 0 && done.length === 0;
  return (
    <>
      <PageHeader title={t('my.title')} description={t('my.description')} />
      <ProblemAlert error={my.error} />
      {my.isPending ? (
        <LoadingState />
      ) : empty ? (
        <EmptyMessage title={t('my.empty')} description={t('my.emptyHint')} />
      ) : (
        <Stack gap="xl">
          <section aria-labelledby="tr-my-pending">
            <Title order={2} size="h4" mb="sm" id="tr-my-pending">
              {t('my.pending')}
            </Title>
            {pending.length === 0 ? (
              <Text c="dimmed">{t('my.nonePending')}</Text>
            ) : (
              <SimpleGrid cols={{ base: 1, md: 2 }}>
                {pending.map((a) => (
                  <AssignmentCard key={a.id} a={a} />
                ))}
              </SimpleGrid>
            )}
          </section>
          {done.length > 0 && (
            <section aria-labelledby="tr-my-done">
              <Title order={2} size="h4" mb="sm" id="tr-my-done">
                {t('my.done')}
              </Title>
              <SimpleGrid cols={{ base: 1, md: 2 }}>
                {done.map((a) => (
                  <AssignmentCard key={a.id} a={a} />
                ))}
              </SimpleGrid>
            </section>
          )}
        </Stack>
      )}
    </>
  );
}

function AssignmentCard({ a }: { a: MyAssignment }) {
  const { t, i18n } = useTranslation('training');
  const lang = i18n.language;
  const pending = a.status !== 'completed';
  const action = a.status === 'not_started' ? t('my.start') : pending ? t('my.continue') : t('my.review');
  const headingId = `tr-a-${a.id}`;
  const [answering, setAnswering] = useState(false);
  return (
    <Card withBorder padding="md" component="article" aria-labelledby={headingId} data-testid="tr-assignment">
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <Text fw={700} id={headingId}>
            {a.course.title}
          </Text>
          <Group gap={4} wrap="nowrap" style={{ flexShrink: 0 }}>
            <Badge variant="outline" color="gray">
              {t('my.fiscalYear', { year: a.fiscalYear })}
            </Badge>
            <Badge color={STATUS_COLORS[a.status]} data-testid="tr-status">
              {t(`status.${a.status}`)}
            </Badge>
          </Group>
        </Group>
        {a.course.description && (
          <Text size="sm" c="dimmed" lineClamp={2}>
            {a.course.description}
          </Text>
        )}
        <Text size="sm">
          {a.completedAt
            ? t(
                a.completedVia === 'classroom'
                  ? 'my.completedClassroom'
                  : a.completedVia === 'offline'
                    ? 'my.completedOffline'
                    : 'my.completedAt',
                {
                  date: formatDate(a.completedAt, lang),
                },
              )
            : a.dueOn
              ? t('my.due', { date: formatDate(a.dueOn, lang) })
              : t('my.noDue')}
        </Text>
        {a.course.perfectScoreRequired && pending && (
          <Text size="xs" c="dimmed">
            {t('my.perfectRule')}
          </Text>
        )}
        <Group gap="xs">
          <Button
            component={Link}
            to={`/training/my/${a.course.id}`}
            variant={pending ? 'filled' : 'light'}
            aria-label={t('my.actionLabel', { action, title: a.course.title })}
          >
            {action}
          </Button>
          {a.attempts > 0 && (
            <Button component={Link} to={`/training/my/${a.course.id}/history`} variant="subtle">
              {t('my.history', { count: a.attempts })}
            </Button>
          )}
          {a.surveyPending && (
            <Button variant="outline" onClick={() => setAnswering(true)} data-testid="tr-survey-open">
              {t('survey.answer')}
            </Button>
          )}
        </Group>
        {answering && <SurveyForm a={a} onClose={() => setAnswering(false)} />}
      </Stack>
    </Card>
  );
}
