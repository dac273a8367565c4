import {
  Anchor,
  Badge,
  Button,
  Checkbox,
  Group,
  Paper,
  Stack,
  Table,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api } from '../../app/api.js';
import { formatDateTime } from '../../app/format.js';
import { ConfirmDialog } from '../../app/ui/ConfirmDialog.js';
import { PageHeader } from '../../app/ui/PageHeader.js';
import { ProblemAlert } from '../../app/ui/ProblemAlert.js';
import { LoadingState } from '../../app/ui/States.js';
import { type Plan, type PlanText, SA, useEngagements, usePlan } from './api.js';
import { NewEngagement } from './NewEngagement.js';

const FIELDS = ['policy', 'targets', 'methods', 'criteria'] as const;

/** A year's plan: 方針・対象・方法・判断基準, the CISO's approval, the calendar and the engagements. */
export default function PlanPage() {
  const { t, i18n } = useTranslation('secaudit');
  const { id } = useParams();
  const plan = usePlan(id);
  const engagements = useEngagements(plan.data?.fiscalYear);
  const qc = useQueryClient();
  const [text, setText] = useState<PlanText>({ policy: '', targets: '', methods: '', criteria: '' });
  const [confirm, setConfirm] = useState(false);
  useEffect(() => {
    if (plan.data)
      setText({
        policy: plan.data.policy,
        targets: plan.data.targets,
        methods: plan.data.methods,
        criteria: plan.data.criteria,
      });
  }, [plan.data]);
  const refresh = () => qc.invalidateQueries({ queryKey: [SA] });
  const save = useMutation({
    mutationFn: () => api<Plan>(`/secaudit/plans/${id}`, { method: 'PUT', body: text }),
    onSuccess: refresh,
  });
  const approve = () => api<Plan>(`/secaudit/plans/${id}/approve`, { method: 'POST' }).then(refresh);
  const done = useMutation({
    mutationFn: (m: { id: string; done: boolean }) =>
      api<Plan>(`/secaudit/plans/${id}/milestones/${m.id}`, { method: 'PATCH', body: { done: m.done } }),
    onSuccess: refresh,
  });
  if (plan.isPending) return <LoadingState />;
  if (!plan.data) return <ProblemAlert error={plan.error} />;
  const p = plan.data;
  return (
    <>
      <PageHeader
        title={t('plan.yearTitle', { year: p.fiscalYear })}
        description={
          p.state === 'approved'
            ? t('plan.approvedBy', {
                name: p.approvedByName ?? '',
                at: formatDateTime(p.approvedAt, i18n.language),
                version: p.version,
              })
            : t('plan.draftVersion', { version: p.version })
        }
        actions={
          <Group>
            <Badge size="lg" color={p.state === 'approved' ? 'green' : 'gray'}>
              {t(`plan.states.${p.state}`)}
            </Badge>
            {p.can.approve && <Button onClick={() => setConfirm(true)}>{t('plan.approve')}</Button>}
          </Group>
        }
      />
      <Stack>
        <Paper withBorder p="md">
          <Stack>
            {FIELDS.map((f) => (
              <Textarea
                key={f}
                label={t(`plan.${f}`)}
                autosize
                minRows={2}
                readOnly={!p.can.edit}
                value={text[f]}
                onChange={(e) => setText({ ...text, [f]: e.currentTarget.value })}
              />
            ))}
            {p.can.edit && (
              <Group justify="space-between">
                <Text size="sm" c="dimmed">
                  {p.state === 'approved' ? t('plan.reapprovalNote') : ''}
                </Text>
                <Button onClick={() => save.mutate()} loading={save.isPending}>
                  {t('save')}
                </Button>
              </Group>
            )}
            <ProblemAlert error={save.error} />
          </Stack>
        </Paper>

        <Title order={2} size="h4">
          {t('calendar.title')}
        </Title>
        <ProblemAlert error={done.error} />
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('calendar.step')}</Table.Th>
              <Table.Th>{t('calendar.role')}</Table.Th>
              <Table.Th>{t('calendar.responsible')}</Table.Th>
              <Table.Th>{t('calendar.period')}</Table.Th>
              <Table.Th>{t('calendar.done')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {p.milestones.map((m) => (
              <Table.Tr key={m.id}>
                <Table.Td>{m.step}</Table.Td>
                <Table.Td>{m.roleLabel}</Table.Td>
                <Table.Td>{m.responsibleName ?? '—'}</Table.Td>
                <Table.Td>
                  {m.startOn ? `${m.startOn} – ` : ''}
                  {m.dueOn}
                </Table.Td>
                <Table.Td>
                  <Checkbox
                    aria-label={t('calendar.done')}
                    checked={m.doneAt !== null}
                    disabled={!p.can.edit}
                    onChange={(e) => done.mutate({ id: m.id, done: e.currentTarget.checked })}
                  />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>

        <Title order={2} size="h4">
          {t('engagement.title')}
        </Title>
        <ProblemAlert error={engagements.error} />
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('engagement.name')}</Table.Th>
              <Table.Th>{t('engagement.kind')}</Table.Th>
              <Table.Th>{t('engagement.unit')}</Table.Th>
              <Table.Th>{t('engagement.auditor')}</Table.Th>
              <Table.Th>{t('engagement.findings')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {engagements.data?.map((e) => (
              <Table.Tr key={e.id}>
                <Table.Td>
                  <Anchor component={Link} to={`/secaudit/engagements/${e.id}`}>
                    {e.title}
                  </Anchor>
                </Table.Td>
                <Table.Td>{t(`engagement.kinds.${e.kind}`)}</Table.Td>
                <Table.Td>{e.unitName}</Table.Td>
                <Table.Td>
                  {e.auditorName}（{t(`engagement.auditorKinds.${e.auditorKind}`)}）
                </Table.Td>
                <Table.Td>{e.findings}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {p.can.edit && <NewEngagement planId={p.id} />}

        {p.versions.length > 0 && (
          <>
            <Title order={2} size="h4">
              {t('plan.versions')}
            </Title>
            {p.versions.map((v) => (
              <Text key={v.version} size="sm">
                {t('plan.versionLine', {
                  version: v.version,
                  name: v.approvedByName ?? '',
                  at: formatDateTime(v.approvedAt, i18n.language),
                })}
              </Text>
            ))}
          </>
        )}
      </Stack>
      <ConfirmDialog
        opened={confirm}
        onClose={() => setConfirm(false)}
        title={t('plan.approve')}
        message={t('plan.approveConfirm', { year: p.fiscalYear })}
        confirmLabel={t('plan.approve')}
        color="blue"
        onConfirm={approve}
      />
    </>
  );
}
