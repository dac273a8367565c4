import { Alert, Button, Center, Group, Paper, Radio, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconShieldLock } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { LanguageSwitch } from '../../../app/shell/LanguageSwitch.js';
import { ProblemAlert } from '../../../app/ui/ProblemAlert.js';
import { LoadingState } from '../../../app/ui/States.js';
import { Markdown } from '../../training/ui/Markdown.js';
import { fetchLanding, sendSurvey } from './landing-api.js';

/**
 * What a drill recipient sees after opening the lure (001 L11391-11440): at once that this was a drill and
 * what to look for, then a short survey. Public; an unknown token gets the same page (the server answers
 * the same way), so the page tells nobody whether a token is real.
 */
export default function LandingPage() {
  const { token = '' } = useParams();
  const { t } = useTranslation(['drills', 'common']);
  const landing = useQuery({
    queryKey: ['drill-landing', token],
    queryFn: () => fetchLanding(token),
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
  });
  const [answers, setAnswers] = useState<Record<string, string>>({});
  const [sent, setSent] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    document.title = t('landing.pageTitle');
  }, [t]);
  const survey = landing.data?.survey ?? [];
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      await sendSurvey(token, answers);
      setSent(true);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Center
      bg="gray.0"
      mih="100vh"
      p={{ base: 'xs', sm: 'md' }}
      component="main"
      style={{ alignItems: 'flex-start' }}
    >
      <Stack w="100%" maw={720} py="md">
        <Group justify="space-between">
          <Group gap={6}>
            <IconShieldLock aria-hidden size={28} color="var(--mantine-primary-color-filled)" />
            <Text fw={700} size="xl">
              {t('common:appName')}
            </Text>
          </Group>
          <LanguageSwitch />
        </Group>
        <Alert
          color="orange"
          variant="filled"
          icon={<IconAlertTriangle aria-hidden />}
          title={
            <Title order={1} size="h2">
              {t('landing.headline')}
            </Title>
          }
          data-testid="drill-landing-headline"
        >
          <Text>{t('landing.lead')}</Text>
        </Alert>
        <Paper
          withBorder
          p={{ base: 'sm', sm: 'lg' }}
          radius="md"
          component="section"
          aria-labelledby="dl-look"
        >
          <Title order={2} size="h3" id="dl-look" mb="sm">
            {t('landing.lookFor')}
          </Title>
          {landing.isPending ? (
            <LoadingState />
          ) : landing.data?.trainingContent ? (
            <Markdown>{landing.data.trainingContent}</Markdown>
          ) : (
            <Stack gap={4}>
              {(['sender', 'subject', 'link', 'attachment', 'report'] as const).map((k) => (
                <Text key={k}>・{t(`landing.tips.${k}`)}</Text>
              ))}
            </Stack>
          )}
        </Paper>
        {survey.length > 0 && (
          <Paper
            withBorder
            p={{ base: 'sm', sm: 'lg' }}
            radius="md"
            component="section"
            aria-labelledby="dl-survey"
          >
            <Title order={2} size="h3" id="dl-survey" mb={4}>
              {t('landing.survey')}
            </Title>
            {sent ? (
              <Alert
                color="green"
                icon={<IconCircleCheck aria-hidden />}
                role="status"
                data-testid="drill-survey-thanks"
              >
                {t('landing.thanks')}
              </Alert>
            ) : (
              <Stack>
                <Text size="sm" c="dimmed">
                  {t('landing.surveyHint')}
                </Text>
                {survey.map((q) => (
                  <Radio.Group
                    key={q.id}
                    label={q.text}
                    value={answers[q.id] ?? null}
                    onChange={(v) => setAnswers((a) => ({ ...a, [q.id]: v }))}
                  >
                    <Stack gap="xs" mt="xs">
                      {q.options.map((o) => (
                        <Radio key={o} value={o} label={o} />
                      ))}
                    </Stack>
                  </Radio.Group>
                ))}
                <ProblemAlert error={error} />
                <Group>
                  <Button onClick={submit} loading={busy} disabled={Object.keys(answers).length === 0}>
                    {t('landing.send')}
                  </Button>
                </Group>
              </Stack>
            )}
          </Paper>
        )}
        <Text size="xs" c="dimmed" ta="center">
          {t('landing.footer')}
        </Text>
      </Stack>
    </Center>
  );
}
