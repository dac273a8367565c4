import { Select, Table, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { fiscalYearOf } from '../../../lib/dates.js';
import { formatPercent } from '../../app/format.js';
import { useLocalName } from '../../app/units.js';
import type { TenantRef } from './api.js';

const GROUP_ORDER = ['managers', 'system', 'staff'];
/** Metric groups in the order the reports list them (001 L2871-2879); unknown ones after, by name. */
export function byGroupOrder(a: string, b: string): number {
  const rank = (g: string) => (GROUP_ORDER.includes(g) ? GROUP_ORDER.indexOf(g) : GROUP_ORDER.length);
  return rank(a) - rank(b) || a.localeCompare(b);
}

/** The current fiscal year and the five before it, newest first. */
export function recentFiscalYears(count = 6): number[] {
  const current = fiscalYearOf(new Date());
  return Array.from({ length: count }, (_, i) => current - i);
}

export function FiscalYearSelect(props: { value: number; onChange(fy: number): void }) {
  const { t } = useTranslation('central');
  return (
    <Select
      label={t('fiscalYear')}
      data={recentFiscalYears().map((y) => ({ value: String(y), label: t('fiscalYearValue', { year: y }) }))}
      value={String(props.value)}
      onChange={(v) => v && props.onChange(Number(v))}
      allowDeselect={false}
      w={160}
    />
  );
}

/** A rate (0..1) in the UI language through the app's one formatter (src/lib/percent.ts). */
export function usePct() {
  const { i18n } = useTranslation();
  return (x: number | null | undefined) => formatPercent(x, i18n.language);
}

/** An agency's name, and for a 独法 "via <ministry>" (001 L15064-15078). */
export function AgencyName({ agency, via }: { agency: TenantRef; via: TenantRef | null }) {
  const { t } = useTranslation('central');
  const name = useLocalName();
  return (
    <>
      <Text size="sm" span>
        {name(agency)}
      </Text>
      {via && (
        <Text size="xs" c="dimmed" display="block">
          {t('via', { name: name(via) })}
        </Text>
      )}
    </>
  );
}

export interface Col<R> {
  key: string;
  label: string;
  value(row: R): ReactNode;
  /** The footer cell (government mean or total). */
  foot?: ReactNode;
  numeric?: boolean;
}

/** A table of one row per agency (001 ch. II) with a footer row of the government mean or totals. */
export function AgencyTable<R extends { agencyCode: string }>(props: {
  label: string;
  testId: string;
  rows: R[];
  cols: Col<R>[];
  agencies: Map<string, { agency: TenantRef; via: TenantRef | null }>;
  footLabel?: string;
}) {
  const { t } = useTranslation('central');
  if (props.rows.length === 0) return <Text c="dimmed">{t('national.noRows')}</Text>;
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table striped aria-label={props.label} data-testid={props.testId}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('agencyName')}</Table.Th>
            {props.cols.map((c) => (
              <Table.Th key={c.key} ta={c.numeric === false ? undefined : 'right'}>
                {c.label}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {props.rows.map((r) => {
            const a = props.agencies.get(r.agencyCode);
            return (
              <Table.Tr key={r.agencyCode}>
                <Table.Td>{a ? <AgencyName agency={a.agency} via={a.via} /> : r.agencyCode}</Table.Td>
                {props.cols.map((c) => (
                  <Table.Td key={c.key} ta={c.numeric === false ? undefined : 'right'}>
                    {c.value(r)}
                  </Table.Td>
                ))}
              </Table.Tr>
            );
          })}
        </Table.Tbody>
        {props.footLabel && (
          <Table.Tfoot>
            <Table.Tr fw={700} data-testid={`${props.testId}-foot`}>
              <Table.Th scope="row">{props.footLabel}</Table.Th>
              {props.cols.map((c) => (
                <Table.Td key={c.key} ta={c.numeric === false ? undefined : 'right'} data-col={c.key}>
                  {c.foot ?? ''}
                </Table.Td>
              ))}
            </Table.Tr>
          </Table.Tfoot>
        )}
      </Table>
    </Table.ScrollContainer>
  );
}
