import {
  Button,
  Group,
  Modal,
  NumberInput,
  SimpleGrid,
  Stack,
  Switch,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConfidentialityLevel, Level } from '../types.js';

type AnyLevel = Level | ConfidentialityLevel;
const isConfidentiality = (l: AnyLevel): l is ConfidentialityLevel => 'requiresAccessScope' in l;

/** Edits one level of an agency copy: names, criteria, marking and (for confidentiality) what it requires. */
export function LevelEditModal<T extends AnyLevel>({
  level,
  onClose,
  onSave,
}: {
  level: T | null;
  onClose(): void;
  onSave(level: T): void;
}) {
  const { t } = useTranslation(['classification', 'common']);
  const [d, setD] = useState<T | null>(level);
  useEffect(() => setD(level), [level]);
  if (!d) return null;
  const set = (patch: Partial<ConfidentialityLevel>) => setD({ ...d, ...patch } as T);
  return (
    <Modal
      opened={!!level}
      onClose={onClose}
      title={t('policy.editLevel', { name: d.nameJa })}
      centered
      size="lg"
    >
      <Stack>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label={t('policy.nameJa')}
            value={d.nameJa}
            onChange={(e) => set({ nameJa: e.currentTarget.value })}
            required
          />
          <TextInput
            label={t('policy.nameEn')}
            value={d.nameEn}
            onChange={(e) => set({ nameEn: e.currentTarget.value })}
            required
          />
        </SimpleGrid>
        <Textarea
          label={t('policy.criteriaJa')}
          value={d.criteriaJa}
          onChange={(e) => set({ criteriaJa: e.currentTarget.value })}
          autosize
          minRows={2}
          required
        />
        <Textarea
          label={t('policy.criteriaEn')}
          value={d.criteriaEn}
          onChange={(e) => set({ criteriaEn: e.currentTarget.value })}
          autosize
          minRows={2}
          required
        />
        <TextInput
          label={t('policy.marking')}
          value={d.marking ?? ''}
          onChange={(e) => set({ marking: e.currentTarget.value })}
          required={isConfidentiality(d)}
        />
        {isConfidentiality(d) && (
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Switch
              label={t('policy.flag.requiresConfirmation')}
              checked={d.requiresConfirmation}
              onChange={(e) => set({ requiresConfirmation: e.currentTarget.checked })}
            />
            <Switch
              label={t('policy.flag.requiresAccessScope')}
              checked={d.requiresAccessScope}
              onChange={(e) => set({ requiresAccessScope: e.currentTarget.checked })}
            />
            <Switch
              label={t('policy.flag.requiresStorageDesignation')}
              checked={d.requiresStorageDesignation}
              onChange={(e) => set({ requiresStorageDesignation: e.currentTarget.checked })}
            />
            <Switch
              label={t('policy.flag.serialNumbered')}
              checked={d.serialNumbered}
              onChange={(e) => set({ serialNumbered: e.currentTarget.checked })}
            />
            <NumberInput
              label={t('policy.reviewInterval')}
              description={t('policy.reviewIntervalHelp')}
              value={d.reviewIntervalMonths ?? ''}
              onChange={(n) => set({ reviewIntervalMonths: typeof n === 'number' ? n : null })}
              min={1}
              max={120}
              allowDecimal={false}
            />
          </SimpleGrid>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common:actions.cancel')}
          </Button>
          <Button
            disabled={!d.nameJa.trim() || !d.criteriaJa.trim() || !d.criteriaEn.trim()}
            onClick={() => {
              onSave({
                ...d,
                marking: d.marking?.trim() ? d.marking : isConfidentiality(d) ? d.marking : null,
              } as T);
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
