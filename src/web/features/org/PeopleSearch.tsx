import { Checkbox, Group, Select, TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PeopleFilter } from './api.js';

interface Props {
  filter: PeopleFilter;
  onChange(patch: Partial<PeopleFilter>): void;
}

/** Search box (debounced: one request after typing pauses), status filter, and the subtree switch. */
export function PeopleSearch({ filter, onChange }: Props) {
  const { t } = useTranslation('org');
  const [q, setQ] = useState(filter.q);
  useEffect(() => setQ(filter.q), [filter.q]);
  const commit = useDebouncedCallback((value: string) => onChange({ q: value.trim(), page: 1 }), 300);
  const statuses = [
    { value: '', label: t('people.statusFilter.current') },
    { value: 'active', label: t('status.active') },
    { value: 'long_leave', label: t('status.long_leave') },
    { value: 'excluded', label: t('status.excluded') },
    { value: 'left', label: t('status.left') },
    { value: 'all', label: t('people.statusFilter.all') },
  ];
  return (
    <Group align="flex-end" gap="sm" wrap="wrap">
      <TextInput
        label={t('people.search')}
        placeholder={t('people.searchPlaceholder')}
        leftSection={<IconSearch size={16} aria-hidden />}
        value={q}
        onChange={(e) => {
          setQ(e.currentTarget.value);
          commit(e.currentTarget.value);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter') onChange({ q: q.trim(), page: 1 });
        }}
        type="search"
        miw={260}
        style={{ flex: 1 }}
      />
      <Select
        label={t('people.statusFilter.label')}
        data={statuses}
        value={filter.status}
        onChange={(v) => onChange({ status: (v ?? '') as PeopleFilter['status'], page: 1 })}
        allowDeselect={false}
        w={200}
      />
      {filter.unitId && (
        <Checkbox
          label={t('people.subtree')}
          checked={filter.subtree}
          onChange={(e) => onChange({ subtree: e.currentTarget.checked, page: 1 })}
          mb={8}
        />
      )}
    </Group>
  );
}
