import { Alert, Badge, Button, Group, Modal, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconCircleCheck, IconEdit, IconX } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../app/api.js';
import { formatDateTime } from '../../../app/format.js';
import { useCan } from '../../../app/permissions.js';
import type { Campaign } from '../../../app/types.js';
import { ConfirmDialog } from '../../../app/ui/ConfirmDialog.js';
import { fieldError, ProblemAlert } from '../../../app/ui/ProblemAlert.js';
import { keys, SC } from '../api.js';
import { emptyPlan, PlanFields, type PlanValues } from './PlanFields.js';

const PARTS = ['policy', 'scope', 'content', 'timing', 'evaluation'] as const;

/**
 * The self-check plan (003 L531-535) and its approval by the CISO (002 L265-267): who approved it and
 * when; administrators write it, holders of selfcheck.approve approve or withdraw while it is a draft.
 */
export function PlanCard({ campaign: c }: { campaign: Campaign }) {
  const { t, i18n } = useTranslation(['selfcheck', 'common']);
  const canManage = useCan('selfcheck.manage');
  const canApprove = useCan('selfcheck.approve');
  const queryClient = useQueryClient();
  const narrow = useMediaQuery('(max-width: 48em)');
  const [editing, setEditing] = useState(false);
  const [confirm, setConfirm] = useState<'approve' | 'withdraw' | null>(null);
  const draft = c.state === 'draft';
  const refresh = async (after: Campaign) => {
    queryClient.setQueryData(keys.campaign(c.id), after);
    await queryClient.invalidateQueries({ queryKey: [SC, 'campaigns'] });
  };
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="sc-plan-approval">
      <Group justify="space-between" wrap="wrap" gap="sm" mb="xs">
        <Group gap="xs">
          <Title order={2} size="h5" id="sc-plan-approval">
            {t('planApproval.title')}
          </Title>
          <Badge color={c.approval ? 'green' : 'gray'} data-testid="plan-approval">
            {c.approval ? t('planApproval.approved') : t('planApproval.notApproved')}
          </Badge>
        </Group>
        {draft && (
          <Group gap="xs">
            {canManage && (
              <Button
                variant="light"
                leftSection={<IconEdit size={16} aria-hidden />}
                onClick={() => setEditing(true)}
              >
                {c.plan ? t('planApproval.editPlan') : t('planApproval.write')}
              </Button>
            )}
            {canApprove && c.plan && !c.approval && (
              <Button
                color="green"
                leftSection={<IconCircleCheck size={16} aria-hidden />}
                onClick={() => setConfirm('approve')}
              >
                {t('planApproval.approve')}
              </Button>
            )}
            {canApprove && c.approval && (
              <Button
                variant="default"
                color="red"
                leftSection={<IconX size={16} aria-hidden />}
                onClick={() => setConfirm('withdraw')}
              >
                {t('planApproval.withdraw')}
              </Button>
            )}
          </Group>
        )}
      </Group>
      <Text size="sm" c="dimmed" mb="sm">
        {t('planApproval.help')}
      </Text>
      {c.approval ? (
        <Text size="sm" mb="sm" data-testid="plan-approved-by">
          {t('planApproval.approvedBy', {
            name: c.approval.approvedBy,
            at: formatDateTime(c.approval.approvedAt, i18n.language),
          })}
        </Text>
      ) : draft ? (
        <Alert color="yellow" mb="sm">
          {t('planApproval.openNeedsApproval')}
        </Alert>
      ) : (
        <Text size="sm" c="dimmed" mb="sm">
          {t('planApproval.legacy')}
        </Text>
      )}
      {c.plan ? (
        <Table variant="vertical" layout="fixed" withTableBorder={false}>
          <Table.Tbody>
            {PARTS.map((k) => (
              <Table.Tr key={k}>
                <Table.Th w={{ base: 120, sm: 220 }}>{t(`planApproval.fields.${k}`)}</Table.Th>
                <Table.Td style={{ whiteSpace: 'pre-wrap' }}>{c.plan![k]}</Table.Td>
              </Table.Tr>
            ))}
            <Table.Tr>
              <Table.Th>{t('planApproval.fields.metricDefinition')}</Table.Th>
              <Table.Td>{t(`planApproval.definitions.${c.plan.metricDefinition}`)}</Table.Td>
            </Table.Tr>
          </Table.Tbody>
        </Table>
      ) : (
        <Text size="sm">{t('planApproval.none')}</Text>
      )}

      <Modal
        opened={editing}
        onClose={() => setEditing(false)}
        title={t('planApproval.editTitle')}
        size="lg"
        fullScreen={narrow}
      >
        <PlanEditor
          campaign={c}
          onCancel={() => setEditing(false)}
          onSaved={async (after) => {
            await refresh(after);
            setEditing(false);
          }}
        />
      </Modal>
      <ConfirmDialog
        opened={confirm === 'approve'}
        onClose={() => setConfirm(null)}
        title={t('planApproval.approveTitle')}
        message={t('planApproval.approveBody')}
        confirmLabel={t('planApproval.approve')}
        color="green"
        onConfirm={async () => {
          await refresh(await api<Campaign>(`/selfcheck/campaigns/${c.id}/approval`, { method: 'POST' }));
          setConfirm(null);
        }}
      />
      <ConfirmDialog
        opened={confirm === 'withdraw'}
        onClose={() => setConfirm(null)}
        title={t('planApproval.withdrawTitle')}
        message={t('planApproval.withdrawBody')}
        confirmLabel={t('planApproval.withdraw')}
        onConfirm={async () => {
          await refresh(await api<Campaign>(`/selfcheck/campaigns/${c.id}/approval`, { method: 'DELETE' }));
          setConfirm(null);
        }}
      />
    </Paper>
  );
}

function PlanEditor({
  campaign: c,
  onCancel,
  onSaved,
}: {
  campaign: Campaign;
  onCancel(): void;
  onSaved(after: Campaign): Promise<void>;
}) {
  const { t } = useTranslation(['selfcheck', 'common']);
  const [plan, setPlan] = useState<PlanValues>(() => c.plan ?? emptyPlan());
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const save = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await onSaved(await api<Campaign>(`/selfcheck/campaigns/${c.id}/plan`, { method: 'PUT', body: plan }));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={save} noValidate>
      <Stack>
        <ProblemAlert error={error} withFields={false} />
        {c.approval && <Alert color="yellow">{t('planApproval.editWarning')}</Alert>}
        <PlanFields value={plan} onChange={setPlan} errorOf={(f) => fieldError(error, f)} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('common:actions.cancel')}
          </Button>
          <Button type="submit" loading={busy}>
            {t('planApproval.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
