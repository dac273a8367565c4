import { Group, MultiSelect, Paper, SegmentedControl, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { PolicyDetail, Role } from '../../../app/types.js';
import { localTitle } from '../format.js';

export type ItemChoice = 'all' | string[];

/**
 * Which items each role answers: all the policy assigns to the role, or a focus set chosen from them
 * (NISC picks focus items: recent incidents, basics, low past rates, 001 L2806-2814).
 */
export function RoleItemsField({
  roles,
  policy,
  value,
  onChange,
  disabled,
  errorOf,
}: {
  roles: Role[];
  policy: PolicyDetail | undefined;
  value: Record<string, ItemChoice>;
  onChange(next: Record<string, ItemChoice>): void;
  disabled?: boolean;
  errorOf(roleKey: string): string | undefined;
}) {
  const { t, i18n } = useTranslation('selfcheck');
  const lang = i18n.language;
  const set = (key: string, choice: ItemChoice) => onChange({ ...value, [key]: choice });
  return (
    <Stack gap="xs">
      {roles.map((role) => {
        const own = (policy?.items ?? []).filter((it) => it.roles.includes(role.key));
        const choice = value[role.key] ?? 'all';
        const name = lang === 'en' ? role.nameEn : role.nameJa;
        const focus = choice !== 'all';
        return (
          <Paper key={role.key} withBorder p="xs">
            <Group justify="space-between" wrap="wrap" gap="xs">
              <Stack gap={0}>
                <Text fw={600} size="sm">
                  {name}
                </Text>
                <Text size="xs" c="dimmed">
                  {t('form.items.applying', { count: own.length })}
                </Text>
              </Stack>
              <SegmentedControl
                size="xs"
                value={focus ? 'focus' : 'all'}
                onChange={(v) => set(role.key, v === 'all' ? 'all' : [])}
                data={[
                  { value: 'all', label: t('form.items.all') },
                  { value: 'focus', label: t('form.items.focus') },
                ]}
                aria-label={t('form.items.choiceFor', { role: name })}
                disabled={disabled}
              />
            </Group>
            {focus && (
              <MultiSelect
                mt="xs"
                label={t('form.items.pick', { role: name })}
                placeholder={t('form.items.pickPlaceholder')}
                data={own.map((it) => ({ value: it.itemId, label: `${it.itemId} ${localTitle(it, lang)}` }))}
                value={choice}
                onChange={(v) => set(role.key, v)}
                searchable
                clearable
                hidePickedOptions
                maxDropdownHeight={280}
                disabled={disabled}
                error={
                  errorOf(role.key) ?? (choice.length === 0 ? t('form.items.pickAtLeastOne') : undefined)
                }
                nothingFoundMessage={t('form.items.noMatch')}
              />
            )}
          </Paper>
        );
      })}
    </Stack>
  );
}
