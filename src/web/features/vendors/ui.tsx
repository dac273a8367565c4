import { Badge, Group, SegmentedControl, Select, TextInput } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useLocalName, useUnits } from '../../app/units.js';
import { DUE_COLORS } from './api.js';
import type { DueStatus } from './types.js';

/** A unit of the org (the owning unit of a register entry). */
export function UnitSelect(props: {
  value: string | null;
  onChange(id: string | null): void;
  error?: string;
}) {
  const { t } = useTranslation('vendors');
  const units = useUnits();
  const name = useLocalName();
  return (
    <Select
      label={t('field.unit')}
      required
      searchable
      data={(units.data ?? []).map((u) => ({ value: u.id, label: name(u) }))}
      value={props.value}
      onChange={props.onChange}
      error={props.error}
    />
  );
}

/** Search and a filter above a list; both reset the page. */
export function ListToolbar(props: {
  q: string;
  onQ(q: string): void;
  filter: string;
  filters: { value: string; label: string }[];
  onFilter(f: string): void;
}) {
  const { t } = useTranslation('vendors');
  return (
    <Group mb="md" wrap="wrap">
      <TextInput
        aria-label={t('search')}
        placeholder={t('search')}
        leftSection={<IconSearch size={16} />}
        value={props.q}
        onChange={(e) => props.onQ(e.currentTarget.value)}
      />
      <SegmentedControl value={props.filter} onChange={props.onFilter} data={props.filters} />
    </Group>
  );
}

export function DueBadge({ status, due }: { status: DueStatus; due: string | null }) {
  const { t } = useTranslation('vendors');
  return (
    <Badge color={DUE_COLORS[status]} variant="light">
      {t(`due.${status}`)}
      {due ? ` ${due}` : ''}
    </Badge>
  );
}
