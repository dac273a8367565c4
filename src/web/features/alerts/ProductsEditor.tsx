import { ActionIcon, Button, Group, Select, Stack, Text, TextInput } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { AlertInput, Product, VersionRange } from './api.js';

// The products an alert names, each a vendor/product (or a CPE) with one version range; the agencies'
// system ledgers are matched against them when they forward the alert (000 L839-845).

export const RANGE_TYPES = ['none', 'all', 'exact', 'before', 'before_inclusive', 'semver', 'vers'] as const;
type RangeType = (typeof RANGE_TYPES)[number];

export interface ProductRow {
  key: number;
  vendor: string;
  product: string;
  cpe: string;
  range: RangeType;
  value: string;
}

let nextKey = 1;
export const emptyRow = (): ProductRow => ({
  key: nextKey++,
  vendor: '',
  product: '',
  cpe: '',
  range: 'none',
  value: '',
});

/** A stored product becomes one row per range (a product with several ranges matches any of them). */
export function rowsOf(products: Product[]): ProductRow[] {
  return products.flatMap((p) => {
    const base = { vendor: p.vendor, product: p.product, cpe: p.cpe ?? '' };
    if (p.ranges.length === 0) return [{ ...emptyRow(), ...base }];
    return p.ranges.map((r) => {
      const type = String(r.type);
      const range: RangeType =
        type === 'before' && r.inclusive ? 'before_inclusive' : ((type as RangeType) ?? 'none');
      const value = String(r.version ?? r.vers ?? r.range ?? '');
      return { ...emptyRow(), ...base, range, value };
    });
  });
}

function rangeOf(row: ProductRow): VersionRange[] {
  const v = row.value.trim();
  switch (row.range) {
    case 'none':
      return [];
    case 'all':
      return [{ type: 'all' }];
    case 'exact':
      return [{ type: 'exact', version: v }];
    case 'before':
      return [{ type: 'before', version: v }];
    case 'before_inclusive':
      return [{ type: 'before', version: v, inclusive: true }];
    case 'semver':
      return [{ type: 'semver', range: v }];
    case 'vers':
      return [{ type: 'vers', vers: v }];
  }
}

/** The rows to send; rows left entirely blank are dropped. */
export function productsOf(rows: ProductRow[]): AlertInput['products'] {
  return rows
    .filter((r) => r.vendor.trim() || r.product.trim() || r.cpe.trim())
    .map((r) => ({
      vendor: r.vendor.trim(),
      product: r.product.trim(),
      cpe: r.cpe.trim() || null,
      ranges: rangeOf(r),
    }));
}

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

/** The products as text, for the detail pages. */
export function productLabel(p: Product): string {
  const name = [p.vendor, p.product].filter(Boolean).join(' ') || p.cpe || '';
  const ranges = p.ranges.map((r) => {
    if (r.type === 'all') return '*';
    if (r.type === 'before') return `${r.inclusive ? '<=' : '<'} ${String(r.version)}`;
    return String(r.version ?? r.vers ?? r.range ?? '');
  });
  return [name, p.vendor || p.product ? p.cpe : null, ranges.join(', ')].filter(Boolean).join('  ');
}
