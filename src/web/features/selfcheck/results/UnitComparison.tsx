import { Anchor, Group, Table, Text, UnstyledButton } from '@mantine/core';
import { IconArrowsSort, IconChevronRight, IconSortAscending, IconSortDescending } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Results } from '../../../app/types.js';
import { useLocalName } from '../../../app/units.js';
import { pct, type Variant } from '../format.js';
import { childUnits, compareNullable, hasChildren, type SortKey, type UnitRow } from './model.js';

/**
 * The units one level below the one shown, side by side, sortable; below them the two ways of summing
 * up: pooled over all people, and the plain mean of the units' rates (not weighted by headcount, 001 L2859).
 */
export function UnitComparison({
  results: r,
  variant,
  onOpen,
}: {
  results: Results;
  variant: Variant;
  onOpen(u: UnitRow): void;
}) {
  const { t } = useTranslation('selfcheck');
  const name = useLocalName();
  const [sort, setSort] = useState<{ key: SortKey; desc: boolean }>({ key: 'name', desc: false });
  const units = useMemo(() => {
    const list = [...childUnits(r)];
    const value = (u: UnitRow): number | null =>
      sort.key === 'inScope'
        ? u.figures.inScope
        : sort.key === 'coverage'
          ? u.figures.coverage
          : sort.key === 'implementation'
            ? u.figures.implementation[variant]
            : sort.key === 'attainment'
              ? u.figures.attainment['100']
              : null;
    list.sort((a, b) => {
      const c = sort.key === 'name' ? a.code.localeCompare(b.code) : compareNullable(value(a), value(b));
      return sort.desc ? -c : c;
    });
    return list;
  }, [r, sort, variant]);

  if (units.length === 0)
    return (
      <Text size="sm" c="dimmed">
        {t('results.noUnitsBelow')}
      </Text>
    );

  const header = (key: SortKey, label: string, right = true) => {
    const active = sort.key === key;
    const Icon = !active ? IconArrowsSort : sort.desc ? IconSortDescending : IconSortAscending;
    return (
      <Table.Th
        ta={right ? 'right' : undefined}
        aria-sort={active ? (sort.desc ? 'descending' : 'ascending') : 'none'}
      >
        <UnstyledButton onClick={() => setSort({ key, desc: active ? !sort.desc : false })} fw={700} fz="sm">
          <Group gap={4} wrap="nowrap" justify={right ? 'flex-end' : undefined}>
            {label}
            <Icon size={14} aria-hidden />
          </Group>
        </UnstyledButton>
      </Table.Th>
    );
  };
  const cross = r.crossUnit;
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table striped verticalSpacing="xs" aria-label={t('results.byUnit')} data-testid="unit-comparison">
        <Table.Thead>
          <Table.Tr>
            {header('name', t('results.col.unit'), false)}
            {header('inScope', t('results.col.inScope'))}
            {header('coverage', t('metric.coverage'))}
            {header('implementation', t('metric.implementationOf', { variant: t(`variant.${variant}`) }))}
            {header('attainment', t('metric.attainmentAt', { threshold: '100' }))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {units.map((u) => (
            <Table.Tr key={u.unitId}>
              <Table.Td>
                <Anchor
                  component="button"
                  type="button"
                  onClick={() => onOpen(u)}
                  aria-label={t('results.openUnit', { unit: name(u) })}
                >
                  <Group gap={4} wrap="nowrap">
                    {name(u)}
                    {hasChildren(r, u.unitId) && <IconChevronRight size={14} aria-hidden />}
                  </Group>
                </Anchor>
              </Table.Td>
              <Table.Td ta="right">{u.figures.inScope.toLocaleString()}</Table.Td>
              <Table.Td ta="right">{pct(u.figures.coverage)}</Table.Td>
              <Table.Td ta="right">{pct(u.figures.implementation[variant])}</Table.Td>
              <Table.Td ta="right">{pct(u.figures.attainment['100'])}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
        {cross && (
          <Table.Tfoot>
            <Table.Tr fw={700}>
              <Table.Th scope="row">{t('results.pooledRow')}</Table.Th>
              <Table.Td ta="right">{cross.pooled.inScope.toLocaleString()}</Table.Td>
              <Table.Td ta="right">{pct(cross.pooled.coverage)}</Table.Td>
              <Table.Td ta="right">{pct(cross.pooled.implementation[variant])}</Table.Td>
              <Table.Td ta="right">{pct(cross.pooled.attainment['100'])}</Table.Td>
            </Table.Tr>
            <Table.Tr fw={700}>
              <Table.Th scope="row">{t('results.meanRow')}</Table.Th>
              <Table.Td ta="right">—</Table.Td>
              <Table.Td ta="right">{pct(cross.mean.coverage)}</Table.Td>
              <Table.Td ta="right">{pct(cross.mean.implementation[variant])}</Table.Td>
              <Table.Td ta="right">{pct(cross.mean.attainment['100'])}</Table.Td>
            </Table.Tr>
          </Table.Tfoot>
        )}
      </Table>
    </Table.ScrollContainer>
  );
}
