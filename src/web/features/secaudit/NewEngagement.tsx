import { Button, Group, Paper, Select, Stack, Textarea, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api.js';
import { ProblemAlert } from '../../app/ui/ProblemAlert.js';
import { useUnits } from '../../app/units.js';
import { ENGAGEMENT_KINDS, type Engagement, SA } from './api.js';

/** Opens an engagement under the plan: kind, audited unit, the auditor and their independence. */
export function NewEngagement({ planId }: { planId: string }) {
  const { t } = useTranslation('secaudit');
  const units = useUnits();
  const qc = useQueryClient();
  const empty = {
    kind: 'procedures_vs_policy' as Engagement['kind'],
    title: '',
    unitId: '',
    auditorKind: 'internal' as Engagement['auditorKind'],
    auditorName: '',
    independence: '',
    campaignId: '',
    systemId: '',
  };
  const [f, setF] = useState(empty);
  const create = useMutation({
    mutationFn: () =>
      api<Engagement>('/secaudit/engagements', {
        method: 'POST',
        body: {
          planId,
          kind: f.kind,
          title: f.title,
          unitId: f.unitId,
          auditorKind: f.auditorKind,
          auditorName: f.auditorName,
          independence: f.independence,
          campaignId: f.kind === 'selfcheck' && f.campaignId ? f.campaignId : null,
          systemId: f.kind === 'system' && f.systemId ? f.systemId : null,
        },
      }),
    onSuccess: async () => {
      setF(empty);
      await qc.invalidateQueries({ queryKey: [SA] });
    },
  });
  return (
    <Paper withBorder p="md">
      <Title order={3} size="h5" mb="sm">
        {t('engagement.new')}
      </Title>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate();
        }}
      >
        <Stack>
          <Group grow>
            <Select
              label={t('engagement.kind')}
              data={ENGAGEMENT_KINDS.map((k) => ({ value: k, label: t(`engagement.kinds.${k}`) }))}
              value={f.kind}
              allowDeselect={false}
              onChange={(v) => setF({ ...f, kind: (v ?? f.kind) as Engagement['kind'] })}
            />
            <Select
              label={t('engagement.unit')}
              searchable
              required
              data={(units.data ?? []).map((u) => ({ value: u.id, label: u.nameJa }))}
              value={f.unitId || null}
              onChange={(v) => setF({ ...f, unitId: v ?? '' })}
            />
          </Group>
          <TextInput
            label={t('engagement.name')}
            required
            value={f.title}
            onChange={(e) => setF({ ...f, title: e.currentTarget.value })}
          />
          <Group grow>
            <Select
              label={t('engagement.auditorKind')}
              data={(['internal', 'external'] as const).map((k) => ({
                value: k,
                label: t(`engagement.auditorKinds.${k}`),
              }))}
              value={f.auditorKind}
              allowDeselect={false}
              onChange={(v) => setF({ ...f, auditorKind: (v ?? f.auditorKind) as Engagement['auditorKind'] })}
            />
            <TextInput
              label={t('engagement.auditor')}
              required
              value={f.auditorName}
              onChange={(e) => setF({ ...f, auditorName: e.currentTarget.value })}
            />
          </Group>
          <Textarea
            label={t('engagement.independence')}
            required
            autosize
            value={f.independence}
            onChange={(e) => setF({ ...f, independence: e.currentTarget.value })}
          />
          {f.kind === 'selfcheck' && (
            <TextInput
              label={t('engagement.campaignId')}
              value={f.campaignId}
              onChange={(e) => setF({ ...f, campaignId: e.currentTarget.value })}
            />
          )}
          {f.kind === 'system' && (
            <TextInput
              label={t('engagement.systemId')}
              required
              value={f.systemId}
              onChange={(e) => setF({ ...f, systemId: e.currentTarget.value })}
            />
          )}
          <ProblemAlert error={create.error} />
          <Group justify="flex-end">
            <Button type="submit" loading={create.isPending}>
              {t('engagement.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
