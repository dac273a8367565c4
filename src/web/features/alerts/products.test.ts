import { describe, expect, it } from 'vitest';
import { AlertBody } from '../../../modules/alerts/validation.js';
import { emptyRow, type ProductRow, productLabel, productsOf, rowsOf } from './products.js';

// The editor's rows become the products of the alert's contract (src/modules/alerts/validation.ts),
// which agencies' system ledgers are matched against when forwarding (000 L839-845).
const row = (patch: Partial<ProductRow>): ProductRow => ({ ...emptyRow(), ...patch });

describe('products of the alert editor', () => {
  it.each([
    ['no range', row({ vendor: 'Apache', product: 'HTTP Server' }), []],
    ['all versions', row({ vendor: 'Apache', product: 'HTTP Server', range: 'all' }), [{ type: 'all' }]],
    [
      'one version',
      row({ product: 'x', range: 'exact', value: ' 2.4.49 ' }),
      [{ type: 'exact', version: '2.4.49' }],
    ],
    [
      'before',
      row({ product: 'x', range: 'before', value: '2.4.50' }),
      [{ type: 'before', version: '2.4.50' }],
    ],
    [
      'up to',
      row({ product: 'x', range: 'before_inclusive', value: '2.4.49' }),
      [{ type: 'before', version: '2.4.49', inclusive: true }],
    ],
    [
      'semver',
      row({ product: 'x', range: 'semver', value: '>=1 <2' }),
      [{ type: 'semver', range: '>=1 <2' }],
    ],
    [
      'vers',
      row({ product: 'x', range: 'vers', value: 'vers:generic/>=2.4.0|<2.4.50' }),
      [{ type: 'vers', vers: 'vers:generic/>=2.4.0|<2.4.50' }],
    ],
  ])('%s: the range the server expects', (_name, r, ranges) => {
    const [p] = productsOf([r]);
    expect(p!.ranges).toEqual(ranges);
  });

  it('drops blank rows, trims, and sends an empty CPE as null', () => {
    expect(productsOf([emptyRow(), row({ vendor: ' Apache ', product: 'HTTP Server', cpe: ' ' })])).toEqual([
      { vendor: 'Apache', product: 'HTTP Server', cpe: null, ranges: [] },
    ]);
  });

  it('is accepted by the API contract', () => {
    const products = productsOf([
      row({ vendor: 'Apache', product: 'HTTP Server', range: 'vers', value: 'vers:generic/>=2.4.0|<2.4.50' }),
      row({ cpe: 'cpe:2.3:a:openssl:openssl:*:*:*:*:*:*:*:*', range: 'before', value: '3.0.7' }),
    ]);
    const parsed = AlertBody.safeParse({ kind: 'vulnerability', titleJa: 't', body: 'b', products });
    expect(parsed.success, JSON.stringify(parsed.error)).toBe(true);
  });

  it('reads a stored product back as one row per range, and writes the same products again', () => {
    const stored = [
      {
        vendor: 'Apache',
        product: 'HTTP Server',
        cpe: null,
        ranges: [
          { type: 'exact', version: '2.4.49' },
          { type: 'before', version: '2.4.50', inclusive: true },
        ],
      },
      { vendor: '', product: '', cpe: 'cpe:2.3:a:x:y:*:*:*:*:*:*:*:*', ranges: [] },
    ];
    const rows = rowsOf(stored);
    expect(rows.map((r) => [r.range, r.value])).toEqual([
      ['exact', '2.4.49'],
      ['before_inclusive', '2.4.50'],
      ['none', ''],
    ]);
    expect(productsOf(rows)).toEqual([
      { ...stored[0]!, ranges: [stored[0]!.ranges[0]] },
      { ...stored[0]!, ranges: [stored[0]!.ranges[1]] },
      stored[1],
    ]);
  });

  it('labels a product with its versions', () => {
    expect(
      productLabel({
        vendor: 'Apache',
        product: 'HTTP Server',
        cpe: null,
        ranges: [{ type: 'before', version: '2.4.50' }],
      }),
    ).toBe('Apache HTTP Server  < 2.4.50');
  });
});
