import { ActionIcon, Button, Group, Select, Table, TextInput } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { DEFAULT_ANSWER_OPTIONS } from '../../../../modules/selfcheck/campaign-rules.js';
import type { AnswerOption } from '../../../app/types.js';

const MEANINGS = ['implemented', 'not_implemented', 'no_duty'] as const;

/** The answer options (実施 / 一部未実施 / 未実施 / 該当なし by default): labels and what each means for the metrics. */
export function AnswerOptionsEditor({
  value,
  onChange,
  disabled,
  error,
}: {
  value: AnswerOption[];
  onChange(next: AnswerOption[]): void;
  disabled?: boolean;
  error?: string | undefined;
}) {
  const { t } = useTranslation('selfcheck');
  const set = (i: number, patch: Partial<AnswerOption>) =>
    onChange(value.map((o, j) => (j === i ? { ...o, ...patch } : o)));
  const meanings = MEANINGS.map((m) => ({ value: m, label: t(`meaning.${m}`) }));
  return (
    <div>
      <Table.ScrollContainer minWidth={640}>
        <Table verticalSpacing={4} aria-label={t('form.options.label')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('form.options.key')}</Table.Th>
              <Table.Th>{t('form.options.labelJa')}</Table.Th>
              <Table.Th>{t('form.options.labelEn')}</Table.Th>
              <Table.Th>{t('form.options.meaning')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {value.map((o, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place, keys change while typing
              <Table.Tr key={i}>
                <Table.Td>
                  <TextInput
                    size="xs"
                    value={o.key}
                    onChange={(e) => set(i, { key: e.currentTarget.value })}
                    aria-label={t('form.options.keyOf', { n: i + 1 })}
                    disabled={disabled}
                    ff="monospace"
                  />
                </Table.Td>
                <Table.Td>
                  <TextInput
                    size="xs"
                    value={o.labelJa}
                    onChange={(e) => set(i, { labelJa: e.currentTarget.value })}
                    aria-label={t('form.options.labelJaOf', { n: i + 1 })}
                    disabled={disabled}
                  />
                </Table.Td>
                <Table.Td>
                  <TextInput
                    size="xs"
                    value={o.labelEn}
                    onChange={(e) => set(i, { labelEn: e.currentTarget.value })}
                    aria-label={t('form.options.labelEnOf', { n: i + 1 })}
                    disabled={disabled}
                  />
                </Table.Td>
                <Table.Td>
                  <Select
                    size="xs"
                    data={meanings}
                    value={o.meaning}
                    onChange={(v) => v && set(i, { meaning: v as AnswerOption['meaning'] })}
                    allowDeselect={false}
                    aria-label={t('form.options.meaningOf', { n: i + 1 })}
                    disabled={disabled}
                  />
                </Table.Td>
                <Table.Td>
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    onClick={() => onChange(value.filter((_, j) => j !== i))}
                    disabled={disabled || value.length <= 2}
                    aria-label={t('form.options.remove', { n: i + 1 })}
                  >
                    <IconTrash size={16} aria-hidden />
                  </ActionIcon>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {error && (
        <div
          role="alert"
          style={{ color: 'var(--mantine-color-error)', fontSize: 'var(--mantine-font-size-xs)' }}
        >
          {error}
        </div>
      )}
      <Group gap="xs" mt="xs">
        <Button
          size="xs"
          variant="light"
          leftSection={<IconPlus size={14} aria-hidden />}
          onClick={() =>
            onChange([
              ...value,
              { key: `option${value.length + 1}`, labelJa: '', labelEn: '', meaning: 'not_implemented' },
            ])
          }
          disabled={disabled || value.length >= 10}
        >
          {t('form.options.add')}
        </Button>
        <Button
          size="xs"
          variant="subtle"
          onClick={() => onChange(DEFAULT_ANSWER_OPTIONS)}
          disabled={disabled}
        >
          {t('form.options.reset')}
        </Button>
      </Group>
    </div>
  );
}
