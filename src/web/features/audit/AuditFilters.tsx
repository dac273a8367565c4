import { Button, Group, Select, SimpleGrid, TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { type ChangeEvent, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { resources } from '../../i18n/resources.js';
import { type AuditFilter, emptyAuditFilter } from './api.js';
import { ACTION_GROUPS, useAuditLabels } from './labels.js';

const TARGET_TYPES = Object.keys(resources.ja.audit.targetType);

/** Filters of the audit log; text fields apply after typing pauses, selects at once. */
export function AuditFilters({
  filter,
  onChange,
}: {
  filter: AuditFilter;
  onChange(f: Partial<AuditFilter>): void;
}) {
  const { t } = useTranslation(['audit', 'common']);
  const labels = useAuditLabels();
  const [text, setText] = useState({ actor: filter.actor, targetId: filter.targetId, q: filter.q });
  useEffect(
    () => setText({ actor: filter.actor, targetId: filter.targetId, q: filter.q }),
    [filter.actor, filter.targetId, filter.q],
  );
  const commit = useDebouncedCallback((patch: Partial<AuditFilter>) => onChange({ ...patch, page: 1 }), 400);
  const typed = (key: 'actor' | 'targetId' | 'q') => ({
    value: text[key],
    onChange: (e: ChangeEvent<HTMLInputElement>) => {
      const value = e.currentTarget.value;
      setText((s) => ({ ...s, [key]: value }));
      commit({ [key]: value.trim() });
    },
  });
  const actionData = useMemo(
    () =>
      ACTION_GROUPS.map(({ group, actions }) => ({
        group: labels.group(group),
        items: [
          { value: `${group}.`, label: t('filters.allInGroup', { group: labels.group(group) }) },
          ...actions.map((a) => ({ value: a, label: labels.action(a) })),
        ],
      })),
    [labels, t],
  );
  return (
    <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm">
      <Select
        label={t('filters.action')}
        data={actionData}
        value={filter.action || null}
        onChange={(v) => onChange({ action: v ?? '', page: 1 })}
        clearable
        searchable
        placeholder={t('filters.any')}
      />
      <Select
        label={t('filters.targetType')}
        data={TARGET_TYPES.map((v) => ({ value: v, label: labels.targetType(v) }))}
        value={filter.targetType || null}
        onChange={(v) => onChange({ targetType: v ?? '', page: 1 })}
        clearable
        placeholder={t('filters.any')}
      />
      <TextInput label={t('filters.actor')} placeholder={t('filters.actorPlaceholder')} {...typed('actor')} />
      <TextInput label={t('filters.targetId')} {...typed('targetId')} />
      <TextInput
        label={t('filters.q')}
        placeholder={t('filters.qPlaceholder')}
        type="search"
        {...typed('q')}
      />
      <TextInput
        label={t('filters.from')}
        type="date"
        value={filter.from}
        onChange={(e) => onChange({ from: e.currentTarget.value, page: 1 })}
      />
      <TextInput
        label={t('filters.to')}
        type="date"
        value={filter.to}
        onChange={(e) => onChange({ to: e.currentTarget.value, page: 1 })}
      />
      <Group align="flex-end">
        <Button variant="default" onClick={() => onChange(emptyAuditFilter)}>
          {t('common:actions.reset')}
        </Button>
      </Group>
    </SimpleGrid>
  );
}
