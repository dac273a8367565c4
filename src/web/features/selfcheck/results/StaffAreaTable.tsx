import { Badge, Progress, Table } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Results } from '../../../app/types.js';
import { pct, pctValue } from '../format.js';

type Area = NonNullable<Results['staffAreas']>[number];

/** Ordinary staff's 実施率 in the eight areas of the national report (001 L2883-2904), weakest marked. */
export function StaffAreaTable({ areas }: { areas: Area[] }) {
  const { t, i18n } = useTranslation('selfcheck');
  const en = i18n.language.startsWith('en');
  return (
    <Table striped withTableBorder data-testid="staff-areas">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('results.area')}</Table.Th>
          <Table.Th ta="right">{t('results.areaItems')}</Table.Th>
          <Table.Th ta="right">{t('metric.implementation')}</Table.Th>
          <Table.Th w="40%" aria-hidden />
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {areas.map((a) => (
          <Table.Tr key={a.area}>
            <Table.Td>
              {en ? a.areaEn : a.area}{' '}
              {a.weakest && (
                <Badge color="red" variant="light" size="sm">
                  {t('results.weakestArea')}
                </Badge>
              )}
            </Table.Td>
            <Table.Td ta="right">{a.items}</Table.Td>
            <Table.Td ta="right">{pct(a.nisc)}</Table.Td>
            <Table.Td aria-hidden>
              <Progress value={pctValue(a.nisc) ?? 0} color={a.weakest ? 'red' : 'blue'} size="md" />
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
