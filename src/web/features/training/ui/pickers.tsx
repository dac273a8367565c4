import { MultiSelect, type MultiSelectProps } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../app/api.js';
import type { Page, Person } from '../../../app/types.js';
import { useLocalName, useUnits } from '../../../app/units.js';
import { roleName, useRoles } from '../../admin/roles-api.js';

type Picker = Omit<MultiSelectProps, 'data' | 'value' | 'onChange'> & {
  value: string[];
  onChange(v: string[]): void;
};

/** Units in the user's scope, searchable by name or code (deep units show their code). */
export function UnitMultiSelect(props: Picker) {
  const units = useUnits();
  const name = useLocalName();
  const data = useMemo(
    () => (units.data ?? []).map((u) => ({ value: u.id, label: `${name(u)}（${u.code}）` })),
    [units.data, name],
  );
  return <MultiSelect searchable clearable limit={50} nothingFoundMessage="—" {...props} data={data} />;
}

/** Roles of the agency's catalog by key (rules and drill targets name roles by key). */
export function RoleMultiSelect(props: Picker) {
  const roles = useRoles();
  const { i18n } = useTranslation();
  const data = useMemo(
    () => (roles.data ?? []).map((r) => ({ value: r.key, label: roleName(r, i18n.language) })),
    [roles.data, i18n.language],
  );
  return <MultiSelect searchable clearable {...props} data={data} />;
}

/** People found by name or staff number as one types (the server searches; 20 at a time). */
export function PeopleMultiSelect(props: Picker) {
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 250);
  const known = useRef(new Map<string, string>());
  const found = useQuery({
    queryKey: ['org', 'people', 'pick', q],
    queryFn: ({ signal }) => api<Page<Person>>('/people', { signal, query: { q, page: 1, pageSize: 20 } }),
    enabled: q.length > 0,
  });
  for (const p of found.data?.items ?? []) known.current.set(p.id, `${p.name}（${p.staffNo}）`);
  const ids = new Set([...props.value, ...(found.data?.items ?? []).map((p) => p.id)]);
  const data = [...ids].map((id) => ({ value: id, label: known.current.get(id) ?? id }));
  return (
    <MultiSelect
      searchable
      clearable
      filter={({ options }) => options}
      searchValue={search}
      onSearchChange={setSearch}
      {...props}
      data={data}
    />
  );
}
