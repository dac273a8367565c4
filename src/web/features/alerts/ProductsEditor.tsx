import { ActionIcon, Button, Group, Select, Stack, Text, TextInput } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { emptyRow, type ProductRow, RANGE_TYPES, type RangeType } from './products.js';

export function ProductsEditor({
  rows,
  onChange,
}: {
  rows: ProductRow[];
  onChange(rows: ProductRow[]): void;
}) {
  const { t } = useTranslation('alerts');
  const set = (key: number, patch: Partial<ProductRow>) =>
    onChange(rows.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  return (
    <Stack gap="xs">
      <Text size="sm" fw={500}>
        {t('field.products')}
      </Text>
      <Text size="xs" c="dimmed">
        {t('form.productsHelp')}
      </Text>
      {rows.map((r, i) => (
        <Group key={r.key} align="flex-end" gap="xs" wrap="wrap">
          <TextInput
            label={t('product.vendor')}
            value={r.vendor}
            onChange={(e) => set(r.key, { vendor: e.currentTarget.value })}
            w={150}
          />
          <TextInput
            label={t('product.product')}
            value={r.product}
            onChange={(e) => set(r.key, { product: e.currentTarget.value })}
            w={170}
          />
          <TextInput
            label={t('product.cpe')}
            placeholder="cpe:2.3:a:apache:http_server:*:*:*:*:*:*:*:*"
            value={r.cpe}
            onChange={(e) => set(r.key, { cpe: e.currentTarget.value })}
            w={240}
          />
          <Select
            label={t('product.range')}
            data={RANGE_TYPES.map((x) => ({ value: x, label: t(`range.${x}`) }))}
            value={r.range}
            onChange={(v) => v && set(r.key, { range: v as RangeType })}
            allowDeselect={false}
            w={150}
          />
          {r.range !== 'none' && r.range !== 'all' && (
            <TextInput
              label={t('product.version')}
              placeholder={t(`rangePlaceholder.${r.range}`)}
              value={r.value}
              onChange={(e) => set(r.key, { value: e.currentTarget.value })}
              w={200}
            />
          )}
          <ActionIcon
            variant="subtle"
            color="red"
            aria-label={t('product.remove', { n: i + 1 })}
            onClick={() => onChange(rows.filter((x) => x.key !== r.key))}
            mb={4}
          >
            <IconTrash size={16} aria-hidden />
          </ActionIcon>
        </Group>
      ))}
      <Group>
        <Button
          variant="light"
          size="xs"
          leftSection={<IconPlus size={14} aria-hidden />}
          onClick={() => onChange([...rows, emptyRow()])}
        >
          {t('product.add')}
        </Button>
      </Group>
    </Stack>
  );
}
