import { Checkbox, Group, Stack, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { RestrictionDef } from '../types.js';

type Chosen = { key: string; param: string | null }[];

/** One checkbox per restriction of the policy; a restriction with a parameter asks for its date or text. */
export function RestrictionsField({
  defs,
  value,
  onChange,
}: {
  defs: RestrictionDef[];
  value: Chosen;
  onChange(next: Chosen): void;
}) {
  const { t, i18n } = useTranslation('classification');
  const lang = i18n.language;
  const set = (key: string, on: boolean) =>
    onChange(on ? [...value, { key, param: null }] : value.filter((r) => r.key !== key));
  const setParam = (key: string, param: string) =>
    onChange(value.map((r) => (r.key === key ? { key, param: param || null } : r)));
  return (
    <Stack gap={6} role="group" aria-label={t('form.restrictions')}>
      <Text size="sm" fw={500}>
        {t('form.restrictions')}
      </Text>
      <Text size="xs" c="dimmed">
        {t('form.restrictionsHelp')}
      </Text>
      {defs.map((d) => {
        const chosen = value.find((r) => r.key === d.key);
        const name = lang === 'en' && d.nameEn ? d.nameEn : d.nameJa;
        return (
          <Group key={d.key} gap="sm" align="center" wrap="wrap">
            <Checkbox label={name} checked={!!chosen} onChange={(e) => set(d.key, e.currentTarget.checked)} />
            {chosen && d.param && (
              <TextInput
                size="xs"
                type={d.param === 'date' ? 'date' : 'text'}
                aria-label={t(d.param === 'date' ? 'form.restrictionUntil' : 'form.restrictionText', {
                  name,
                })}
                placeholder={d.param === 'date' ? undefined : t('form.restrictionTextPlaceholder')}
                value={chosen.param ?? ''}
                onChange={(e) => setParam(d.key, e.currentTarget.value)}
                maxLength={200}
                w={d.param === 'date' ? 170 : 240}
              />
            )}
          </Group>
        );
      })}
    </Stack>
  );
}
