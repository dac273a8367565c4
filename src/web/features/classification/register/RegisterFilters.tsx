import { Button, Group, Select, SimpleGrid, Switch, TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../../app/permissions.js';
import { useLocalName, useUnitIndex, useUnits } from '../../../app/units.js';
import { pathLabel } from '../../org/tree.js';
import { type EntryFilter, emptyEntryFilter } from '../api.js';
import { levelName } from '../format.js';
import type { ClassificationPolicy } from '../types.js';

const STATUSES = ['proposed', 'returned', 'confirmed', 'archived'] as const;

/** Search (applied when typing pauses), level, restriction, status, unit and "review due". */
export function RegisterFilters({
  filter,
  onChange,
  policy,
}: {
  filter: EntryFilter;
  onChange(patch: Partial<EntryFilter>): void;
  policy: ClassificationPolicy | undefined;
}) {
  const { t, i18n } = useTranslation(['classification', 'common']);
  const lang = i18n.language;
  const [q, setQ] = useState(filter.q);
  useEffect(() => setQ(filter.q), [filter.q]);
  const commit = useDebouncedCallback((value: string) => onChange({ q: value.trim() }), 350);
  const canReadOrg = useCan('org.read');
  const units = useUnits();
  const unitIndex = useUnitIndex();
  const name = useLocalName();
  const unitOptions = useMemo(
    () =>
      (units.data ?? [])
        .filter((u) => !u.abolished)
        .map((u) => ({ value: u.id, label: pathLabel(u, unitIndex, name) })),
    [units.data, unitIndex, name],
  );
  return (
    <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="sm">
      <TextInput
        label={t('register.filters.q')}
        placeholder={t('register.filters.qPlaceholder')}
        leftSection={<IconSearch size={16} aria-hidden />}
        type="search"
        value={q}
        onChange={(e) => {
          setQ(e.currentTarget.value);
          commit(e.currentTarget.value);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter') onChange({ q: q.trim() });
        }}
      />
      <Select
        label={t('register.filters.level')}
        placeholder={t('register.filters.any')}
        data={(policy?.levels.confidentiality ?? []).map((l) => ({
          value: String(l.value),
          label: levelName(policy, 'confidentiality', l.value, lang),
        }))}
        value={filter.confidentiality || null}
        onChange={(v) => onChange({ confidentiality: v ?? '' })}
        clearable
      />
      <Select
        label={t('register.filters.restriction')}
        placeholder={t('register.filters.any')}
        data={(policy?.restrictions ?? []).map((r) => ({
          value: r.key,
          label: lang === 'en' && r.nameEn ? r.nameEn : r.nameJa,
        }))}
        value={filter.restriction || null}
        onChange={(v) => onChange({ restriction: v ?? '' })}
        clearable
      />
      <Select
        label={t('register.filters.status')}
        placeholder={t('register.filters.anyStatus')}
        data={STATUSES.map((s) => ({ value: s, label: t(`entryStatus.${s}`) }))}
        value={filter.status || null}
        onChange={(v) => onChange({ status: v ?? '' })}
        clearable
      />
      {canReadOrg && (
        <Select
          label={t('register.filters.unit')}
          placeholder={t('register.filters.anyUnit')}
          description={t('register.filters.unitHelp')}
          data={unitOptions}
          value={filter.unitId}
          onChange={(v) => onChange({ unitId: v })}
          searchable
          clearable
          nothingFoundMessage={t('register.filters.noMatch')}
        />
      )}
      <Group align="flex-end" justify="space-between" gap="xs">
        <Switch
          label={t('register.filters.reviewDue')}
          checked={filter.reviewDue}
          onChange={(e) => onChange({ reviewDue: e.currentTarget.checked })}
          mb={8}
        />
        <Button variant="default" onClick={() => onChange(emptyEntryFilter)}>
          {t('common:actions.reset')}
        </Button>
      </Group>
    </SimpleGrid>
  );
}
