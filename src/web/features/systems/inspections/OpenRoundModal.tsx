import { Button, Group, Modal, Select, Stack, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { todayInJapan } from '../../../../lib/dates.js';
import { ProblemAlert } from '../../../app/ui/ProblemAlert.js';
import { UnitMultiSelect } from '../../training/ui/pickers.js';
import { openRound, useInspectionMutation, useItemSets } from './api.js';
import { HOST_ROLES, type HostRole } from './types.js';

const DEFAULTS: Partial<Record<HostRole, string>> = { web: 'shipped:web', mail: 'shipped:mail' };

/** Opens a round: name, reference date, units, and one item set per role inspected. */
export function OpenRoundModal({ onClose }: { onClose(): void }) {
  const { t } = useTranslation('inspections');
  const navigate = useNavigate();
  const sets = useItemSets();
  const [name, setName] = useState('');
  const [referenceDate, setReferenceDate] = useState(todayInJapan());
  const [dueOn, setDueOn] = useState('');
  const [unitIds, setUnitIds] = useState<string[]>([]);
  const [chosen, setChosen] = useState<Partial<Record<HostRole, string>>>(DEFAULTS);
  const open = useInspectionMutation(openRound);
  const submit = async () => {
    const round = await open.mutateAsync({
      name: name.trim(),
      referenceDate,
      dueOn: dueOn || null,
      unitIds,
      itemSets: Object.entries(chosen)
        .filter(([, ref]) => ref)
        .map(([role, ref]) => ({ role, ref: ref! })),
    });
    onClose();
    navigate(`/inspections/${round.id}`);
  };
  return (
    <Modal opened onClose={onClose} title={t('open.title')} size="lg">
      <Stack>
        <TextInput
          label={t('open.name')}
          required
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
        />
        <Group grow>
          <TextInput
            type="date"
            label={t('open.referenceDate')}
            required
            value={referenceDate}
            onChange={(e) => setReferenceDate(e.currentTarget.value)}
          />
          <TextInput
            type="date"
            label={t('open.dueOn')}
            value={dueOn}
            onChange={(e) => setDueOn(e.currentTarget.value)}
          />
        </Group>
        <UnitMultiSelect
          label={t('open.units')}
          description={t('open.unitsHelp')}
          value={unitIds}
          onChange={setUnitIds}
        />
        <Stack gap="xs">
          {HOST_ROLES.map((role) => {
            const options = (sets.data ?? []).filter((s) => s.role === role);
            if (options.length === 0) return null;
            return (
              <Select
                key={role}
                label={t(`role.${role}`)}
                placeholder={t('open.none')}
                clearable
                value={chosen[role] ?? null}
                onChange={(v) => setChosen((c) => ({ ...c, [role]: v ?? undefined }))}
                data={options.map((s) => ({ value: s.ref, label: s.name }))}
              />
            );
          })}
        </Stack>
        <ProblemAlert error={open.error} />
        <Group justify="flex-end">
          <Button
            onClick={submit}
            loading={open.isPending}
            disabled={!name.trim() || unitIds.length === 0 || !Object.values(chosen).some(Boolean)}
          >
            {t('open.submit')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
