import type { AlertInput, Product, VersionRange } from './api.js';

// The products an alert names, each a vendor/product (or a CPE) with one version range; the agencies'
// system ledgers are matched against them when they forward the alert (000 L839-845).

export const RANGE_TYPES = ['none', 'all', 'exact', 'before', 'before_inclusive', 'semver', 'vers'] as const;
export type RangeType = (typeof RANGE_TYPES)[number];

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
