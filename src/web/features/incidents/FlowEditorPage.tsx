import { ActionIcon, Alert, Button, Group, Select, Stack, Table, TextInput } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api.js';
import { useCan } from '../../app/permissions.js';
import { ConfirmDialog } from '../../app/ui/ConfirmDialog.js';
import { PageHeader } from '../../app/ui/PageHeader.js';
import { ProblemAlert } from '../../app/ui/ProblemAlert.js';
import { LoadingState } from '../../app/ui/States.js';
import { INC } from './api.js';

interface FlowStep {
  key: string;
  nameJa: string;
  nameEn: string;
  resolver: string;
  roleKey: string | null;
}
const RESOLVERS = ['unit_role', 'system_officer', 'root_role', 'csirt', 'external'] as const;
type Row = FlowStep & { uid: number };
let nextUid = 1;
const withUid = (s: FlowStep): Row => ({ ...s, uid: nextUid++ });

/** The agency's response flow as data (default: the Cabinet Office's 13 steps, 002 L692-778). */
export default function FlowEditorPage() {
  const { t } = useTranslation('incidents');
  const canEdit = useCan('incident.handle');
  const qc = useQueryClient();
  const flow = useQuery({
    queryKey: [INC, 'flow'],
    queryFn: () => api<{ steps: FlowStep[]; isDefault: boolean }>('/incidents/flow'),
  });
  const [steps, setSteps] = useState<Row[]>([]);
  const [confirming, setConfirming] = useState(false);
  useEffect(() => {
    if (flow.data) setSteps(flow.data.steps.map(withUid));
  }, [flow.data]);
  const save = useMutation({
    mutationFn: () =>
      api('/incidents/flow', { method: 'PUT', body: { steps: steps.map(({ uid: _uid, ...s }) => s) } }),
    onSuccess: () => qc.invalidateQueries({ queryKey: [INC, 'flow'] }),
  });
  if (flow.isPending) return <LoadingState />;
  if (flow.error) return <ProblemAlert error={flow.error} />;
  const set = (i: number, patch: Partial<FlowStep>) =>
    setSteps(steps.map((s, j) => (j === i ? { ...s, ...patch } : s)));
  const move = (i: number, d: number) => {
    const next = [...steps];
    [next[i], next[i + d]] = [next[i + d]!, next[i]!];
    setSteps(next);
  };
  return (
    <Stack>
      <PageHeader title={t('flow.title')} description={flow.data.isDefault ? t('flow.default') : undefined} />
      <Alert color="gray">{t('flow.help')}</Alert>
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('flow.key')}</Table.Th>
            <Table.Th>{t('flow.nameJa')}</Table.Th>
            <Table.Th>{t('flow.nameEn')}</Table.Th>
            <Table.Th>{t('flow.resolver')}</Table.Th>
            <Table.Th>{t('flow.role')}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {steps.map((s, i) => (
            <Table.Tr key={s.uid}>
              <Table.Td>
                <TextInput
                  aria-label={t('flow.key')}
                  value={s.key}
                  disabled={!canEdit}
                  onChange={(e) => set(i, { key: e.currentTarget.value })}
                />
              </Table.Td>
              <Table.Td>
                <TextInput
                  aria-label={t('flow.nameJa')}
                  value={s.nameJa}
                  disabled={!canEdit}
                  onChange={(e) => set(i, { nameJa: e.currentTarget.value })}
                />
              </Table.Td>
              <Table.Td>
                <TextInput
                  aria-label={t('flow.nameEn')}
                  value={s.nameEn}
                  disabled={!canEdit}
                  onChange={(e) => set(i, { nameEn: e.currentTarget.value })}
                />
              </Table.Td>
              <Table.Td>
                <Select
                  aria-label={t('flow.resolver')}
                  data={RESOLVERS.map((r) => ({ value: r, label: t(`resolver.${r}`) }))}
                  value={s.resolver}
                  disabled={!canEdit}
                  onChange={(v) => v && set(i, { resolver: v })}
                />
              </Table.Td>
              <Table.Td>
                <TextInput
                  aria-label={t('flow.role')}
                  value={s.roleKey ?? ''}
                  disabled={!canEdit}
                  onChange={(e) => set(i, { roleKey: e.currentTarget.value || null })}
                />
              </Table.Td>
              <Table.Td>
                {canEdit && (
                  <Group gap={4} wrap="nowrap">
                    <ActionIcon
                      variant="subtle"
                      aria-label={t('flow.up')}
                      disabled={i === 0}
                      onClick={() => move(i, -1)}
                    >
                      <IconArrowUp size={16} />
                    </ActionIcon>
                    <ActionIcon
                      variant="subtle"
                      aria-label={t('flow.down')}
                      disabled={i === steps.length - 1}
                      onClick={() => move(i, 1)}
                    >
                      <IconArrowDown size={16} />
                    </ActionIcon>
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      aria-label={t('flow.remove')}
                      onClick={() => setSteps(steps.filter((_, j) => j !== i))}
                    >
                      <IconTrash size={16} />
                    </ActionIcon>
                  </Group>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {canEdit && (
        <Group>
          <Button
            variant="light"
            onClick={() =>
              setSteps([
                ...steps,
                withUid({
                  key: `step_${steps.length + 1}`,
                  nameJa: '',
                  nameEn: '',
                  resolver: 'csirt',
                  roleKey: null,
                }),
              ])
            }
          >
            {t('flow.add')}
          </Button>
          <Button onClick={() => setConfirming(true)}>{t('flow.save')}</Button>
        </Group>
      )}
      <ConfirmDialog
        opened={confirming}
        title={t('flow.save')}
        message={t('flow.confirm')}
        confirmLabel={t('flow.save')}
        color="blue"
        onConfirm={async () => {
          await save.mutateAsync();
          setConfirming(false);
        }}
        onClose={() => setConfirming(false)}
      />
    </Stack>
  );
}
