import { Anchor, Badge, Button, Group, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { formatDateTime } from '../../../app/format.js';
import { ConfirmDialog } from '../../../app/ui/ConfirmDialog.js';
import { PageHeader } from '../../../app/ui/PageHeader.js';
import { ProblemAlert } from '../../../app/ui/ProblemAlert.js';
import { EmptyMessage, LoadingState } from '../../../app/ui/States.js';
import { moveRequest, useRefresh, useRequest } from '../api.js';
import { RequestStatusBadge } from '../ui/badges.js';
import { useRoleName } from '../ui/useRoleName.js';
import { DecideButtons } from './DecideButtons.js';

const DECISION_COLORS = { approved: 'green', rejected: 'red', notified: 'teal' } as const;

/** One handling request: what, by whom, under which rule, each approval step, and its decision. */
export default function RequestPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation('classification');
  const lang = i18n.language;
  const request = useRequest(id);
  const refresh = useRefresh();
  const [withdrawing, setWithdrawing] = useState(false);
  const roleName = useRoleName();
  const r = request.data;
  if (request.isPending) return <LoadingState />;
  if (!r)
    return (
      <>
        <ProblemAlert error={request.error} />
        <EmptyMessage title={t('requests.notFound')} />
      </>
    );
  return (
    <>
      <PageHeader
        title={t('requests.detailTitle', { action: t(`action.${r.action}`) })}
        description={r.entry?.title}
        actions={
          <Group gap="xs">
            <DecideButtons request={r} />
            {r.can.withdraw && (
              <Button variant="default" color="red" onClick={() => setWithdrawing(true)}>
                {t('actions.withdraw')}
              </Button>
            )}
          </Group>
        }
      />
      <Stack>
        <Group gap="xs">
          <RequestStatusBadge status={r.status} />
          <Text size="sm" c="dimmed">
            {t('requests.validUntil', { date: formatDateTime(r.validUntil, lang) })}
          </Text>
        </Group>
        <Paper withBorder p="md" radius="md">
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            <Stack gap={2}>
              <Text size="xs" c="dimmed">
                {t('requests.col.entry')}
              </Text>
              {r.entry ? (
                <Anchor component={Link} to={`/classification/register/${r.entry.id}`} size="sm">
                  {r.entry.title}
                </Anchor>
              ) : (
                <Text size="sm">{t('requests.noEntry')}</Text>
              )}
              <Text size="xs" c="dimmed">
                {r.entry?.marking ?? t('requests.level', { level: r.confidentiality })}
              </Text>
            </Stack>
            <Stack gap={2}>
              <Text size="xs" c="dimmed">
                {t('requests.col.requester')}
              </Text>
              <Text size="sm">
                {t('requests.requesterAt', {
                  name: r.requester.name,
                  unit: r.unitName,
                  at: formatDateTime(r.createdAt, lang),
                })}
              </Text>
            </Stack>
            <Stack gap={2}>
              <Text size="xs" c="dimmed">
                {t('requestForm.details')}
              </Text>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {r.details}
              </Text>
            </Stack>
            <Stack gap={2}>
              <Text size="xs" c="dimmed">
                {t('requestForm.destination')}
              </Text>
              <Text size="sm">{r.destination || '—'}</Text>
            </Stack>
            <Stack gap={2}>
              <Text size="xs" c="dimmed">
                {t('requests.rule')}
              </Text>
              <Text size="sm">{r.rule}</Text>
            </Stack>
          </SimpleGrid>
        </Paper>
        <Title order={2} size="h4">
          {t('requests.steps')}
        </Title>
        <Table.ScrollContainer minWidth={600}>
          <Table verticalSpacing="sm" aria-label={t('requests.steps')} data-testid="request-steps">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('requests.step.kind')}</Table.Th>
                <Table.Th>{t('requests.step.role')}</Table.Th>
                <Table.Th>{t('requests.step.decision')}</Table.Th>
                <Table.Th>{t('requests.step.comment')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {r.steps.map((s) => (
                <Table.Tr key={s.id}>
                  <Table.Td>{t(`stepKind.${s.kind}`)}</Table.Td>
                  <Table.Td>
                    <Text size="sm">{roleName(s.roleKey, s.roleName)}</Text>
                    <Text size="xs" c="dimmed">
                      {s.unitName}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    {s.decision ? (
                      <Stack gap={0}>
                        <Badge color={DECISION_COLORS[s.decision]} variant="light">
                          {t(`decision.${s.decision}`)}
                        </Badge>
                        <Text size="xs" c="dimmed">
                          {s.decidedBy?.name} · {formatDateTime(s.decidedAt, lang)}
                        </Text>
                      </Stack>
                    ) : (
                      <Text size="sm" c="dimmed">
                        {t('decision.waiting')}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                      {s.comment ?? ''}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        <Group>
          <Button component={Link} to="/classification/requests" variant="subtle">
            {t('requests.back')}
          </Button>
        </Group>
      </Stack>
      <ConfirmDialog
        opened={withdrawing}
        onClose={() => setWithdrawing(false)}
        title={t('decide.withdrawTitle')}
        message={t('decide.withdrawBody')}
        confirmLabel={t('actions.withdraw')}
        onConfirm={async () => {
          await moveRequest(r.id, 'withdraw');
          await refresh();
        }}
      />
    </>
  );
}
