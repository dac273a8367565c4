import { Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Results } from '../../../app/types.js';
import { pct, THRESHOLDS } from '../format.js';
import { useGroupLabel } from './labels.js';
import { attainmentCounts, groupsOf, otherGroups } from './model.js';

/** 表4 主体別到達率 (000 L1066-1095): thresholds down, groups across, with the item counts behind each rate. */
export function AttainmentTable({ results: r }: { results: Results }) {
  const { t } = useTranslation('selfcheck');
  const groupLabel = useGroupLabel();
  const cols = [
    ...[...groupsOf(r), ...otherGroups(r)].map((g) => ({ key: g, label: groupLabel(g), f: r.groups[g]! })),
    { key: 'overall', label: t('results.overall'), f: r.overall },
  ];
  return (
    <Table.ScrollContainer minWidth={480}>
      <Table
        withTableBorder
        withColumnBorders
        aria-label={t('results.attainmentTable')}
        data-testid="attainment-table"
      >
        <Table.Thead>
          <Table.Tr>
            <Table.Th />
            {cols.map((c) => (
              <Table.Th key={c.key} ta="right">
                {c.label}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {THRESHOLDS.map((th) => (
            <Table.Tr key={th}>
              <Table.Th scope="row">{t('metric.attainmentAt', { threshold: th })}</Table.Th>
              {cols.map((c) => {
                const n = attainmentCounts(c.f.items, Number(th));
                return (
                  <Table.Td key={c.key} ta="right">
                    <Text size="sm" fw={600}>
                      {pct(c.f.attainment[th])}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {t('results.itemsOf', { n: n.attained, of: n.of })}
                    </Text>
                  </Table.Td>
                );
              })}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
