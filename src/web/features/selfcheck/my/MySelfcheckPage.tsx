import { Alert, Badge, Button, Card, Group, Progress, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDate, formatDateTime } from '../../../app/format.js';
import type { QuestionnaireSummary } from '../../../app/types.js';
import { PageHeader } from '../../../app/ui/PageHeader.js';
import { ProblemAlert } from '../../../app/ui/ProblemAlert.js';
import { EmptyMessage, LoadingState } from '../../../app/ui/States.js';
import { useMyPreparing, useMyQuestionnaires } from '../api.js';
import { isPendingForMe, MEMBER_STATE_COLORS, STATE_COLORS } from '../format.js';

/** Everyone's own self-checks: one questionnaire per role held, open ones first. */
export default function MySelfcheckPage() {
  const { t } = useTranslation('selfcheck');
  const my = useMyQuestionnaires();
  const preparing = useMyPreparing();
  const items = my.data ?? [];
  const open = items.filter((q) => q.campaignState === 'open');
  const past = items.filter((q) => q.campaignState !== 'open');
  return (
    <>
      <PageHeader title={t('my.title')} description={t('my.description')} />
      <ProblemAlert error={my.error} />
      {/* A large agency's questionnaires are created in batches after opening: say so, not "nothing to do". */}
      {preparing.data?.map((c) => (
        <Alert key={c.campaignId} color="blue" mb="md" title={t('my.preparing.title', { title: c.title })}>
          {t('my.preparing.body')}
        </Alert>
      ))}
      {my.isPending ? (
        <LoadingState />
      ) : items.length === 0 ? (
        <EmptyMessage title={t('my.empty')} description={t('my.emptyHint')} />
      ) : (
        <Stack gap="xl">
          <section aria-labelledby="sc-my-open">
            <Title order={2} size="h4" mb="sm" id="sc-my-open">
              {t('my.open')}
            </Title>
            {open.length === 0 ? (
              <Text c="dimmed">{t('my.noneOpen')}</Text>
            ) : (
              <SimpleGrid cols={{ base: 1, md: 2 }}>
                {open.map((q) => (
                  <QuestionnaireCard key={q.memberId} q={q} />
                ))}
              </SimpleGrid>
            )}
          </section>
          {past.length > 0 && (
            <section aria-labelledby="sc-my-past">
              <Title order={2} size="h4" mb="sm" id="sc-my-past">
                {t('my.past')}
              </Title>
              <SimpleGrid cols={{ base: 1, md: 2 }}>
                {past.map((q) => (
                  <QuestionnaireCard key={q.memberId} q={q} />
                ))}
              </SimpleGrid>
            </section>
          )}
        </Stack>
      )}
    </>
  );
}

function QuestionnaireCard({ q }: { q: QuestionnaireSummary }) {
  const { t, i18n } = useTranslation('selfcheck');
  const lang = i18n.language;
  const role = lang === 'en' ? q.roleNameEn : q.roleNameJa;
  const pending = isPendingForMe(q);
  const action = pending
    ? q.state === 'not_started'
      ? t('my.start')
      : t('my.continue')
    : q.campaignState === 'open' && q.inScope
      ? t('my.amend')
      : t('my.view');
  const headingId = `sc-q-${q.memberId}`;
  return (
    <Card withBorder padding="md" component="article" aria-labelledby={headingId}>
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <Stack gap={2}>
            <Text fw={700} id={headingId}>
              {q.campaignTitle}
            </Text>
            <Text size="sm" c="dimmed">
              {t('my.roleAt', { role, unit: q.unitName })}
            </Text>
          </Stack>
          <Group gap={4} wrap="nowrap">
            {q.campaignState !== 'open' && (
              <Badge color={STATE_COLORS[q.campaignState]}>{t(`state.${q.campaignState}`)}</Badge>
            )}
            <Badge color={q.inScope ? MEMBER_STATE_COLORS[q.state] : 'gray'}>
              {q.inScope ? t(`memberState.${q.state}`) : t('my.excluded')}
            </Badge>
          </Group>
        </Group>
        <Progress
          value={q.total ? (q.answered / q.total) * 100 : 0}
          aria-label={t('answer.progressLabel')}
          color={q.answered === q.total ? 'green' : 'blue'}
        />
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Text size="sm">{t('answer.progress', { answered: q.answered, total: q.total })}</Text>
          <Text size="sm" c="dimmed">
            {q.submittedAt
              ? t('my.submittedAt', { at: formatDateTime(q.submittedAt, lang) })
              : t('my.deadline', { date: formatDate(q.endsOn, lang) })}
          </Text>
        </Group>
        <Group>
          <Button
            component={Link}
            to={`/selfcheck/my/${q.memberId}`}
            variant={pending ? 'filled' : 'light'}
            aria-label={t('my.actionLabel', { action, title: q.campaignTitle, role })}
          >
            {action}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
