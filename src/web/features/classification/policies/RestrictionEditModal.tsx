import { Button, Group, Modal, MultiSelect, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { HANDLING_ACTIONS } from '../format.js';
import type { HandlingAction, RestrictionDef } from '../types.js';

const KEY = /^[a-z][a-z0-9_]{0,39}$/;

/** Adds or edits a handling restriction of an agency copy (its key is fixed once it exists). */
export function RestrictionEditModal({
  restriction,
  isNew,
  taken,
  onClose,
  onSave,
}: {
  restriction: RestrictionDef | null;
  isNew: boolean;
  taken: string[];
  onClose(): void;
  onSave(def: RestrictionDef): void;
}) {
  const { t } = useTranslation(['classification', 'common']);
  const [d, setD] = useState<RestrictionDef | null>(restriction);
  useEffect(() => setD(restriction), [restriction]);
  if (!d) return null;
  const keyError = isNew
    ? !KEY.test(d.key)
      ? t('policy.keyFormat')
      : taken.includes(d.key)
        ? t('policy.keyTaken')
        : undefined
    : undefined;
  return (
    <Modal
      opened={!!restriction}
      onClose={onClose}
      title={t(isNew ? 'policy.addRestriction' : 'policy.editRestriction')}
      centered
      size="lg"
    >
      <Stack>
        <TextInput
          label={t('policy.key')}
          value={d.key}
          onChange={(e) => setD({ ...d, key: e.currentTarget.value })}
          disabled={!isNew}
          error={d.key ? keyError : undefined}
          required
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label={t('policy.nameJa')}
            value={d.nameJa}
            onChange={(e) => setD({ ...d, nameJa: e.currentTarget.value })}
            required
          />
          <TextInput
            label={t('policy.nameEn')}
            value={d.nameEn}
            onChange={(e) => setD({ ...d, nameEn: e.currentTarget.value })}
            required
          />
        </SimpleGrid>
        <Select
          label={t('policy.param')}
          data={[
            { value: 'none', label: t('policy.paramNone') },
            { value: 'date', label: t('policy.paramDate') },
            { value: 'text', label: t('policy.paramText') },
          ]}
          value={d.param ?? 'none'}
          onChange={(v) => setD({ ...d, param: v === 'date' || v === 'text' ? v : null })}
          allowDeselect={false}
        />
        <MultiSelect
          label={t('policy.forbids')}
          description={t('policy.forbidsHelp')}
          data={HANDLING_ACTIONS.map((a) => ({ value: a, label: t(`action.${a}`) }))}
          value={d.forbids}
          onChange={(v) => setD({ ...d, forbids: v as HandlingAction[] })}
          clearable
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common:actions.cancel')}
          </Button>
          <Button
            disabled={!!keyError || !d.key || !d.nameJa.trim() || !d.nameEn.trim()}
            onClick={() => {
              onSave(d);
              onClose();
            }}
          >
            {t('policy.applyCell')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
