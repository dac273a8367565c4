import { Alert, Button, Container, Paper, Stack, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { api } from '../../app/api.js';
import { ProblemAlert } from '../../app/ui/ProblemAlert.js';

/** A contact drill's link acknowledges the test alert (a button, so mail scanners do not acknowledge). */
export default function AckPage() {
  const { t } = useTranslation('incidents');
  const { token = '' } = useParams();
  const ack = useMutation({
    mutationFn: () =>
      api<{ acknowledgedAt: string }>(`/incident-ack/${encodeURIComponent(token)}`, { method: 'POST' }),
  });
  return (
    <Container size="sm" py="xl">
      <Paper withBorder p="lg">
        <Stack>
          <Title order={1} size="h2">
            {t('ack.title')}
          </Title>
          {ack.isSuccess ? (
            <Alert color="green">{t('ack.done')}</Alert>
          ) : (
            <Button onClick={() => ack.mutate()} loading={ack.isPending}>
              {t('ack.button')}
            </Button>
          )}
          <ProblemAlert error={ack.error} />
        </Stack>
      </Paper>
    </Container>
  );
}
