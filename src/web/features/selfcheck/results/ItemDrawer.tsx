import { Code, Drawer, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Results } from '../../../app/types.js';
import { localTitle, pct } from '../format.js';
import { useGroupLabel } from './labels.js';
import { itemAcrossGroups } from './model.js';

/** One item's 実施率 in each group that answers it, overall, and against last year. */
export function ItemDrawer({
  results: r,
  itemId,
  onClose,
}: {
  results: Results;
  itemId: string | null;
  onClose(): void;
}) {
  const { t, i18n } = useTranslation('selfcheck');
  const groupLabel = useGroupLabel();
  const meta = itemId ? r.items.find((i) => i.itemId === itemId) : undefined;
  const across = itemId ? itemAcrossGroups(r, itemId) : null;
  return (
    <Drawer opened={!!itemId} onClose={onClose} position="right" size="md" title={t('results.itemTitle')}>
      {itemId && across && (
        <Stack>
          <Stack gap={2}>
            <Code fz="sm" w="fit-content">
              {itemId}
            </Code>
            <Text fw={700}>{meta ? localTitle(meta, i18n.language) : ''}</Text>
            {meta && (
              <Text size="sm" c="dimmed">
                {t('results.chapterName', { no: meta.chapterNo, title: meta.chapterTitle })}
              </Text>
            )}
          </Stack>
          <Table aria-label={t('results.itemByGroup')} data-testid="item-by-group">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('results.col.group')}</Table.Th>
                <Table.Th ta="right">{t('results.col.answers')}</Table.Th>
                <Table.Th ta="right">{t('results.col.rate')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {across.groups.map(({ group, figure }) => (
                <Table.Tr key={group}>
                  <Table.Td>{groupLabel(group)}</Table.Td>
                  <Table.Td ta="right">
                    {t('results.implementedOf', { n: figure.implemented, of: figure.duty })}
                  </Table.Td>
                  <Table.Td ta="right">{pct(figure.rate)}</Table.Td>
                </Table.Tr>
              ))}
              {across.overall && (
                <Table.Tr fw={700}>
                  <Table.Td>{t('results.overall')}</Table.Td>
                  <Table.Td ta="right">
                    {t('results.implementedOf', { n: across.overall.implemented, of: across.overall.duty })}
                  </Table.Td>
                  <Table.Td ta="right">{pct(across.overall.rate)}</Table.Td>
                </Table.Tr>
              )}
            </Table.Tbody>
          </Table>
          {across.change && (
            <Text size="sm">
              {t('results.itemChange', {
                previous: pct(across.change.previous),
                current: pct(across.change.current),
              })}
            </Text>
          )}
        </Stack>
      )}
    </Drawer>
  );
}
