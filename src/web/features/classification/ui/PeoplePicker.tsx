import { MultiSelect } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../app/api.js';
import type { Page, Person } from '../../../app/types.js';

/**
 * Chooses people by searching the staff list on the server (name, kana or staff number); the names of
 * people already chosen are remembered, so the chips keep their labels while the search changes.
 */
export function PeoplePicker({
  label,
  description,
  value,
  onChange,
  initial = [],
  error,
  max,
}: {
  /** At most this many people (1 for a single choice). */
  max?: number;
  label: string;
  description?: string;
  value: string[];
  onChange(ids: string[]): void;
  /** Names of people already chosen (when editing). */
  initial?: { id: string; name: string }[];
  error?: string;
}) {
  const { t, i18n } = useTranslation('classification');
  const lang = i18n.language;
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const [known, setKnown] = useState(() => new Map(initial.map((p) => [p.id, p.name])));
  const found = useQuery({
    queryKey: ['org', 'people', 'picker', q],
    queryFn: ({ signal }) => api<Page<Person>>('/people', { signal, query: { q, pageSize: 20 } }),
    enabled: q.length > 0,
    placeholderData: keepPreviousData,
  });
  useEffect(() => {
    if (!found.data) return;
    setKnown((old) => {
      const next = new Map(old);
      for (const p of found.data.items)
        next.set(
          p.id,
          t('scope.personLabel', {
            name: p.name,
            staffNo: p.staffNo,
            unit: lang === 'en' && p.unitNameEn ? p.unitNameEn : p.unitName,
          }),
        );
      return next;
    });
  }, [found.data, t, lang]);
  const data = useMemo(() => {
    const ids = new Set([...value, ...(q ? (found.data?.items ?? []).map((p) => p.id) : [])]);
    return [...ids].map((id) => ({ value: id, label: known.get(id) ?? id }));
  }, [value, found.data, known, q]);
  return (
    <MultiSelect
      label={label}
      description={description}
      placeholder={t('scope.searchPeople')}
      data={data}
      value={value}
      onChange={onChange}
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options }) => options}
      nothingFoundMessage={q ? t('scope.noPeople') : t('scope.typeToSearch')}
      clearable
      error={error}
      maxDropdownHeight={260}
      maxValues={max}
    />
  );
}
