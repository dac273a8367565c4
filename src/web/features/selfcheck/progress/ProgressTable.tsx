import { Anchor, Group, Progress, Table, Text } from '@mantine/core';
import { IconChevronRight } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Progress as ProgressData } from '../../../app/types.js';
import { useLocalName } from '../../../app/units.js';
import { pct, share } from '../format.js';

type Row = ProgressData['unit'];

/** Submitted / in scope per unit, the unit itself first; units with units below can be opened. */
export function ProgressTable({ data, onOpen }: { data: ProgressData; onOpen(row: Row): void }) {
  const { t } = useTranslation('selfcheck');
  const name = useLocalName();
  // People whose role is held at the unit itself, not in a unit below it (e.g. the office at the root).
  const rest = (k: 'inScope' | 'submitted' | 'draft' | 'notStarted' | 'excluded') =>
    data.unit[k] - data.children.reduce((n, c) => n + c[k], 0);
  const direct: Row | null =
    data.children.length > 0 && rest('inScope') + rest('excluded') > 0
      ? {
          ...data.unit,
          nameJa: t('progress.direct', { unit: data.unit.nameJa }),
          nameEn: t('progress.direct', { unit: data.unit.nameEn ?? data.unit.nameJa }),
          hasChildren: false,
          inScope: rest('inScope'),
          submitted: rest('submitted'),
          draft: rest('draft'),
          notStarted: rest('notStarted'),
          excluded: rest('excluded'),
        }
      : null;
  const row = (r: Row, total: boolean) => {
    const rate = share(r.submitted, r.inScope);
    return (
      <Table.Tr
        key={total ? 'total' : r === direct ? 'direct' : r.unitId}
        fw={total ? 700 : undefined}
        bg={total ? 'gray.0' : undefined}
      >
        <Table.Td>
          {!total && r.hasChildren ? (
            <Anchor
              component="button"
              type="button"
              onClick={() => onOpen(r)}
              aria-label={t('progress.open', { unit: name(r) })}
            >
              <Group gap={4} wrap="nowrap">
                {name(r)}
                <IconChevronRight size={14} aria-hidden />
              </Group>
            </Anchor>
          ) : (
            <Text size="sm" fw={total ? 700 : undefined}>
              {total ? t('progress.total', { unit: name(r) }) : name(r)}
            </Text>
          )}
        </Table.Td>
        <Table.Td ta="right">{r.inScope.toLocaleString()}</Table.Td>
        <Table.Td ta="right">{r.submitted.toLocaleString()}</Table.Td>
        <Table.Td ta="right">{r.draft.toLocaleString()}</Table.Td>
        <Table.Td ta="right">{r.notStarted.toLocaleString()}</Table.Td>
        <Table.Td ta="right">{r.excluded.toLocaleString()}</Table.Td>
        <Table.Td miw={140}>
          <Group gap="xs" wrap="nowrap">
            <Progress
              value={(rate ?? 0) * 100}
              size="md"
              style={{ flex: 1 }}
              aria-hidden
              color={rate === 1 ? 'green' : 'blue'}
            />
            <Text size="sm" w={52} ta="right">
              {pct(rate)}
            </Text>
          </Group>
        </Table.Td>
      </Table.Tr>
    );
  };
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table verticalSpacing="xs" aria-label={t('progress.tableLabel')} data-testid="progress-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('progress.col.unit')}</Table.Th>
            <Table.Th ta="right">{t('progress.col.inScope')}</Table.Th>
            <Table.Th ta="right">{t('progress.col.submitted')}</Table.Th>
            <Table.Th ta="right">{t('progress.col.draft')}</Table.Th>
            <Table.Th ta="right">{t('progress.col.notStarted')}</Table.Th>
            <Table.Th ta="right">{t('progress.col.excluded')}</Table.Th>
            <Table.Th>{t('progress.col.rate')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {row(data.unit, true)}
          {data.children.map((c) => row(c, false))}
          {direct && row(direct, false)}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
